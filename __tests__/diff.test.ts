/**
 * Diffs are built from the edits (src/report/hunks.ts), not by diffing whole
 * texts. jsdiff is the reference: on every fixture the two give the same
 * text, on random edits `git apply` turns the old text into the new one with
 * our patch, and building the diff grows linearly with the edits.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createTwoFilesPatch } from "diff";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/validate";
import { transformSource } from "../src/engine";
import { loadPython } from "../src/python/index";
import { fileDiff, patchOf, quotePath } from "../src/report/diff";
import { applyEdits, insertion, orderEdits, type TextEdit } from "../src/text/edits";
import type { FileResult } from "../src/runner/run";
import { fixturePairs, runFixture } from "./fixtures";
import { growthRatio } from "./growth";

/** What the diff was before: jsdiff over the whole texts, with git's header. */
function reference(name: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
  return `diff --git a/${name} b/${name}\n${patch.slice(patch.indexOf("\n") + 1)}`;
}

function changed(file: string, before: string, edits: readonly TextEdit[]): FileResult {
  const ordered = orderEdits(edits);
  return { file, status: "changed", findings: [], before, after: applyEdits(before, ordered), edits: ordered };
}

describe("diffs from edits", () => {
  it("equal jsdiff's on every fixture", async () => {
    await loadPython();
    let compared = 0;
    for (const transform of ["fix-async-calls", "await-async-calls", "use-sync-variant"]) {
      for (const pair of fixturePairs(transform)) {
        const source = fs.readFileSync(pair.inputFile, "utf8");
        const result = runFixture(pair, source, ["await", "sync-variant"]);
        if (!result.changed) continue;
        const file: FileResult = { file: "/r/x.ts", status: "changed", findings: [], before: source, after: result.output, edits: result.edits };
        expect(fileDiff(file, "/r"), pair.scenario).toBe(reference("x.ts", source, result.output));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it("turn the old text into the new one under git apply, on random edits (line endings, lone CRs, missing final newline, deleted and added lines)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unawaited-diff-"));
    try {
      let seed = 7;
      const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
      const pieces = ["a", "b", "", "a", "x = f();", "  y", "\r"];
      const results: FileResult[] = [];
      for (let round = 0; results.length < 1500; round++) {
        const eol = random(3) === 0 ? "\r\n" : "\n";
        let before = Array.from({ length: 1 + random(14) }, () => pieces[random(pieces.length)]).join(eol);
        if (random(2) === 0) before += eol;
        const edits: TextEdit[] = [];
        for (let at = random(4); at <= before.length && edits.length < 6; ) {
          const end = Math.min(before.length, at + random(4));
          const texts = ["await ", "", "\n", `x${eol}`, "(", `)${eol}y`];
          edits.push({ start: at, end, text: texts[random(texts.length)]!, rank: 0 });
          at = end + 1 + random(8);
        }
        const result = changed(path.join(dir, `f${round}.ts`), before, edits);
        if (result.after === before) continue;
        fs.writeFileSync(result.file, before);
        results.push(result);
      }
      fs.writeFileSync(path.join(dir, "all.patch"), patchOf(results, dir));
      const applied = spawnSync("git", ["apply", "--whitespace=nowarn", "all.patch"], { cwd: dir, encoding: "utf8" });
      expect(applied.stderr).toBe("");
      expect(applied.status).toBe(0);
      for (const result of results) expect(fs.readFileSync(result.file, "utf8"), JSON.stringify(result.before)).toBe(result.after);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("take time linear in the number of edits (8x the edits: well under the 64x of a quadratic build)", () => {
    const resultFor = (count: number): FileResult => {
      const before = `async function a() {\n${"  x = f();\n  y();\n".repeat(count)}}\n`;
      const edits = Array.from({ length: count }, (_, i) => insertion(21 + i * 18 + 6, "await "));
      return changed("/r/x.ts", before, edits);
    };
    const small = resultFor(5000);
    const large = resultFor(40000);
    // Linear is 8x, quadratic 64x (jsdiff's whole-text diff: 2,500 edits 3.4 s, 10,000 edits 49 s). Garbage
    // collection and caches add up to ~1.6x to the larger run: the bound leaves room for that.
    expect(growthRatio(() => fileDiff(small, "/r"), () => fileDiff(large, "/r"), 7)).toBeLessThan(24);
  });
});

describe("fix --dry on one file with many edits", () => {
  it.each([
    ["a.py", "async def a():\n", "    x = f()\n    y()\n"],
    ["a.ts", "async function a() {\n", "  x = f();\n  y();\n"],
  ])("%s: analysis, edits and diff take time linear in the number of edits (4x the edits, well under the 16x of a quadratic run)", async (file, head, line) => {
    await loadPython();
    const config = resolveConfig({ targets: [{ name: "f" }] }, "scaling");
    const dryRun = (count: number) => {
      const before = head + line.repeat(count) + (file.endsWith(".ts") ? "}\n" : "");
      const result = transformSource({ source: before, file: `/r/${file}`, config, edits: new Set(["await"]) });
      const diff = fileDiff({ file: `/r/${file}`, status: "changed", findings: result.findings, before, after: result.output, edits: result.edits }, "/r");
      expect(result.findings).toHaveLength(count);
      expect(diff.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++"))).toHaveLength(count);
    };
    // Python's stored-coroutine rule once read every reference of `x` for each store: 49 s for 10,000 (3.4 s for 2,500).
    expect(growthRatio(() => dryRun(1000), () => dryRun(4000), 2)).toBeLessThan(9);
  });
});

describe("paths in diff headers", () => {
  it("are quoted with C escapes as git writes them when they hold a quote, a backslash or a control character", () => {
    expect(quotePath("a/src/x.ts")).toBe("a/src/x.ts");
    expect(quotePath("a/src/with space/é.ts")).toBe("a/src/with space/é.ts");
    expect(quotePath("a/we\nird.ts")).toBe('"a/we\\nird.ts"');
    expect(quotePath('a/q"uo\\te\t.ts')).toBe('"a/q\\"uo\\\\te\\t.ts"');
    expect(quotePath("a/bell\u0007\u0001.ts")).toBe('"a/bell\\a\\001.ts"');
  });
});
