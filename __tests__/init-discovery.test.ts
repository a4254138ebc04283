/**
 * `init --discover`: what counts as async in each language, sync twins, the
 * precision guards (both ways), and the engine keeping only names called
 * without await.
 */
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as babel from "@babel/parser";
import type { AnyNode } from "../src/javascript/facts/ast";
import { babelOptions } from "../src/javascript/parsers";
import { loadPython } from "../src/python/index";
import { parsePython } from "../src/python/parser";
import { chooseCandidates, twinNames } from "../src/init/candidates";
import { jsFunctionFacts } from "../src/init/declarations-js";
import { pythonFunctionFacts } from "../src/init/declarations-py";
import { discoverTargets } from "../src/init/discovery";
import type { FunctionFact } from "../src/init/facts";
import { tempDir, writeTree } from "./cli-helpers";

beforeAll(() => loadPython());

function jsFacts(source: string, file = "/repo/a.ts"): FunctionFact[] {
  const ast = babel.parse(source, babelOptions({ language: file.endsWith(".js") ? "js" : "ts", sourceType: "module" })) as unknown as AnyNode;
  return jsFunctionFacts(ast, file);
}

function pyFacts(source: string, file = "/repo/a.py"): FunctionFact[] {
  const tree = parsePython(source);
  try {
    return pythonFunctionFacts(tree.rootNode, file);
  } finally {
    tree.delete();
  }
}

const kinds = (facts: readonly FunctionFact[]) => Object.fromEntries(facts.map((f) => [f.name, f.kind]));
const show = (location: { file: string; line: number }) => `${path.basename(location.file)}:${location.line}`;

describe("JavaScript and TypeScript declarations", () => {
  const cases: readonly [string, string, Record<string, string>][] = [
    ["async function", "async function fetchUser() {}", { fetchUser: "async" }],
    ["async arrow in a const", "const loadUser = async () => 1;", { loadUser: "async" }],
    ["async function expression", "const loadUser = async function () {};", { loadUser: "async" }],
    ["Promise return type", "function fetchUser(): Promise<User> { return api(); }", { fetchUser: "async" }],
    ["PromiseLike return type", "declare function fetchUser(): PromiseLike<User>;", { fetchUser: "async" }],
    ["arrow with a Promise return type", "const fetchUser = (): Promise<void> => api();", { fetchUser: "async" }],
    ["async class method", "class A { async refresh() {} }", { refresh: "async" }],
    ["class method returning Promise", "class A { refresh(): Promise<void> { return x; } }", { refresh: "async" }],
    ["abstract method returning Promise", "abstract class A { abstract refresh(): Promise<void>; }", { refresh: "async" }],
    ["async arrow class property", "class A { refresh = async () => {}; }", { refresh: "async" }],
    ["async object method", "const o = { async refresh() {} };", { refresh: "async" }],
    ["async arrow object property", "const o = { refresh: async () => {} };", { refresh: "async" }],
    ["interface method returning Promise", "interface Api { refresh(): Promise<void>; }", { refresh: "async" }],
    ["sync function", "function render() {}", { render: "sync" }],
    ["sync arrow", "const render = () => 1;", { render: "sync" }],
    ["sync method", "class A { render() {} }", { render: "sync" }],
    ["a non-Promise return type", "function render(): Promised<void> {}", { render: "sync" }],
    ["async generator", "async function* stream() {}", { stream: "other" }],
  ];
  for (const [title, source, expected] of cases) {
    it(title, () => {
      expect(kinds(jsFacts(source))).toEqual(expected);
    });
  }

  it("leaves out getters, setters, constructors, private and computed members", () => {
    const source = "class A { constructor() {} get v() { return 1; } set v(x) {} async #hidden() {} async [key]() {} }";
    expect(jsFacts(source)).toEqual([]);
  });

  it("gives methods their class as container and functions their module", () => {
    const facts = jsFacts("function f() {}\nclass A { async g() {} }\nclass B { async g() {} }");
    expect(facts.map((f) => [f.name, f.line, f.container === "/repo/a.ts"])).toEqual([["f", 1, true], ["g", 2, false], ["g", 3, false]]);
    expect(facts[1]!.container).not.toBe(facts[2]!.container);
  });
});

