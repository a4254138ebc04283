#!/usr/bin/env node
"use strict";
// A thin shim: commands live in src/cli/, compiled to dist/ by `npm install` (prepare).

// Ctrl-C stops the run between files; a second one exits at once. So do the
// signals that ask a process to end (kill, a closed terminal, Ctrl-\\), which
// would otherwise kill it in the middle of a write. The exit code is 128 + the
// signal's number, as for a process killed by it. Registered before anything
// loads, so an early signal is not lost either.
const controller = new AbortController();
let signalExitCode;
for (const [name, number] of [["SIGINT", 2], ["SIGTERM", 15], ["SIGHUP", 1], ["SIGQUIT", 3]]) {
  process.on(name, () => {
    if (controller.signal.aborted) process.exit(128 + number);
    signalExitCode = 128 + number;
    controller.abort();
  });
}

// A reader that closes the pipe early (`| head`) ends the run quietly: it stops
// between files, as on Ctrl-C, and exits 141 (128 + SIGPIPE) as a process killed
// by SIGPIPE would, with no further output.
let stdoutClosed = false;
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE" && !stdoutClosed) throw error;
  stdoutClosed = true;
  controller.abort();
  // The error may arrive after main() has finished and set the exit code.
  process.exitCode = 141;
});

const { main } = require("../dist/src/cli/main.js");

// A question on the terminal (init's prompt), only when stdin is one. Ctrl-C at
// the prompt aborts as it does elsewhere; Ctrl-D answers nothing ("no").
function ask(question) {
  const readline = require("node:readline");
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    rl.on("SIGINT", () => {
      controller.abort();
      rl.close();
    });
    rl.on("close", () => resolve(""));
    rl.question(question, (answer) => {
      resolve(answer);
      rl.close();
    });
  });
}

main(process.argv.slice(2), {
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  columns: process.stdout.columns || 100,
  signal: controller.signal,
  ...(process.stdin.isTTY ? { ask } : {}),
}).then(
  (code) => {
    // 130 says the run was interrupted: by the signal that did it.
    process.exitCode = stdoutClosed ? 141 : code === 130 && signalExitCode !== undefined ? signalExitCode : code;
  },
  (error) => {
    process.stderr.write(`unawaited: internal error, please report it: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 3;
  },
);
