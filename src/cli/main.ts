/**
 * The `unawaited` command line. `main` parses arguments, runs, reports, and
 * returns the exit code; it never calls process.exit (bin/ sets exitCode).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import yargs from "yargs";
import { findConfigFile, loadConfigFile, CONFIG_FILE_NAME } from "../config/load";
import type { ResolvedConfig } from "../config/schema";
import type { EditKind } from "../engine";
import { isUnawaitedError, UnawaitedError } from "../errors";
import { DEFAULT_EXTENSIONS } from "../parse/parsers";
import { fileDiff } from "../report/diff";
import { jsonReport } from "../report/json";
import { siteLines, summaryLine } from "../report/text";
import { run, type RunGroup } from "../runner/run";

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

interface FixArgs {
  readonly paths: readonly string[];
  readonly config: string | undefined;
  readonly dry: boolean;
  readonly json: boolean;
}

const EDITS: ReadonlySet<EditKind> = new Set(["await", "sync-variant"]);

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const parser = yargs([...argv])
    .scriptName("unawaited")
    .usage("$0 [command] [paths..]\n\nAwait forgotten calls of async functions, and switch sync code to sync variants.")
    .command(
      ["fix [paths..]", "$0 [paths..]"],
      "Rewrite files in place (or show a diff with --dry)",
      (y) =>
        y
          .positional("paths", { type: "string", array: true, default: ["."], describe: "Files and directories (recursive; node_modules and .gitignore'd files skipped)" })
          .option("config", { type: "string", describe: `Config file (default: ${CONFIG_FILE_NAME} found upward from each path)` })
          .option("dry", { type: "boolean", default: false, describe: "Print a unified diff per changed file; write nothing" })
          .option("json", { type: "boolean", default: false, describe: "Print { findings, errors, summary } as JSON on stdout" })
          .example("$0 fix src/", "await forgotten calls under src/, in place")
          .example("$0 fix --dry src/", "show the diff, write nothing")
          .example("$0 fix --json src/ > report.json", "machine-readable findings"),
      async (args) => {
        exitCode = runFix({ paths: args.paths ?? ["."], config: args.config, dry: args.dry, json: args.json }, io);
      },
    )
    .strict()
    .recommendCommands()
    .epilogue(
      "Exit codes: 0 ran (findings or not), 2 bad usage or config.\n"
      + `Config: ${CONFIG_FILE_NAME} with { "targets": [{ "name": "createWebSocketManager" }, { "name": "setWebsocketManagerAsync", "sync": "setWebsocketManager" }] }.`,
    )
    .help()
    .alias("h", "help")
    .version(packageVersion())
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      throw new UnawaitedError("USAGE", message, { hint: "run `unawaited --help` for usage" });
    });

  try {
    let output = "";
    await parser.parseAsync([...argv], {}, (_error, _argv, text) => {
      output = text;
    });
    if (output) io.stdout(`${output}\n`);
    return exitCode;
  } catch (error) {
    if (isUnawaitedError(error)) {
      io.stderr(`unawaited: error: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ""}`);
      return error.exitCode;
    }
    throw error;
  }
}

function runFix(args: FixArgs, io: Io): number {
  const groups = configGroups(args.paths, args.config, io.cwd);
  const result = run({ groups, write: !args.dry, edits: EDITS, extensions: DEFAULT_EXTENSIONS, gitignore: true });
  if (args.json) {
    io.stdout(`${JSON.stringify(jsonReport(result, io.cwd), null, 2)}\n`);
    return EXIT.ok;
  }
  const report = args.dry ? io.stderr : io.stdout;
  if (args.dry) {
    for (const file of result.files) {
      const diff = fileDiff(file, io.cwd);
      if (diff) io.stdout(diff);
    }
  }
  const lines = siteLines(result, { cwd: io.cwd, includeOk: false });
  if (lines.length > 0) report(`${lines.join("\n")}\n`);
  report(`${summaryLine(result.summary)}\n`);
  return EXIT.ok;
}

/**
 * Each path uses the config found upward from it, so one command can cover
 * several projects; `--config` overrides for all.
 */
function configGroups(paths: readonly string[], configFile: string | undefined, cwd: string): RunGroup[] {
  const resolved = paths.map((p) => path.resolve(cwd, p));
  for (const [index, absolute] of resolved.entries()) {
    if (!fs.existsSync(absolute)) {
      throw new UnawaitedError("PATH_NOT_FOUND", `path not found: ${paths[index]}`, { hint: "check the spelling, or run from the repository root" });
    }
  }
  if (configFile !== undefined) return [{ paths: resolved, config: loadConfigFile(path.resolve(cwd, configFile)) }];
  const byConfig = new Map<string, { config: ResolvedConfig; paths: string[] }>();
  for (const [index, absolute] of resolved.entries()) {
    const found = findConfigFile(absolute);
    if (!found) {
      throw new UnawaitedError("CONFIG_NOT_FOUND", `no ${CONFIG_FILE_NAME} found for ${paths[index]} (looked in it and every directory above)`, {
        hint: `create ${CONFIG_FILE_NAME} with { "targets": [{ "name": "yourAsyncFunction" }] }, or pass --config FILE`,
      });
    }
    const group = byConfig.get(found) ?? { config: loadConfigFile(found), paths: [] };
    group.paths.push(absolute);
    byConfig.set(found, group);
  }
  return [...byConfig.values()];
}

function packageVersion(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const data = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (data.name === "unawaited") return data.version ?? "0.0.0";
    }
    const parent = path.dirname(dir);
    if (parent === dir) return "0.0.0";
    dir = parent;
  }
}
