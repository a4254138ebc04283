/**
 * Propagation in the typed engine, end to end through the real CLI: callers
 * found by symbol draw the same cascade the syntactic engine draws by name
 * and import, and a method's class hierarchy is made async together (or,
 * where part of it cannot change, not at all). Findings per scenario are in
 * typed.test.ts (expected.json); here the whole diffs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copySampleProject, readTree, tempDir, unawaited, writeTree } from "./cli-helpers";

const PROJECTS = path.join(__dirname, "..", "__testfixtures__", "projects");

function expectedDiff(project: string, name: string): string {
  return fs.readFileSync(path.join(PROJECTS, project, name), "utf8");
}

describe("typed propagation", () => {
  it("draws the cascade the syntactic engine draws (aliases, a default import, this.m()), as one diff", () => {
    const dir = copySampleProject("projects/propagate-engines-agree");
    const syntactic = unawaited(["fix", "--dry", "--quiet", "."], dir);
    const typed = unawaited(["fix", "--dry", "--quiet", "--engine", "typed", "."], dir);
    expect(syntactic.status).toBe(0);
    expect(typed.status).toBe(0);
    expect(typed.stdout).toBe(expectedDiff("propagate-engines-agree", "expected.diff"));
    expect(syntactic.stdout).toBe(typed.stdout);
  });

  it("makes a method's whole hierarchy async: implementations, the interface, an override; --verify accepts it; a second run changes nothing", () => {
    const dir = copySampleProject("projects/propagate-hierarchy");
    const dry = unawaited(["fix", "--dry", "--engine", "typed", "."], dir);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(expectedDiff("propagate-hierarchy", "expected.typed.diff"));
    expect(dry.stderr).toContain("src/local.ts:4:3  async   nameOf: LocalNamer.nameOf is made async with the method this run made async, whose hierarchy it shares (RemoteNamer.nameOf, CachedNamer.nameOf, Namer.nameOf, LocalNamer.nameOf)");
    // Sink.write is declared in a declaration file: that hierarchy stays as it is.
    expect(dry.stderr).toContain("write cannot be made async: the methods of its hierarchy (VendorSink.write, Sink.write) must become async together, and Sink.write is declared in src/vendor.d.ts:2, a declaration file this run does not change");

    const written = unawaited(["fix", "--engine", "typed", "--verify", "--force", "."], dir);
    expect(written.status).toBe(0);
    expect(written.stdout).toContain("3 changed");
    const after = readTree(dir);
    expect(after["src/namers.ts"]).toContain("nameOf(id: number): Promise<string>;");
    const again = unawaited(["fix", "--engine", "typed", "--force", "."], dir);
    expect(again.stdout).toContain("0 changed");
    expect(readTree(dir)).toEqual(after);
  });

  it("--graph draws each member of the hierarchy as its own node, with an edge to the method that brought it along", () => {
    const dir = copySampleProject("projects/propagate-hierarchy");
    expect(unawaited(["fix", "--dry", "--engine", "typed", "--graph", "graph.mmd", "."], dir).status).toBe(0);
    const graph = fs.readFileSync(path.join(dir, "graph.mmd"), "utf8");
    expect(graph.split("\n").filter((line) => line.includes("-->"))).toEqual([
      '  n0 -->|"src/label.ts:4"| n4',
      '  n1 -->|"src/local.ts:4"| n2',
      '  n2 -->|"src/namers.ts:9"| n5',
      '  n3 -->|"src/namers.ts:17"| n2',
      '  n4 -->|"src/namers.ts:4"| n2',
      '  n6 -->|"src/sink.ts:6"| n5',
    ]);
    expect(graph).toContain('  n1["LocalNamer.nameOf<br/>src/local.ts:4"]\n');
    expect(graph).toContain('  n4["Namer.nameOf<br/>src/namers.ts:4"]\n');
  });

  it("a member made async with its hierarchy gets its overload signatures wrapped too", () => {
    const dir = tempDir();
    writeTree(dir, {
      "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [], target: "ES2022" }, include: ["src"] }),
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "lookup", module: "./src/api" }], propagate: "all" }),
      "src/api.ts": "export async function lookup(key: string): Promise<string> {\n  return key;\n}\n",
      "src/store.ts": [
        "import { lookup } from \"./api\";",
        "",
        "export abstract class Store {",
        "  abstract get(key: string): string;",
        "}",
        "",
        "export class Remote extends Store {",
        "  get(key: string): string {",
        "    return lookup(key).trim();",
        "  }",
        "}",
        "",
        "export class Local extends Store {",
        "  get(key: string): string;",
        "  get(key: string, fallback: string): string;",
        "  get(key: string, fallback = \"\"): string {",
        "    return key || fallback;",
        "  }",
        "}",
        "",
      ].join("\n"),
    });
    const result = unawaited(["fix", "--engine", "typed", "--verify", "."], dir);
    expect(result.status).toBe(0);
    expect(readTree(dir)["src/store.ts"]).toBe([
      "import { lookup } from \"./api\";",
      "",
      "export abstract class Store {",
      "  abstract get(key: string): Promise<string>;",
      "}",
      "",
      "export class Remote extends Store {",
      "  async get(key: string): Promise<string> {",
      "    return (await lookup(key)).trim();",
      "  }",
      "}",
      "",
      "export class Local extends Store {",
      "  get(key: string): Promise<string>;",
      "  get(key: string, fallback: string): Promise<string>;",
      "  async get(key: string, fallback = \"\"): Promise<string> {",
      "    return key || fallback;",
      "  }",
      "}",
      "",
    ].join("\n"));
  });

  it("leaves a hierarchy alone when one of its members is outside the files of the run", () => {
    const dir = copySampleProject("projects/propagate-hierarchy");
    const result = unawaited(["fix", "--dry", "--engine", "typed", "--ignore-pattern", "src/local.ts", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("nameOf cannot be made async: the methods of its hierarchy (RemoteNamer.nameOf, CachedNamer.nameOf, Namer.nameOf, LocalNamer.nameOf) must become async together, and LocalNamer.nameOf (src/local.ts:4) is outside the files of this run: run on them too, or make them async by hand");
    expect(result.stdout).not.toContain("diff --git");
  });
});

describe("typed propagation on the sample project", () => {
  it("carries the chain through the interface method's hierarchy, where the syntactic engine stops", () => {
    const dir = copySampleProject();
    const typed = unawaited(["fix", "--dry", "--quiet", "--propagate", "--engine", "typed", "."], dir);
    expect(typed.status).toBe(0);
    expect(typed.stdout).toBe(fs.readFileSync(path.join(PROJECTS, "..", "sample-project.propagate-typed.expected.diff"), "utf8"));
  });

  it("--verify holds back the whole cascade, since the stops it leaves (a constructor, a .map callback) now get promises", () => {
    const dir = copySampleProject();
    const before = readTree(dir);
    const result = unawaited(["fix", "--propagate", "--engine", "typed", "--verify", "--force", "."], dir);
    expect(result.stdout + result.stderr).toContain("not written: part of a --propagate cascade in which --verify refused connect.ts");
    expect(readTree(dir)).toEqual(before);
  });
});

describe("typed propagation, edge cases", () => {
  const tsconfig = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [], target: "ES2022", module: "commonjs" }, include: ["src"] });
  const project = (files: Readonly<Record<string, string>>): string => {
    const dir = tempDir();
    writeTree(dir, {
      "tsconfig.json": tsconfig,
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "load", module: "./src/api" }], propagate: "all" }),
      "src/api.ts": "export async function load(): Promise<number> {\n  return 1;\n}\n",
      ...files,
    });
    return dir;
  };

  it("a method whose hierarchy has a type literal's member is a stop, and the promise it returns is manual (its callers read a number)", () => {
    const dir = project({
      "src/s.ts": [
        "import { load } from \"./api\";",
        "export type Store = { get(): number };",
        "export class A implements Store {",
        "  get(): number { return load(); }",
        "}",
        "export const lit: Store = { get() { return load(); } };",
        "export function first(s: Store): number { return s.get(); }",
        "",
      ].join("\n"),
    });
    const result = unawaited(["list", "--engine", "typed", "."], dir);
    expect(result.stdout).toContain("4:26    manual  load: returned from a sync function, which now hands its callers a promise instead of a value; get cannot be made async: the methods of its hierarchy (A.get, Store.get) must become async together, and Store.get (src/s.ts:2) is not a class or interface method this run can make async\n");
    expect(result.stdout).toContain("6:44    manual  load: returned from a sync function");
    expect(result.stdout).toContain("0 to change");
  });

  it("finds a method with a computed name's hierarchy, and wraps every overload of an interface method", () => {
    const dir = project({
      "src/store.ts": [
        "import { load } from \"./api\";",
        "export interface Store { get(x: string): number; get(x: number): number; }",
        "export class A implements Store {",
        "  [\"get\"](x: string): number;",
        "  [\"get\"](x: number): number;",
        "  [\"get\"](x: string | number): number { return load() + Number(x); }",
        "}",
        "export class B implements Store {",
        "  get(x: string | number): number { return Number(x); }",
        "}",
        "export function first(s: Store): number { return s.get(1); }",
        "",
      ].join("\n"),
    });
    const result = unawaited(["fix", "--engine", "typed", "--verify", "."], dir);
    expect(result.status).toBe(0);
    expect(readTree(dir)["src/store.ts"]).toBe([
      "import { load } from \"./api\";",
      "export interface Store { get(x: string): Promise<number>; get(x: number): Promise<number>; }",
      "export class A implements Store {",
      "  [\"get\"](x: string): Promise<number>;",
      "  [\"get\"](x: number): Promise<number>;",
      "  async [\"get\"](x: string | number): Promise<number> { return (await load()) + Number(x); }",
      "}",
      "export class B implements Store {",
      "  async get(x: string | number): Promise<number> { return Number(x); }",
      "}",
      "export async function first(s: Store): Promise<number> { return s.get(1); }",
      "",
    ].join("\n"));
  });

  it("follows callers through a rename in the declaring module and a destructured namespace", () => {
    const dir = project({
      "src/n.ts": "import { load } from \"./api\";\nfunction g(): number { return load(); }\nexport { g as h };\n",
      "src/v.ts": "import { h } from \"./n\";\nexport function a(): number { return h() + 1; }\n",
      "src/w.ts": "import * as n from \"./n\";\nexport function c(): number { const { h } = n; return h() + 1; }\n",
    });
    const result = unawaited(["fix", "--engine", "typed", "--verify", "."], dir);
    expect(result.status).toBe(0);
    expect(readTree(dir)).toMatchObject({
      "src/v.ts": "import { h } from \"./n\";\nexport async function a(): Promise<number> { return (await h()) + 1; }\n",
      "src/w.ts": "import * as n from \"./n\";\nexport async function c(): Promise<number> { const { h } = n; return (await h()) + 1; }\n",
    });
  });

  it("judges a hierarchy against every file of the run when the files are given one by one (a pre-commit list)", () => {
    const files = {
      "src/a.ts": "import { load } from \"./api\";\nimport type { Store } from \"./b\";\nexport class A implements Store {\n  get(): number { return load(); }\n}\n",
      "src/b.ts": "export interface Store { get(): number; }\nexport function first(s: Store): number { return s.get(); }\n",
    };
    const whole = unawaited(["fix", "--dry", "--quiet", "--engine", "typed", "."], project(files));
    const listed = unawaited(["fix", "--dry", "--quiet", "--engine", "typed", "src/a.ts", "src/b.ts", "src/api.ts"], project(files));
    expect(whole.stdout).toContain("+export interface Store { get(): Promise<number>; }");
    expect(listed.stdout).toBe(whole.stdout);
  });
});
