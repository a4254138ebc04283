/**
 * The `unawaited` command line. `main` parses arguments, runs a command and
 * returns the exit code; it never calls process.exit (bin/ sets exitCode).
 */
import type { Argv, Options } from "yargs";
import { CONFIG_FILE_NAME } from "../config/load";
import { TARGET_SPEC_GRAMMAR } from "../config/target-spec";
import { isUnawaitedError, UnawaitedError } from "../errors";
import { packageVersion } from "../fs-paths";
import { COMMANDS, EXIT, runCommand, type CommandArgs, type CommandName, type Io } from "./commands";
import { checkPaths, single, splitArgv, withPropagateValue } from "./argv";
import { fastParse, type FastArgs } from "./fast-args";
import { KNOWN_FLAGS, OPTION_SPECS, optionsOf, type OptionSpec } from "./options";
import { fatalJsonReport } from "../report/json";
import { fatalSarifReport } from "../report/sarif";
import { closest } from "../text/suggest";
import { INIT_EPILOGUE, INIT_EXAMPLES, INIT_OPTIONS, INIT_SUMMARY, runInit, toInitArgs } from "./init";

export { EXIT, type Io };

const EXIT_CODES_TEXT = [
  "Exit codes:",
  "  0    the run completed (fix and list, with or without findings; check with nothing to do)",
  "  1    check found sites to fix or manual sites (manual ones only without --allow-manual)",
  "       or a target that matched nothing (without --allow-unmatched); --repos: a repository failed;",
  "       fix --fail-on-manual left manual sites; or --fail-on-error and a file failed;",
  "       init --discover found nothing to write",
  "  2    bad usage or config, a path that does not exist, fix refused a dirty git tree,",
  "       or init refused to replace a config",
  "  130  interrupted (Ctrl-C): files written so far are whole, the rest untouched",
  "  143, 129, 131  stopped by SIGTERM, SIGHUP or SIGQUIT: as on Ctrl-C",
  "  141  stdout was closed early (| head): the run stopped as on Ctrl-C",
  "  3    internal error (a bug in unawaited: please report it with the message)",
].join("\n");

const CONFIG_TEXT = [
  `Config: ${CONFIG_FILE_NAME}, e.g. { "targets": [{ "name": "createWebSocketManager" }, { "name": "setWebsocketManagerAsync", "sync": "setWebsocketManager" }, { "name": "cookies", "module": "next/headers" }] }`,
  `Inline targets: --target ${TARGET_SPEC_GRAMMAR}, e.g. createWebSocketManager, 'fAsync=>f', 'next/headers#cookies'.`,
  "Languages: JavaScript and TypeScript (Babel; the typed engine: TypeScript's checker) and Python (.py, tree-sitter; module targets are dotted paths such as app.ws.factory).",
  "See README.md for the rules.",
].join("\n");

/** One option from the table (options.ts), as yargs takes it. */
function yargsOption(spec: OptionSpec): Options {
  const base: Options = {
    describe: spec.describe,
    group: spec.group,
    ...(spec.aliases !== undefined ? { alias: [...spec.aliases] } : {}),
    ...(spec.default !== undefined ? { default: Array.isArray(spec.default) ? [...spec.default] : spec.default } : {}),
  };
  if (spec.choices) return { ...base, choices: [...spec.choices] };
  if (spec.kind === "array") return { ...base, type: "string", array: true, nargs: 1 };
  return { ...base, type: spec.kind };
}

function withOptions<T>(y: Argv<T>, options: readonly [string, OptionSpec][]): Argv<T> {
  return options.reduce((built, [name, spec]) => built.option(name, yargsOption(spec)), y);
}

