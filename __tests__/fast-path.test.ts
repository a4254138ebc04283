/**
 * The CLI's fast path (prefilter, plain walk, text edits) and the plain
 * jscodeshift path (the transform module, every file parsed) give the same
 * outputs and findings on the generated bench corpus.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import jscodeshift from "jscodeshift";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../bench/corpus";
import { loadConfigFile } from "../src/config/load";
import { DEFAULT_EXTENSIONS } from "../src/javascript/parsers";
import { allFiles, run } from "../src/runner/run";
import transform from "../transforms/fix-async-calls";
import { tempDir } from "./cli-helpers";

describe("fast path and jscodeshift path", () => {
  it("agree on every file of a generated corpus", async () => {
    const dir = path.join(tempDir(), "corpus");
    generateCorpus(dir, { files: 300, targetShare: 0.2, seed: 7 });
    const config = loadConfigFile(path.join(dir, "unawaited.config.json"));
    const result = await run({
      roots: [{ path: dir, config }],
      edits: new Set(["await", "sync-variant"]),
      extensions: DEFAULT_EXTENSIONS,
      gitignore: true,
      ignore: [],
      maxFileSize: 1024 * 1024,
    });
    const files = allFiles(result);
    expect(files.length).toBeGreaterThan(300);
    expect(files.filter((f) => f.status === "changed").length).toBeGreaterThan(20);

    for (const file of files) {
      const source = fs.readFileSync(file.file, "utf8");
      const reports: string[] = [];
      const api = { j: jscodeshift, jscodeshift, stats: () => undefined, report: (message: string) => reports.push(message) };
      const output = transform({ path: file.file, source }, api as never, { prefilter: "false" }) ?? source;
      expect(output, file.file).toBe(file.after ?? source);
      const manual = file.findings.filter((f) => f.action === "manual").map((f) => `${f.file}:${f.line}:${f.column}: ${f.target}: ${f.reason}`);
      expect(reports, file.file).toEqual(manual);
    }
  });
});