describe("Python declarations", () => {
  it("async def is async, def is sync, an async generator is neither", () => {
    expect(kinds(pyFacts("async def fetch_user():\n    pass\n\ndef render():\n    pass\n\nasync def stream():\n    yield 1\n"))).toEqual({
      fetch_user: "async",
      render: "sync",
      stream: "other",
    });
  });

  it("a yield in a nested function does not make the outer one a generator", () => {
    expect(kinds(pyFacts("async def outer():\n    def inner():\n        yield 1\n    return inner\n"))).toEqual({ outer: "async", inner: "sync" });
  });

  it("methods, decorated or not, belong to their class", () => {
    const facts = pyFacts("class A:\n    async def refresh(self):\n        pass\n\n    @staticmethod\n    def refresh_sync():\n        pass\n\nasync def refresh_all():\n    pass\n");
    const byName = Object.fromEntries(facts.map((f) => [f.name, f]));
    expect(byName["refresh"]!.container).toBe(byName["refresh_sync"]!.container);
    expect(byName["refresh"]!.container).not.toBe("/repo/a.py");
    expect(byName["refresh_all"]!.container).toBe("/repo/a.py");
    expect(byName["refresh"]!.line).toBe(2);
  });
});

describe("choosing candidates", () => {
  const fact = (name: string, kind: FunctionFact["kind"], container = "/repo/a.ts", language: FunctionFact["language"] = "js"): FunctionFact =>
    ({ name, kind, container, language, file: container.split(":")[0]!, line: 1 });
  const choose = (facts: FunctionFact[]) => chooseCandidates(facts, show);
  const names = (facts: FunctionFact[]) => choose(facts).candidates.map((c) => c.sync === undefined ? c.name : `${c.name}=>${c.sync}`);
  const reasons = (facts: FunctionFact[]) => Object.fromEntries(choose(facts).skipped.map((s) => [s.name, s.reason]));

  it("finds the sync twins by convention, in the same module or class", () => {
    expect(names([fact("loadUserAsync", "async"), fact("loadUser", "sync")])).toEqual(["loadUserAsync=>loadUser"]);
    expect(names([fact("load_user_async", "async", "/repo/a.py", "python"), fact("load_user", "sync", "/repo/a.py", "python")])).toEqual(["load_user_async=>load_user"]);
    expect(names([fact("readFile", "async"), fact("readFileSync", "sync")])).toEqual(["readFile=>readFileSync"]);
    expect(names([fact("read_file", "async", "/repo/a.py", "python"), fact("read_file_sync", "sync", "/repo/a.py", "python")])).toEqual(["read_file=>read_file_sync"]);
    expect(names([fact("refresh", "async", "/repo/a.ts:10"), fact("refreshSync", "sync", "/repo/a.ts:10")])).toEqual(["refresh=>refreshSync"]);
  });

  it("takes no twin from another module or class, nor an async one, nor x_sync in JavaScript", () => {
    expect(names([fact("loadUserAsync", "async", "/repo/a.ts"), fact("loadUser", "sync", "/repo/b.ts")])).toEqual(["loadUserAsync"]);
    expect(names([fact("refresh", "async", "/repo/a.ts:10"), fact("refreshSync", "sync", "/repo/a.ts:90")])).toEqual(["refresh"]);
    expect(names([fact("loadUserAsync", "async"), fact("loadUser", "async")])).toEqual(["loadUser", "loadUserAsync"]);
    expect(names([fact("readFile", "async"), fact("readFile_sync", "sync")])).toEqual(["readFile"]);
  });

  it("leaves a twin out when it is not beside every declaration, and says so", () => {
    const { candidates } = choose([fact("loadAsync", "async", "/repo/a.ts"), fact("load2", "sync"), fact("loadAsync", "async", "/repo/b.ts"), fact("load", "sync", "/repo/b.ts")]);
    expect(candidates).toEqual([expect.objectContaining({ name: "loadAsync", note: expect.stringContaining("sync twin load left out") })]);
    expect(candidates[0]!.sync).toBeUndefined();
  });

  it("skips names also declared sync elsewhere, naming where", () => {
    const { candidates, skipped } = choose([fact("render", "async", "/repo/a.ts:1"), fact("render", "sync", "/repo/b.ts:5")]);
    expect(candidates).toEqual([]);
    expect(skipped).toEqual([expect.objectContaining({ name: "render", reason: "declared-sync", detail: expect.stringContaining("b.ts:1") })]);
  });

  it("skips short, well-known and special names, and keeps their near relatives", () => {
    expect(reasons([fact("go", "async"), fact("then", "async"), fact("main", "async"), fact("constructor", "async"), fact("__aenter__", "async", "/repo/a.py", "python")])).toEqual({
      go: "short",
      then: "well-known",
      main: "well-known",
      constructor: "well-known",
      __aenter__: "special",
    });
    expect(names([fact("goo", "async"), fact("thenAll", "async"), fact("mainLoop", "async"), fact("__private", "async")])).toEqual(["__private", "goo", "mainLoop", "thenAll"]);
  });

  it("ignores names that are only sync or async generators", () => {
    expect(choose([fact("render", "sync"), fact("stream", "other")])).toEqual({ candidates: [], skipped: [] });
  });

  it("twin names: most specific first", () => {
    expect(twinNames("fetchAsync", "js")).toEqual(["fetch", "fetchAsyncSync"]);
    expect(twinNames("fetch_async", "python")).toEqual(["fetch", "fetch_asyncSync", "fetch_async_sync"]);
    expect(twinNames("Async", "js")).toEqual(["AsyncSync"]);
  });
});

