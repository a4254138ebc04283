/**
 * The typed engine against the syntactic one, scenario by scenario: each
 * project under __testfixtures__/projects/ has its tsconfig, a README that
 * states the expected result, and expected.json with both engines' findings,
 * so the difference is visible here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load";
import type { Engine } from "../src/config/schema";
import { resolveConfig } from "../src/config/validate";
import { allFiles, run, type FileResult } from "../src/runner/run";
import { DEFAULT_EXTENSIONS } from "../src/javascript/parsers";

const PROJECTS = path.join(__dirname, "..", "__testfixtures__", "projects");

interface Expected {
  readonly syntactic: readonly string[];
  readonly typed: readonly string[];
  readonly verify?: { readonly rejected: readonly string[]; readonly verified: readonly string[] };
}

async function runEngine(dir: string, engine: Engine, verify = false): Promise<FileResult[]> {
  const base = loadConfigFile(path.join(dir, "unawaited.config.json"));
  const config = resolveConfig({ ...base, engine }, "test", { baseDir: dir });
  const result = await run({
    roots: [{ path: dir, config }],
    edits: new Set(["await", "sync-variant"]),
    extensions: DEFAULT_EXTENSIONS,
    gitignore: false,
    ignore: [],
    maxFileSize: 1024 * 1024,
    verify,
  });
  return allFiles(result);
}

function findingsOf(files: readonly FileResult[], dir: string): string[] {
  return files
    .flatMap((file) => file.findings.map((f) => `${path.relative(dir, f.file).split(path.sep).join("/")}:${f.line}:${f.column} ${f.action}`))
    .sort();
}

for (const scenario of fs.readdirSync(PROJECTS).sort()) {
  const dir = path.join(PROJECTS, scenario);
  const expected = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;

  describe(`project ${scenario}`, () => {
    it("has a tsconfig and a README stating the expected result", () => {
      expect(fs.existsSync(path.join(dir, "tsconfig.json"))).toBe(true);
      expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toMatch(/typed|both engines/);
    });

    it("syntactic engine", async () => {
      expect(findingsOf(await runEngine(dir, "syntactic"), dir)).toEqual([...expected.syntactic].sort());
    });

    it("typed engine", async () => {
      const files = await runEngine(dir, "typed");
      expect(findingsOf(files, dir)).toEqual([...expected.typed].sort());
      expect(files.filter((f) => f.status === "error")).toEqual([]);
    });

    if (expected.verify) {
      it("--verify", async () => {
        const files = await runEngine(dir, "typed", true);
        const relative = (f: FileResult) => path.relative(dir, f.file).split(path.sep).join("/");
        expect(files.filter((f) => f.status === "rejected").map(relative)).toEqual(expected.verify!.rejected);
        expect(files.filter((f) => f.status === "changed" && f.newDiagnostics?.length === 0).map(relative)).toEqual(expected.verify!.verified);
        const rejected = files.find((f) => f.status === "rejected")!;
        expect(rejected.newDiagnostics![0]).toMatchObject({ code: expect.any(Number), line: expect.any(Number), message: expect.any(String) });
      });
    }
  });
}
