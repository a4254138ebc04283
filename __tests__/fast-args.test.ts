/**
 * fast-args.ts parses the common command line without yargs. Wherever it
 * answers, its answer must be yargs' answer; wherever it gives up, yargs
 * runs (and prints the help or the error).
 */
import { describe, expect, it } from "vitest";
import { fastParse } from "../src/cli/fast-args";
import { parseWithYargs, toCommandArgs } from "../src/cli/main";

const FAST: readonly (readonly string[])[] = [
  ["fix"],
  ["fix", "."],
  ["fix", "--dry", "src", "lib"],
  ["check", "--json", "."],
  ["check", "--format", "sarif", "."],
  ["check", "--format=json"],
  ["list", "-q", "."],
  ["check", "-v", "."],
  ["fix", "--no-gitignore", "."],
  ["fix", "--gitignore=false", "."],
  ["fix", "--target", "a", "--target", "b=>c", "."],
  ["fix", "--target=next/headers#cookies", "src"],
  ["fix", "--ignore", "dist/**", "--ignore", "*.gen.ts", "."],
  ["fix", "--max-file-size", "2MiB", "."],
  ["fix", "--color", "."],
  ["fix", "--no-color", "."],
  ["check", "--allow-manual", "."],
  ["fix", "--engine", "typed", "--verify", "--project", "tsconfig.json", "."],
  ["fix", "--all-promises", "."],
  ["fix", "--shard", "1/2", "--repos", "repos.txt"],
  ["fix", "--patch", "out.patch", "."],
  ["fix", "--patch-dir", "patches", "."],
  ["fix", "--force", "--fail-on-error", "."],
  ["fix", "--dry=false", "."],
  ["fix", "--extensions", "ts,py", "."],
  ["fix", "123", "src"],
  ["fix", "--dry", "--dry", "."],
  ["fix", "--dry", "--no-dry", "."],
  ["check", "--json", "--format", "json", "."],
  ["list", "--quiet"],
  ["fix", "--dry-run", "."],
  ["fix", "--print", "src"],
  ["fix", "--ignore-pattern", "dist/**", "--ignore", "*.gen.ts", "."],
  ["check", "-o", "report.sarif", "--format", "sarif", "."],
  ["check", "--output=report.json", "--json"],
  ["check", "--format", "github", "."],
  ["fix", "--fail-on-manual", "--dry", "."],
];

const TO_YARGS: readonly (readonly string[])[] = [
  [],
  ["src"],
  ["--help"],
  ["fix", "--help"],
  ["fix", "-h"],
  ["--version"],
  ["fix", "--version"],
  ["fxi", "."],
  ["fix", "--dyr", "."],
  ["fix", "-x", "."],
  ["fix", "--allow-manual", "."],
  ["check", "--dry", "."],
  ["list", "--patch", "p"],
  ["fix", "--format", "xml", "."],
  ["fix", "--engine", "magic", "."],
  ["fix", "--config"],
  ["fix", "--target"],
  ["fix", "--config", "a.json", "--config", "b.json"],
  ["fix", "--quiet", "--verbose"],
  ["fix", "-qv"],
  ["fix", "--", "-weird"],
];

async function yargsArgs(argv: readonly string[]) {
  const parsed = await parseWithYargs(argv);
  return parsed && { command: parsed.command, args: settle(() => toCommandArgs(parsed.raw, "0.0.0")) };
}

function settle<T>(run: () => T): T | { error: string } {
  try {
    return run();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe("fast argument parsing", () => {
  for (const argv of FAST) {
    it(`${JSON.stringify(argv)}: parsed without yargs, as yargs parses it`, async () => {
      const fast = fastParse(argv);
      expect(fast).toBeDefined();
      const expected = await yargsArgs(argv);
      expect(expected).toBeDefined();
      expect({ command: fast!.command, args: settle(() => toCommandArgs(fast!.raw, "0.0.0")) }).toEqual(expected);
    });
  }

  for (const argv of TO_YARGS) {
    it(`${JSON.stringify(argv)}: left to yargs`, () => {
      expect(fastParse(argv)).toBeUndefined();
    });
  }
});