describe("discoverTargets", () => {
  const discover = (root: string, extra: { ignore?: string[] } = {}) =>
    discoverTargets({ root, extensions: [".ts", ".js", ".py"], gitignore: true, ignore: extra.ignore ?? [], maxFileSize: 1 << 20, displayLocation: show });

  it("keeps async functions called without await, with counts by action, and says why it skipped the others", async () => {
    const root = tempDir();
    writeTree(root, {
      "src/api.ts": [
        "export async function fetchUser(id: string) { return id; }",
        "export async function saveUserAsync(u: string) { return u; }",
        "export function saveUser(u: string) { return u; }",
        "export async function always() { return 1; }",
        "export async function never() { return 1; }",
        "export async function render() { return 1; }",
      ].join("\n"),
      "src/view.ts": "export function render() { return 2; }\n",
      "src/use.ts": [
        "import { fetchUser, saveUserAsync, always, render } from './api';",
        "async function first() { fetchUser('1'); await always(); saveUserAsync('x'); render(); }",
        "function second() { saveUserAsync('y'); fetchUser('2'); }",
        "async function third() { return await fetchUser('3'); }",
      ].join("\n"),
    });
    const result = await discover(root);
    expect(result.targets.map((t) => ({ name: t.name, sync: t.sync, sites: t.sites }))).toEqual([
      { name: "fetchUser", sync: undefined, sites: { await: 1, "sync-variant": 0, manual: 1, ok: 1 } },
      { name: "saveUserAsync", sync: "saveUser", sites: { await: 1, "sync-variant": 1, manual: 0, ok: 0 } },
    ]);
    expect(result.targets[0]!.declared).toEqual([{ file: path.join(root, "src/api.ts"), line: 1 }]);
    expect(Object.fromEntries(result.skipped.map((s) => [s.name, s.reason]))).toEqual({ render: "declared-sync", always: "awaited", never: "not-called", first: "not-called", third: "not-called" });
  });

  it("finds Python coroutines called without await", async () => {
    const root = tempDir();
    writeTree(root, {
      "app/client.py": [
        "class Client:",
        "    async def fetch_user(self, id):",
        "        return id",
        "",
        "    def fetch_user_sync(self, id):",
        "        return id",
        "",
        "async def serve(client):",
        "    client.fetch_user(1)",
        "",
        "def legacy(client):",
        "    client.fetch_user(2)",
        "",
        "async def fine(client):",
        "    await client.fetch_user(3)",
      ].join("\n"),
    });
    const result = await discover(root);
    expect(result.targets.map((t) => [t.name, t.sync, t.sites])).toEqual([
      ["fetch_user", "fetch_user_sync", { await: 1, "sync-variant": 1, manual: 0, ok: 1 }],
    ]);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([["fine", "not-called"], ["serve", "not-called"]]);
  });

  it("honours --ignore and .gitignore, and reports files it cannot parse", async () => {
    const root = tempDir();
    writeTree(root, {
      ".gitignore": "generated/\n",
      "generated/a.ts": "async function fetchThing() {}\nfunction x() { fetchThing(); }\n",
      "vendor/b.ts": "async function fetchOther() {}\nfunction x() { fetchOther(); }\n",
      "broken.ts": "function (",
    });
    const result = await discover(root, { ignore: ["vendor/"] });
    expect(result.targets).toEqual([]);
    expect(result.failed.map((f) => path.basename(f.file))).toEqual(["broken.ts"]);
  });
});
