#!/usr/bin/env node
"use strict";
// A thin shim: commands live in src/cli/, compiled to dist/ by `npm install` (prepare).
const { main } = require("../dist/src/cli/main.js");

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`unawaited: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 3;
  },
);
