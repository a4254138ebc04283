/** --verify's reach (typed/importers.ts): which unchanged files are checked with a changed file. */
import * as path from "node:path";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { importGraph } from "../src/typed/importers";
import { tempDir, writeTree } from "./cli-helpers";

/** The importers of src/api.ts (relative paths, sorted), in a program of `files` plus api.ts. */
function importersOfApi(files: Readonly<Record<string, string>>): string[] {
  const dir = tempDir();
  writeTree(dir, { "src/api.ts": "export function load(): number {\n  return 1;\n}\nexport type N = number;\n", ...files });
  const names = ["src/api.ts", ...Object.keys(files)].map((name) => path.join(dir, name).split(path.sep).join("/"));
  const program = ts.createProgram(names, { strict: true, noEmit: true, allowJs: true, checkJs: true, types: [], module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const reached = importGraph(ts, program).importersOf(new Set([names[0]!]));
  return [...reached.keys()].map((name) => path.relative(dir, name).split(path.sep).join("/")).sort();
}

describe("importers of a changed file", () => {
  it.each<[string, Readonly<Record<string, string>>, string[]]>([
    ["an import", { "src/main.ts": "import { load } from \"./api.js\";\nload();\n" }, ["src/main.ts"]],
    ["a type-only import", { "src/main.ts": "import type { N } from \"./api.js\";\nexport const n: N = 1;\n" }, ["src/main.ts"]],
    ["import()", { "src/main.ts": "export const api = import(\"./api.js\");\n" }, ["src/main.ts"]],
    ["import x = require()", { "src/main.cts": "import api = require(\"./api.js\");\napi.load();\n" }, ["src/main.cts"]],
    ["require() in checked JavaScript", { "src/main.cjs": "const { load } = require(\"./api.js\");\nload();\n" }, ["src/main.cjs"]],
    ["a file that does not import it", { "src/other.ts": "export const x = 1;\n" }, []],
    ["export * from, and the barrel's importers",
      { "src/index.ts": "export * from \"./api.js\";\n", "src/main.ts": "import { load } from \"./index.js\";\nload();\n" }, ["src/index.ts", "src/main.ts"]],
    ["export { … } from, through two barrels",
      { "src/a.ts": "export { load } from \"./api.js\";\n", "src/b.ts": "export * from \"./a.js\";\n", "src/main.ts": "import { load } from \"./b.js\";\nload();\n" }, ["src/a.ts", "src/b.ts", "src/main.ts"]],
    ["an imported name exported again",
      { "src/index.ts": "import { load } from \"./api.js\";\nexport { load as read };\n", "src/main.ts": "import { read } from \"./index.js\";\nread();\n" }, ["src/index.ts", "src/main.ts"]],
    ["a namespace exported again",
      { "src/index.ts": "import * as api from \"./api.js\";\nexport default api;\n", "src/main.ts": "import api from \"./index.js\";\napi.load();\n" }, ["src/index.ts", "src/main.ts"]],
    ["an importer that only uses it: its own importers are not checked",
      { "src/use.ts": "import { load } from \"./api.js\";\nexport const twice = (): number => load() * 2;\n", "src/main.ts": "import { twice } from \"./use.js\";\ntwice();\n" }, ["src/use.ts"]],
  ])("%s", (_name, files, expected) => {
    expect(importersOfApi(files)).toEqual(expected);
  });
});
