/**
 * What both parsers (fast-args.ts and yargs) would read loosely, refused
 * before either runs, so an option that is not understood exactly never
 * turns into a run over other files. yargs-parser reads `--dry=yes` as
 * `dry: false` (a write), `--dry.x a.ts` as `dry: { x: "a.ts" }` (the path
 * lost, so the whole directory is fixed), and puts the paths after `--`
 * where no command sees them; a repeated single-valued option becomes an
 * array. Each of these is a usage error here, or handled as git and most
 * tools do: `--` ends the options.
 */
import { UnawaitedError } from "../errors";
import { OPTION_SPECS, type OptionSpec } from "./options";

export interface SplitArgv {
  /** The arguments before `--`, for the parsers. */
  readonly options: readonly string[];
  /** The arguments after `--`: paths, even where they start with `-`. */
  readonly paths: readonly string[];
}

const BY_ALIAS = new Map(Object.entries(OPTION_SPECS).flatMap(([name, spec]) => (spec.aliases ?? []).map((alias) => [alias, name] as const)));

export function splitArgv(argv: readonly string[]): SplitArgv {
  const end = argv.indexOf("--");
  const options = end === -1 ? argv : argv.slice(0, end);
  const paths = end === -1 ? [] : argv.slice(end + 1);
  for (const arg of options) checkFlag(arg);
  return { options: withPropagateValue(options), paths };
}

const PROPAGATE_VALUES: ReadonlySet<string> = new Set(OPTION_SPECS["propagate"]?.choices ?? []);

/**
 * `--propagate` alone means `all`. Its value is optional, so `--propagate
 * src/` must not take the path as the value: a bare flag not followed by one
 * of the values is written `--propagate=all` for both parsers.
 */
export function withPropagateValue(options: readonly string[]): readonly string[] {
  return options.map((arg, i) => (arg === "--propagate" && !PROPAGATE_VALUES.has(options[i + 1] ?? "") ? "--propagate=all" : arg));
}

/** A boolean flag's `=value` is `true` or `false`; a dotted name is no option of ours. */
function checkFlag(arg: string): void {
  const flag = /^(--?)([^=]+)(?:=(.*))?$/s.exec(arg);
  if (!flag || arg === "-") return;
  const [, dashes, given, value] = flag;
  const bare = dashes === "-" ? given! : given!.replace(/^no-/, "");
  const spec = OPTION_SPECS[BY_ALIAS.get(bare) ?? bare];
  if (given!.includes(".") && dashes === "--") {
    throw new UnawaitedError("USAGE", `unknown option ${arg}`, { hint: "run `unawaited --help` for the options" });
  }
  if (spec?.kind === "boolean" && value !== undefined && value !== "true" && value !== "false") {
    throw new UnawaitedError("USAGE", `${dashes}${given} takes no value (got ${arg})`, { hint: `write ${dashes}${given} alone, or ${dashes}${given}=false to turn it off` });
  }
}

/** The value of a single-valued option, refused when it was given more than once. */
export function single<T>(raw: Readonly<Record<string, unknown>>, name: string, spec: OptionSpec | undefined = OPTION_SPECS[name]): T | undefined {
  const value = raw[name];
  if (Array.isArray(value) && spec?.kind !== "array") {
    throw new UnawaitedError("USAGE", `--${name} was given ${value.length} times (${value.map(String).join(", ")})`, { hint: `give --${name} once` });
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    throw new UnawaitedError("USAGE", `--${name} cannot take sub-options`, { hint: "run `unawaited --help` for the options" });
  }
  return value as T | undefined;
}

/** Paths as given, refusing an empty one (a shell variable that expanded to nothing), which would mean the working directory. */
export function checkPaths(paths: readonly string[]): readonly string[] {
  if (paths.some((p) => p === "")) {
    throw new UnawaitedError("USAGE", "an empty path was given", { hint: "name the files or directories to process (`.` for the working directory)" });
  }
  return paths;
}
