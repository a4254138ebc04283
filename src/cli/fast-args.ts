/**
 * The common command line without loading yargs. yargs and its help
 * renderer (cliui, wrap-ansi, y18n) take about 70 ms to load, as long as
 * parsing a thousand files; an ordinary `unawaited check src/` needs none of
 * it. This parses with yargs-parser (what yargs itself uses) and the same
 * option table (options.ts), and gives up on anything out of the ordinary: help,
 * version, an unknown or misplaced flag, a bad choice, a missing value.
 * Then main() runs yargs, which prints the help or the error. A test checks
 * that both agree on every argument list where this one answers.
 */
import parse from "yargs-parser";
import { COMMANDS, type RunCommandName } from "./commands";
import { optionsOf } from "./options";

export interface FastArgs {
  readonly command: RunCommandName;
  /** Shaped like yargs' result: kebab-case and camelCase keys, `paths`. */
  readonly raw: Record<string, unknown>;
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The parsed command line, or undefined when yargs should handle it. */
export function fastParse(argv: readonly string[]): FastArgs | undefined {
  const first = argv[0];
  if (first === undefined || !(COMMANDS as readonly string[]).includes(first)) return undefined;
  // init takes options of its own (init.ts): yargs parses them.
  if (first === "init") return undefined;
  const command = first as RunCommandName;
  if (argv.includes("--")) return undefined;
  const specs = optionsOf(command);
  const parsed = parse([...argv.slice(1)], {
    boolean: specs.filter(([, s]) => s.kind === "boolean").map(([name]) => name),
    string: specs.filter(([, s]) => s.kind !== "boolean").map(([name]) => name),
    array: specs.filter(([, s]) => s.kind === "array").map(([name]) => name),
    narg: Object.fromEntries(specs.filter(([, s]) => s.kind === "array").map(([name]) => [name, 1])),
    alias: Object.fromEntries(specs.filter(([, s]) => s.aliases).map(([name, s]) => [name, [...s.aliases!]])),
    configuration: { "dot-notation": false, "parse-numbers": false, "parse-positional-numbers": false, "strip-aliased": false, "duplicate-arguments-array": true },
  });
  const known = new Set(["_", "--"]);
  for (const [name, spec] of specs) {
    known.add(name).add(camel(name));
    for (const alias of spec.aliases ?? []) known.add(alias).add(camel(alias));
  }
  if (Object.keys(parsed).some((key) => !known.has(key))) return undefined;
  const raw: Record<string, unknown> = {};
  for (const [name, spec] of specs) {
    const value = parsed[name] as unknown;
    if (value === undefined) {
      if (spec.default !== undefined) raw[name] = raw[camel(name)] = Array.isArray(spec.default) ? [] : spec.default;
      continue;
    }
    if (spec.kind === "array") {
      // `--target` with no value parses as []: yargs reports it.
      if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== "string" || item === "")) return undefined;
    } else if (spec.kind === "string") {
      if (typeof value !== "string" || value === "") return undefined;
      if (spec.choices && !spec.choices.includes(value)) return undefined;
    } else if (typeof value !== "boolean") {
      return undefined;
    }
    raw[name] = raw[camel(name)] = value;
    for (const alias of spec.aliases ?? []) raw[alias] = raw[camel(alias)] = value;
  }
  if (raw["quiet"] !== undefined && raw["verbose"] !== undefined) return undefined;
  const paths = parsed._.map(String);
  if (paths.some((p) => p === "")) return undefined;
  raw["paths"] = paths;
  return { command, raw };
}