/** Options every command takes. */
function withRunOptions<T>(y: Argv<T>) {
  const common = Object.entries(OPTION_SPECS).filter(([, spec]) => spec.only === undefined);
  return withOptions(y.positional("paths", { type: "string", array: true, default: [] as string[], describe: "Files and directories (default: .); each is a root with its own config" }), common)
    .conflicts("quiet", "verbose")
    .epilogue(`${EXIT_CODES_TEXT}\n\n${CONFIG_TEXT}`);
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const version = packageVersion();
  try {
    // The common case skips loading yargs (fast-args.ts); help and errors come from yargs.
    const { options, paths } = splitArgv(argv);
    const fast = fastParse(options);
    if (fast) return await runCommand(fast.command, toCommandArgs(fast.raw, version, paths), io);
    let exitCode: number = EXIT.ok;
    const parser = await buildParser(options, io, version, async (name, raw) => {
      exitCode = name === "init" ? await runInit(toInitArgs(raw, paths), io) : await runCommand(name, toCommandArgs(raw, version, paths), io);
    });
    let output = "";
    await parser.parseAsync([...options], {}, (_error, _argv, text) => {
      output = text;
    });
    if (output) io.stdout(`${output}\n`);
    return exitCode;
  } catch (error) {
    if (isUnawaitedError(error)) {
      io.stderr(`unawaited: error: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ""}`);
      // A script that reads stdout gets a document to parse, with the error in it, not an empty stream.
      const format = requestedFormat(argv);
      if (format === "json") io.stdout(`${JSON.stringify(fatalJsonReport(error), null, 2)}\n`);
      if (format === "sarif") io.stdout(`${JSON.stringify(fatalSarifReport(error, version), null, 2)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** The output format the arguments ask for, read leniently: they may be what failed to parse. */
function requestedFormat(argv: readonly string[]): string | undefined {
  let format: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === "--json" || arg === "--json=true") format = "json";
    else if (arg === "--format") format = argv[i + 1];
    else if (arg.startsWith("--format=")) format = arg.slice("--format=".length);
  });
  return format;
}

/** What yargs makes of `argv`, for the test that holds fast-args.ts to it; undefined for help, version or an error. */
export async function parseWithYargs(argv: readonly string[]): Promise<FastArgs | undefined> {
  let result: FastArgs | undefined;
  const io: Io = { stdout: () => {}, stderr: () => {}, cwd: process.cwd(), env: {}, stdoutIsTTY: false, stderrIsTTY: false, columns: 100 };
  try {
    const parser = await buildParser(argv, io, "0.0.0", async (command, raw) => {
      result = command === "init" ? undefined : { command, raw };
    });
    await parser.parseAsync([...withPropagateValue(argv)], {}, () => {});
  } catch {
    return undefined;
  }
  return result;
}

/** The command `argv` runs when it parses without a usage error (init included); undefined for help, version or an error. */
export async function commandOf(argv: readonly string[]): Promise<CommandName | undefined> {
  let command: CommandName | undefined;
  const io: Io = { stdout: () => {}, stderr: () => {}, cwd: process.cwd(), env: {}, stdoutIsTTY: false, stderrIsTTY: false, columns: 100 };
  try {
    const parser = await buildParser(argv, io, "0.0.0", async (name) => {
      command = name;
    });
    await parser.parseAsync([...withPropagateValue(argv)], {}, () => {});
  } catch {
    return undefined;
  }
  return command;
}

async function buildParser(
  argv: readonly string[],
  io: Io,
  version: string,
  run: (name: CommandName, raw: Record<string, unknown>) => Promise<void>,
): Promise<Argv> {
  const { default: yargs } = await import("yargs");
  const handle = (name: CommandName) => (raw: Record<string, unknown>) => run(name, raw);
  return yargs([...argv])
    .scriptName("unawaited")
    .usage("Usage: $0 <command> [paths..] [options]\n\nAwait forgotten calls of async functions, and switch sync code to their sync variants.")
    .command(
      ["fix [paths..]", "$0 [paths..]"],
      "Rewrite files in place (the default command); --dry or --patch to only show the change",
      (y) =>
        withOptions(withRunOptions(y), optionsOf("fix", true))
          .example("$0 fix src/", "Fix src/ in place, then review with git diff")
          .example("$0 fix --dry src/", "Review: coloured diffs, nothing written")
          .example("$0 fix --patch fixes.patch src/", "Review: one patch to attach (git apply fixes.patch)")
          .example("$0 fix --target 'fAsync=>f' src/", "No config file: an inline target with its sync variant")
          .example("$0 fix --repos repos.txt --patch-dir patches/", "Bulk: one patch per repository")
          .example("$0 fix --repos repos.txt --shard 2/4", "Bulk on a CI matrix: this machine's quarter of the repositories")
          .example("$0 fix --engine typed --verify src/", "Resolve targets by symbol and type; refuse edits that add type errors")
          .example("$0 fix --dry --extensions py backend/", "Python only: the same rules for async def, asyncio and from-imports"),
      handle("fix"),
    )
    .command(
      "check [paths..]",
      "Write nothing; exit 1 when a fix is pending or a site needs manual attention (for CI)",
      (y) =>
        withOptions(withRunOptions(y), optionsOf("check", true))
          .example("$0 check src/", "CI gate: fail when any call is left unawaited")
          .example("$0 check --format sarif src/ > unawaited.sarif", "Upload to a code-scanning UI")
          .example("$0 check --json src/", "Findings and summary for scripts"),
      handle("check"),
    )
    .command(
      "list [paths..]",
      "Print every matched site with its status, grouped by file (audit)",
      (y) => withRunOptions(y).example("$0 list src/", "Every call of every target: awaited, switched, manual or already fine"),
      handle("list"),
    )
    .command(
      "init [paths..]",
      INIT_SUMMARY,
      (y) =>
        INIT_EXAMPLES.reduce((built, [command, text]) => built.example(command, text), withOptions(y.positional("paths", { type: "string", array: true, default: [] as string[], describe: "The directory to write the config into (default: .)" }), INIT_OPTIONS))
          .epilogue(INIT_EPILOGUE),
      handle("init"),
    )
    .parserConfiguration({ "dot-notation": false })
    .strict()
    .recommendCommands()
    .help()
    .alias("h", "help")
    .version(version)
    .wrap(Math.min(110, io.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs' own validation errors (a flag without its value, …) are usage errors too.
      if (error && error.name !== "YError") throw error;
      throw usageError(message ?? error?.message ?? "invalid arguments", argv);
    });
}

/** The parsed options as the commands take them; `extraPaths` are those after `--`. */
export function toCommandArgs(raw: Record<string, unknown>, version: string, extraPaths: readonly string[] = []): CommandArgs {
  const option = <T>(name: string): T | undefined => single<T>(raw, name);
  const format = option<CommandArgs["format"]>("format") ?? "text";
  if (option("json") === true && format !== "text" && format !== "json") {
    throw new UnawaitedError("USAGE", `--json and --format ${format} ask for two formats`, { hint: "pass one of them" });
  }
  return {
    paths: checkPaths([...((raw["paths"] as string[] | undefined) ?? []), ...extraPaths]),
    repos: option("repos"),
    config: option("config"),
    target: (raw["target"] as string[] | undefined) ?? [],
    shard: option("shard"),
    extensions: option("extensions"),
    ignore: (raw["ignore"] as string[] | undefined) ?? [],
    gitignore: option("gitignore") !== false,
    maxFileSize: option<string>("max-file-size") ?? "1MiB",
    format: option("json") === true ? "json" : format,
    output: option("output"),
    failOnError: option("fail-on-error") === true,
    quiet: option("quiet") === true,
    verbose: option("verbose") === true,
    color: option("color"),
    dry: option("dry") === true,
    patch: option("patch"),
    patchDir: option("patch-dir"),
    force: option("force") === true,
    allowManual: option("allow-manual") === true,
    allowUnmatched: option("allow-unmatched") === true,
    failOnManual: option("fail-on-manual") === true,
    engine: option("engine"),
    project: option("project"),
    allPromises: option("all-promises"),
    verify: option("verify") === true,
    propagate: option("propagate"),
    graph: option("graph"),
    version,
  };
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** yargs' message, plus a suggestion for a mistyped flag. */
function usageError(message: string, argv: readonly string[]): UnawaitedError {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const names = unknown[1]!.split(", ").map((name) => name.trim());
    const hints = names.map((name) => {
      const flag = argv.find((arg) => arg.replace(/^-+/, "").split("=")[0] === name) ?? name;
      const owner = OPTION_SPECS[kebab(name)]?.only;
      if (owner) return `${flag} is an option of \`unawaited ${owner}\``;
      const suggestion = closest(name, KNOWN_FLAGS);
      return suggestion ? `${flag}: did you mean --${suggestion}?` : undefined;
    }).filter((hint): hint is string => hint !== undefined);
    return new UnawaitedError("USAGE", message, { hint: hints.length > 0 ? hints.join("; ") : "run `unawaited --help` for the options" });
  }
  const command = /^Unknown command: (.+)$/.exec(message);
  if (command) {
    const suggestion = closest(command[1]!, COMMANDS);
    return new UnawaitedError("USAGE", message, { hint: suggestion ? `did you mean \`unawaited ${suggestion}\`?` : `commands: ${COMMANDS.join(", ")}` });
  }
  return new UnawaitedError("USAGE", message, { hint: "run `unawaited --help` for usage" });
}

