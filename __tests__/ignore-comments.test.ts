/**
 * Ignore comments: which sites they silence is proven by the fixture pairs
 * `ignore-comments` (both languages). Here: what the engine says about them
 * (reasons, unused comments), and how each report format shows them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/validate";
import { decide } from "../src/decision/decide";
import { JAVASCRIPT, type SiteFacts } from "../src/decision/facts";
import { transformSource } from "../src/engine";
import { loadPython } from "../src/python/index";
import { tempDir, unawaited, writeTree } from "./cli-helpers";

const config = resolveConfig({ targets: [{ name: "load", sync: "loadSync" }] }, "ignore-comments");
const transform = (file: string, source: string) => transformSource({ source, file: `/r/${file}`, config, edits: new Set(["await", "sync-variant"]) });

beforeAll(loadPython);

describe("the decision", () => {
  const facts: SiteFacts = {
    language: JAVASCRIPT,
    scope: { kind: "async", where: "an async function" },
    returnAwait: "in-try-catch",
    direct: undefined,
    stored: { name: "m", references: [{ kind: "value", line: 3 }] },
    floating: false,
    handlesRejection: undefined,
    hazard: undefined,
    syncVariant: undefined,
    syncBlocker: () => undefined,
  };

  it("rule 0: a silenced site is ok with the comment's reason, whatever else the facts say", () => {
    expect(decide(facts).action).toBe("await");
    expect(decide({ ...facts, ignoredBy: { reason: "reviewed" } })).toEqual({ action: "ok", reason: "ignored by a comment: reviewed", ignored: true });
    expect(decide({ ...facts, scope: { kind: "sync", where: "f" }, ignoredBy: { reason: undefined } })).toEqual({ action: "ok", reason: "ignored by a comment", ignored: true });
  });
});

describe("the engine", () => {
  it.each([
    ["a.ts", "async function f() {\n  // unawaited-ignore-next-line: asserted later\n  const p = load();\n  // unawaited-ignore-next-line\n  other();\n  return p;\n}\n", 4, 3],
    ["a.py", "async def f():\n    p = load()  # unawaited: ignore[asserted later]\n    other()  # unawaited: ignore\n    return p\n", 3, 14],
  ])("%s: a silenced site is ok with the reason and flagged ignored; a comment that silences nothing is a warning at the comment", (file, source, line, column) => {
    const result = transform(file, source);
    expect(result.changed).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ action: "ok", reason: "ignored by a comment: asserted later", ignored: true })]);
    expect(result.warnings).toEqual([{ line, column, message: expect.stringContaining("silences no call site") }]);
  });

  it.each([
    ["a.ts", "export const x = 1; // unawaited-ignore: stale\n"],
    ["a.py", "x = 1  # unawaited: ignore[stale]\n"],
  ])("%s: a file that names no target is still read when it holds an ignore comment, which is then unused", (file, source) => {
    expect(transform(file, source).warnings).toHaveLength(1);
  });

  it.each([
    ["a.ts", "const s = 'unawaited-ignore-next-line';\nasync function f() { load(); } // a note on unawaited-ignore\n"],
    ["a.py", "s = '# unawaited: ignore'\nasync def f():\n    load()  # see unawaited: ignore docs\n"],
  ])("%s: the marker in a string or in the middle of a comment is not an ignore comment", (file, source) => {
    const result = transform(file, source);
    expect(result.findings.map((f) => f.action)).toEqual(["await"]);
    expect(result.warnings).toEqual([]);
  });
});

describe("the CLI", () => {
  it("counts ignored sites and unused comments in the summary and shows the warnings in every format", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "load" }] }),
      "a.ts": "export async function f() {\n  const a = load(); // unawaited-ignore: reviewed\n  // unawaited-ignore-next-line\n  return 1;\n}\n",
    });
    const text = unawaited(["check", "."], dir);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("a.ts:3:3  warning  this unawaited-ignore-next-line comment silences no call site");
    expect(text.stdout).toContain("1 already fine (1 ignored by comments); 1 unused ignore comment;");
    expect(unawaited(["list", "."], dir).stdout).toContain("ok      load: ignored by a comment: reviewed");

    const json = JSON.parse(unawaited(["check", "--json", "."], dir).stdout);
    expect(json.warnings).toEqual([{ file: "a.ts", line: 3, column: 3, message: expect.stringContaining("silences no call site") }]);
    expect(json.summary.sites.ignored).toBe(1);
    expect(json.summary.unusedIgnores).toBe(1);

    const sarif = JSON.parse(unawaited(["check", "--format", "sarif", "."], dir).stdout);
    expect(sarif.runs[0].results).toEqual([expect.objectContaining({ ruleId: "unused-ignore", locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ region: { startLine: 3, startColumn: 3 } }) })] })]);

    expect(unawaited(["check", "--format", "github", "."], dir).stdout).toContain("::warning file=a.ts,line=3,col=3,title=unawaited%3A unused ignore comment::");
  });
});
