/**
 * `unawaited init [path]`: writes unawaited.config.json for a repository,
 * from --target specs, from the async functions --discover finds called
 * without await, or both. It refuses to replace a config unless --force;
 * it writes with --yes, after asking on a terminal, and otherwise prints the
 * config and writes nothing. Returns the exit code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_FILE_NAME, PACKAGE_JSON_KEY } from "../config/load";
import type { TargetInput } from "../config/schema";
import { parseTargetSpec, TARGET_SPEC_GRAMMAR } from "../config/target-spec";
import { resolveConfig } from "../config/validate";
import { UnawaitedError } from "../errors";
import { discoverTargets, type TargetDiscovery } from "../init/discovery";
import { WELL_KNOWN_NAMES } from "../text/common-names";
import { configText, discoveryLines, initConfig, initJson, type InitConfig } from "../init/report";
import { exists, writeConfigFile } from "../init/write";
import { displayPath } from "../report/paths";
import { checkPaths, single } from "./argv";
import { EXIT, parseExtensions, parseSize, type Io } from "./commands";
import { OPTION_SPECS, type OptionSpec } from "./options";

export interface InitArgs {
  readonly paths: readonly string[];
  readonly target: readonly string[];
  readonly discover: boolean;
  readonly yes: boolean;
  readonly force: boolean;
  readonly json: boolean;
  readonly extensions: string | undefined;
  readonly ignore: readonly string[];
  readonly gitignore: boolean;
  readonly maxFileSize: string;
}

const spec = (name: string, changes: Partial<OptionSpec> = {}): [string, OptionSpec] => [name, { ...OPTION_SPECS[name]!, ...changes }];

/** init's options, in help order: most come from the common table, some say what they mean here. */
export const INIT_OPTIONS: readonly [string, OptionSpec][] = [
  spec("target", { group: "Init:", describe: `A target for the config, ${TARGET_SPEC_GRAMMAR}; repeatable (wins over a discovered one of the same name)` }),
  spec("discover"),
  spec("yes"),
  spec("force", { group: "Init:", describe: `Replace an existing ${CONFIG_FILE_NAME} (or write one beside a package.json "${PACKAGE_JSON_KEY}" key, which it then overrides)` }),
  spec("json", { describe: "Print the discovery (targets with their counts, skipped names with reasons) and the config as one JSON document" }),
  spec("extensions"),
  spec("ignore"),
  spec("gitignore"),
  spec("max-file-size"),
];

export const INIT_SUMMARY = `Write ${CONFIG_FILE_NAME} for a repository: from --target specs, or --discover the async functions called without await`;

export const INIT_EXAMPLES: readonly (readonly [string, string])[] = [
  ["$0 init --discover", "Find async functions called without await here; show them and the config, ask before writing"],
  ["$0 init --discover --yes && $0 check", "Write the discovered config without asking, then see every site"],
  ["$0 init --discover --json", "The discovery as JSON: targets with call counts, skipped names with reasons, the config"],
  ["$0 init --target 'loadAsync=>load' --yes", "A config with this target"],
  ["$0 init backend/ --discover --extensions py", "Python only, config in backend/"],
];

/** Paragraphs, one line each: yargs wraps them to the terminal. */
export const INIT_EPILOGUE = [
  "Writing: --yes writes without asking. On a terminal, init shows the config and asks; otherwise it prints the config to stdout (the report to stderr) and writes nothing. An existing config is never replaced without --force; the file is written whole or not at all.",
  "--discover: TypeScript and JavaScript `async` functions, arrow functions, class and object methods, and functions and methods declared to return Promise<…> or PromiseLike<…>; Python `async def` functions and methods. Of those, the names called somewhere without await (at least one call site whose action is not ok) become targets. A sync twin declared in the same module or class becomes the target's sync: xAsync/x, x_async/x, x/xSync, and x/x_sync in Python. Targets carry no module: each matches its calls by name.",
  `Skipped, with the reason: names also declared as a sync function or method elsewhere, async generators, names of one or two characters, Python special methods (__aenter__, …) and these well-known names: ${WELL_KNOWN_NAMES.join(", ")}.`,
  "Exit codes: 0 written, or shown and not written; 1 --discover found nothing to write; 2 bad usage (no --target and no --discover), a config already there (without --force), a path that does not exist; 130 interrupted (nothing written); 3 internal error.",
].join("\n\n");

/** The parsed options as init takes them; `extraPaths` are those after `--`. */
export function toInitArgs(raw: Record<string, unknown>, extraPaths: readonly string[] = []): InitArgs {
  const option = <T>(name: string): T | undefined => single<T>(raw, name);
  return {
    paths: checkPaths([...((raw["paths"] as string[] | undefined) ?? []), ...extraPaths]),
    target: (raw["target"] as string[] | undefined) ?? [],
    discover: option("discover") === true,
    yes: option("yes") === true,
    force: option("force") === true,
    json: option("json") === true,
    extensions: option("extensions"),
    ignore: (raw["ignore"] as string[] | undefined) ?? [],
    gitignore: option("gitignore") !== false,
    maxFileSize: option<string>("max-file-size") ?? "1MiB",
  };
}

