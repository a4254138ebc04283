/**
 * SARIF for code scanning: every rule has help text, and each result that
 * unawaited can fix carries the fix, as replacements a UI can apply.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copySampleProject, readTree, unawaited } from "./cli-helpers";

interface Replacement {
  deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  insertedContent?: { text: string };
}

/** Applies replacements (1-based lines and UTF-16 columns) to `text`, from the last to the first. */
function apply(text: string, replacements: readonly Replacement[]): string {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const offset = (line: number, column: number) => starts[line - 1]! + column - 1;
  const ranges = replacements
    .map((r) => ({ start: offset(r.deletedRegion.startLine, r.deletedRegion.startColumn), end: offset(r.deletedRegion.endLine, r.deletedRegion.endColumn), text: r.insertedContent?.text ?? "" }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const range of ranges) out = out.slice(0, range.start) + range.text + out.slice(range.end);
  return out;
}

describe("--format sarif", () => {
  it.each(["sample-project", "python-sample-project"])("%s: the fixes of all results, applied, write what fix writes; every rule has help", (project) => {
    const dir = copySampleProject(project);
    const before = readTree(dir);
    const sarif = JSON.parse(unawaited(["check", "--format", "sarif", "."], dir).stdout);
    const run = sarif.runs[0];
    for (const rule of run.tool.driver.rules) expect(rule.help.text.length).toBeGreaterThan(80);
    expect(run.columnKind).toBe("utf16CodeUnits");
    const fixable = run.results.filter((r: { ruleId: string }) => r.ruleId === "await" || r.ruleId === "sync-variant");
    expect(fixable.length).toBeGreaterThan(0);
    const byFile = new Map<string, Map<string, Replacement[]>>();
    for (const result of fixable) {
      expect(result.fixes).toHaveLength(1);
      const change = result.fixes[0].artifactChanges[0];
      const fixes = byFile.get(change.artifactLocation.uri) ?? new Map<string, Replacement[]>();
      // Switches that share import edits carry the same fix: apply it once.
      fixes.set(JSON.stringify(change.replacements), change.replacements);
      byFile.set(change.artifactLocation.uri, fixes);
    }
    const manual = run.results.filter((r: { ruleId: string }) => r.ruleId === "manual");
    for (const result of manual) expect(result.fixes).toBeUndefined();

    expect(unawaited(["fix", "--force", "."], dir).status).toBe(0);
    const after = readTree(dir);
    for (const [uri, fixes] of byFile) {
      const file = decodeURIComponent(uri);
      expect(apply(before[file]!, [...fixes.values()].flat())).toBe(after[file]);
    }
    expect(Object.keys(after).filter((file) => after[file] !== before[file]).sort()).toEqual([...byFile.keys()].map(decodeURIComponent).sort());
  });

  it("one await's fix, applied alone, awaits that call and nothing else", () => {
    const dir = copySampleProject();
    const sarif = JSON.parse(unawaited(["check", "--format", "sarif", "."], dir).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "await");
    const change = result.fixes[0].artifactChanges[0];
    const file = path.join(dir, decodeURIComponent(change.artifactLocation.uri));
    const text = fs.readFileSync(file, "utf8");
    const fixed = apply(text, change.replacements);
    const line = result.locations[0].physicalLocation.region.startLine;
    const changed = fixed.split("\n").map((l, i) => [i + 1, l] as const).filter(([i, l]) => l !== text.split("\n")[i - 1]);
    expect(changed.map(([i]) => i)).toEqual([line]);
    expect(changed[0]![1]).toContain("await ");
  });
});
