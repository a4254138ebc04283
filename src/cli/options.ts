/**
 * The command line's options, declared once: main.ts gives them to yargs
 * (help, validation), fast-args.ts parses the common case with them, and the
 * typo hints draw on their names. No yargs here, so the fast path does not
 * load it.
 */
import { CONFIG_FILE_NAME } from "../config/load";
import { TARGET_SPEC_GRAMMAR } from "../config/target-spec";
import type { CommandName } from "./commands";

export interface OptionSpec {
  /** `array`: a repeatable string option (`--target a --target b`). */
  readonly kind: "boolean" | "string" | "array";
  /** Other names for it: short flags, and the names other tools use (`--dry-run`, `--ignore-pattern`). */
  readonly aliases?: readonly string[];
  /** The one command that takes it; every command when absent. */
  readonly only?: CommandName;
  readonly choices?: readonly string[];
  readonly default?: unknown;
  /** `--no-<name>` is worth suggesting for a typo. */
  readonly negatable?: boolean;
  readonly describe: string;
  readonly group: string;
}

/** In help order: the options every command takes, then each command's own. */
export const OPTION_SPECS: Readonly<Record<string, OptionSpec>> = {
  config: { kind: "string", group: "Targets:", describe: `Config file for every path (default: ${CONFIG_FILE_NAME} or package.json "unawaited", found upward from each path)` },
  target: { kind: "array", default: [], group: "Targets:", describe: `Inline target ${TARGET_SPEC_GRAMMAR}; repeatable; replaces the config's targets` },
  extensions: { kind: "string", group: "Files:", describe: "Comma-separated extensions to scan (default: ts,tsx,mts,cts,js,jsx,mjs,cjs,py)" },
  ignore: { kind: "array", default: [], aliases: ["ignore-pattern"], group: "Files:", describe: "Skip files matching this .gitignore-style pattern, relative to each path; repeatable" },
  gitignore: { kind: "boolean", default: true, negatable: true, group: "Files:", describe: "Honour .gitignore files (--no-gitignore to scan ignored files too)" },
  "max-file-size": { kind: "string", default: "1MiB", group: "Files:", describe: "Skip larger files (reported as skipped)" },
  repos: { kind: "string", group: "Files:", describe: "A file listing one repository path a line (relative to the file); each gets its own config and summary" },
  shard: { kind: "string", group: "Files:", describe: "i/n: process this machine's slice of the files (of the repositories with --repos); n slices cover everything once" },
  format: { kind: "string", choices: ["text", "json", "sarif", "github"], default: "text", group: "Output:", describe: "Output format on stdout (github: workflow-command annotations for GitHub Actions)" },
  json: { kind: "boolean", default: false, group: "Output:", describe: "Same as --format json" },
  output: { kind: "string", aliases: ["o"], group: "Output:", describe: "Write what would go to stdout (report, diffs, data) to FILE instead, whole or not at all" },
  quiet: { kind: "boolean", aliases: ["q"], group: "Output:", describe: "Print only errors (and diffs or data asked for)" },
  verbose: { kind: "boolean", aliases: ["v"], group: "Output:", describe: "Also list sites that are already fine" },
  color: { kind: "boolean", negatable: true, group: "Output:", describe: "Colour the output (default: on a terminal, unless NO_COLOR is set)" },
  "fail-on-error": { kind: "boolean", default: false, group: "Output:", describe: "Exit 1 when a file cannot be read, parsed or written (or --verify rejects it)" },
  engine: { kind: "string", choices: ["syntactic", "typed"], group: "Engine:", describe: "How targets are found: by name (syntactic, default) or by symbol and type (typed, needs a tsconfig)" },
  project: { kind: "string", group: "Engine:", describe: "tsconfig.json for the typed engine (default: found upward from each path)" },
  "all-promises": { kind: "boolean", group: "Engine:", describe: "Typed engine: every call that returns a promise is a target" },
  propagate: { kind: "string", choices: ["off", "internal", "all"], group: "Engine:", describe: "Make a sync caller async where a target call has no sync variant, up the call chain across files (--propagate alone: all; internal: not a package entry point's exports)" },
  graph: { kind: "string", group: "Output:", describe: "Write the propagation graph to FILE: Mermaid (.mmd, .md) or Graphviz DOT (.dot)" },
  verify: { kind: "boolean", default: false, group: "Engine:", describe: "Type-check each changed file and its importers with the edits; refuse edits that add type errors" },
  dry: { kind: "boolean", default: false, aliases: ["dry-run", "print"], only: "fix", group: "Fix:", describe: "Print a unified diff per changed file; write nothing" },
  patch: { kind: "string", only: "fix", group: "Fix:", describe: "Write one patch of all changes to FILE (for git apply); source files are not written" },
  "patch-dir": { kind: "string", only: "fix", group: "Fix:", describe: "Write DIR/<repo-name>.patch per path, relative to it; source files are not written" },
  force: { kind: "boolean", default: false, only: "fix", group: "Fix:", describe: "Write even where files to be changed have uncommitted changes" },
  "fail-on-manual": { kind: "boolean", default: false, only: "fix", group: "Fix:", describe: "Exit 1 when sites needing manual attention are left (fix in CI)" },
  "allow-manual": { kind: "boolean", default: false, only: "check", group: "Check:", describe: "Exit 0 when only manual sites are left" },
  discover: { kind: "boolean", default: false, only: "init", group: "Init:", describe: "Find the async functions called without await in the code base and make them the targets" },
  yes: { kind: "boolean", default: false, aliases: ["y"], only: "init", group: "Init:", describe: "Write the config without asking" },
  "allow-unmatched": { kind: "boolean", default: false, only: "check", group: "Check:", describe: "Exit 0 even when a target matched no call site (a typo in a target otherwise fails the gate)" },
};

/** The options `command` takes, in help order; `own` picks only those no other command takes. */
export function optionsOf(command: CommandName, own = false): [string, OptionSpec][] {
  return Object.entries(OPTION_SPECS).filter(([, spec]) => (own ? spec.only === command : spec.only === undefined || spec.only === command));
}

/** Every flag name a user might have meant, for "did you mean". */
export const KNOWN_FLAGS: readonly string[] = [
  ...Object.entries(OPTION_SPECS).flatMap(([name, spec]) => [
    ...(spec.negatable ? [name, `no-${name}`] : [name]),
    ...(spec.aliases ?? []).filter((alias) => alias.length > 1),
  ]),
  "help",
  "version",
];