export async function runInit(args: InitArgs, io: Io): Promise<number> {
  const root = initRoot(args.paths, io.cwd);
  if (args.target.length === 0 && !args.discover) {
    throw new UnawaitedError("USAGE", "init needs targets: pass --target SPEC or --discover", {
      hint: "e.g. unawaited init --target 'fetchUserAsync=>fetchUser', or unawaited init --discover to find async functions called without await",
    });
  }
  const file = path.join(root, CONFIG_FILE_NAME);
  const shown = displayPath(file, io.cwd);
  const existing = existingConfig(root);
  if (existing !== undefined && !args.force) {
    if (existing === file) throw exists(shown);
    throw new UnawaitedError("USAGE", `${displayPath(existing, io.cwd)} already holds a config (key "${PACKAGE_JSON_KEY}"): refusing to write another`, {
      hint: `edit it there, or pass --force to write ${CONFIG_FILE_NAME}, which then takes precedence`,
    });
  }
  const given: TargetInput[] = args.target.map(parseTargetSpec);
  if (given.length > 0) resolveConfig({ targets: given }, "--target");
  const extensions = parseExtensions(args.extensions);
  const maxFileSize = parseSize(args.maxFileSize);

  const discovery = args.discover
    ? await discoverTargets({
        root,
        extensions,
        gitignore: args.gitignore,
        ignore: args.ignore,
        maxFileSize,
        ...(io.signal ? { signal: io.signal } : {}),
        displayLocation: (l) => `${displayPath(l.file, io.cwd)}:${l.line}`,
      })
    : undefined;
  if (discovery?.interrupted) {
    io.stderr("unawaited: interrupted: nothing written\n");
    return EXIT.interrupted;
  }
  const config = initConfig(discovery?.targets ?? [], given);
  const write = () => {
    // --force replaces the config the user was told about; one that appeared since is still never overwritten.
    writeConfigFile(file, configText(config), { replace: args.force && existing === file, shown });
    if (existing !== undefined && existing !== file) io.stderr(`unawaited: note: ${CONFIG_FILE_NAME} now takes precedence over the "${PACKAGE_JSON_KEY}" key of ${displayPath(existing, io.cwd)}\n`);
  };
  if (args.json) {
    const written = config.targets.length > 0 && args.yes;
    if (written) write();
    io.stdout(`${JSON.stringify(initJson({ file, written, config, discovery, cwd: io.cwd }), null, 2)}\n`);
    return finish({ io, shown, targets: config.targets.length, written });
  }
  return present({ io, shown, config, discovery, yes: args.yes, write });
}

interface Presentation {
  readonly io: Io;
  /** The config file as the user sees it. */
  readonly shown: string;
  readonly config: InitConfig;
  readonly discovery: TargetDiscovery | undefined;
  readonly yes: boolean;
  readonly write: () => void;
}

/** The text report and the config; then write (--yes), ask (a terminal), or leave stdout to the config alone. */
async function present({ io, shown, config, discovery, yes, write }: Presentation): Promise<number> {
  const ask = !yes && io.stdoutIsTTY ? io.ask : undefined;
  const report = discovery ? `${discoveryLines(discovery, io.cwd).join("\n")}\n` : "";
  const text = configText(config);
  // Without a terminal to ask on, stdout carries the config alone; the report goes beside it.
  const printOnly = !yes && ask === undefined;
  if (config.targets.length === 0 || printOnly) {
    (printOnly ? io.stderr : io.stdout)(report);
    if (config.targets.length > 0) io.stdout(text);
    return finish({ io, shown, targets: config.targets.length, written: false });
  }
  io.stdout(`${report}${report ? "\n" : ""}${text}`);
  if (ask) {
    const answer = await ask(`Write ${shown}? [y/N] `);
    if (io.signal?.aborted) {
      io.stderr("\nunawaited: interrupted: nothing written\n");
      return EXIT.interrupted;
    }
    if (!/^\s*y(es)?\s*$/i.test(answer)) {
      io.stderr(`unawaited: ${shown} not written\n`);
      return EXIT.ok;
    }
  }
  write();
  io.stdout(`wrote ${shown}\n`);
  return finish({ io, shown, targets: config.targets.length, written: true });
}

/** The last word on stderr, and the exit code. */
function finish({ io, shown, targets, written }: { io: Io; shown: string; targets: number; written: boolean }): number {
  if (targets === 0) {
    io.stderr("unawaited: no async function is called without await here: nothing to write\n");
    return EXIT.found;
  }
  if (written) io.stderr(`unawaited: next: \`unawaited check\` lists every site, \`unawaited fix --dry\` shows the diff\n`);
  else io.stderr(`unawaited: ${shown} not written: pass --yes to write it\n`);
  return EXIT.ok;
}

/** The directory the config is for: the one path given, or the working directory. */
function initRoot(paths: readonly string[], cwd: string): string {
  if (paths.length > 1) {
    throw new UnawaitedError("USAGE", `init takes one directory, got ${paths.length}: ${paths.join(" ")}`, { hint: "run it once per directory" });
  }
  const shown = paths[0] ?? ".";
  const root = path.resolve(cwd, shown);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new UnawaitedError("PATH_NOT_FOUND", `path not found: ${shown}`, { hint: "check the spelling, or run from the repository root" });
  }
  if (!stat.isDirectory()) throw new UnawaitedError("USAGE", `${shown} is a file: init writes the config into a directory`, { hint: "pass the repository's directory" });
  return root;
}

/** The config at `root` already: its unawaited.config.json (whatever it is), or a package.json with the key. */
function existingConfig(root: string): string | undefined {
  const file = path.join(root, CONFIG_FILE_NAME);
  try {
    fs.lstatSync(file);
    return file;
  } catch {
    // None: look at package.json.
  }
  const manifest = path.join(root, "package.json");
  try {
    const data = JSON.parse(fs.readFileSync(manifest, "utf8")) as unknown;
    return typeof data === "object" && data !== null && PACKAGE_JSON_KEY in data ? manifest : undefined;
  } catch {
    return undefined;
  }
}
