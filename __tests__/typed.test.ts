/**
 * The typed engine against the syntactic one, scenario by scenario: each
 * project under __testfixtures__/projects/ has its tsconfig, a README that
 * states the expected result, and expected.json with both engines' findings,
 * so the difference is visible here.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfigFile } from "../src/config/load";
import type { Engine } from "../src/config/schema";
import { resolveConfig } from "../src/config/validate";
import { allFiles, run, type FileResult } from "../src/runner/run";
import { DEFAULT_EXTENSIONS } from "../src/parse/parsers";
import { discoverFiles } from "../src/runner/discover";
import { typedService } from "../src/typed/index";

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

    it("the program built from the files that can matter answers as the whole program", () => {
      const config = resolveConfig({ ...loadConfigFile(path.join(dir, "unawaited.config.json")), engine: "typed" }, "test", { baseDir: dir });
      const files = discoverFiles(dir, { extensions: DEFAULT_EXTENSIONS, gitignore: false, ignore: [] }).files;
      const fromRoots = typedService(dir, config);
      const whole = typedService(dir, config, { wholeProgram: true });
      const answers = (service: typeof whole) => Object.fromEntries(files.map((file) => {
        const calls = service.callsIn(file);
        return [path.relative(dir, file), calls === undefined ? "not in the project" : Object.fromEntries(calls)];
      }));
      expect(answers(fromRoots)).toEqual(answers(whole));
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

describe("the files the typed engine builds its program from (src/typed/roots.ts)", () => {
  const files: Record<string, string> = {
    "caller.ts": 'import { createX } from "./api";\nexport async function f() { createX(); }\n',
    "alias-caller.ts": 'import { createX as make } from "./api";\nexport async function f() { make(); }\n',
    "barrel.ts": 'export { createX } from "./api";\n',
    "comment-only.ts": 'import { other } from "./other";\n// createX is awaited elsewhere\nexport const g = () => other();\n',
    "api.ts": "export async function createX(): Promise<number> { return 1; }\n",
    "other.ts": "export function other(): number { return 2; }\n",
    "script.ts": "declare const registry: { connect(): Promise<void> };\n",
    "dynamic-import-script.ts": 'import("./other").then((m) => m.other());\n',
    "augments.ts": "export {};\ndeclare global {\n  var backup: number;\n}\n",
    "types-reference.ts": '/// <reference types="node" />\nexport const h = 1;\n',
    "uses-module.ts": 'import * as legacy from "legacy-api";\nexport const l = legacy;\n',
    "commonjs.js": 'const path = require("node:path");\nmodule.exports = () => path.join("a");\n',
    "legacy-script.js": "function helper() { return 1; }\n",
    "ambient.d.ts": "declare const ambient: number;\n",
    "refers.ts": '/// <reference path="./outside/old-globals.ts" />\nexport const r = 1;\n',
    "outside/old-globals.ts": "declare const legacy: number;\n",
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unawaited-roots-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, "outside"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { allowJs: true, noEmit: true, types: [] }, include: ["."], exclude: ["outside"] }));

  it("keeps callers, declarers, referenced files and modules that name a configured module; leaves barrels, mentions in comments and CommonJS out", async () => {
    const { programRoots } = await import("../src/typed/roots");
    const { loadProject } = await import("../src/typed/project");
    const loaded = loadProject(path.join(dir, "tsconfig.json"));
    const config = resolveConfig({ targets: [{ name: "createX" }, { name: "fetchLegacy", module: "legacy-api" }] }, "test", { baseDir: dir });
    const roots = programRoots(loaded.ts, loaded.fileNames, config).roots.map((file) => path.basename(file)).sort();
    expect(roots).toEqual([
      "alias-caller.ts", "ambient.d.ts", "augments.ts", "caller.ts", "dynamic-import-script.ts",
      "legacy-script.js", "old-globals.ts", "script.ts", "types-reference.ts", "uses-module.ts",
    ].sort());
  });
});
