/**
 * Findings as a table, in the manner of typescript-eslint's rule tests: each
 * case is code and the exact findings (line, column, action) it must yield.
 * `^` marks nothing; positions are 1-based, as in editors.
 */
import { anyWordPattern, mentionsWord } from "../src/text/words";
import { describe, expect, it } from "vitest";
import type { Action } from "../src/decision/findings";
import type { ConfigInput } from "../src/config/schema";
import { resolveConfig } from "../src/config/validate";
import { transformSource } from "../src/engine";

const TARGETS: ConfigInput["targets"] = [
  { name: "createWebSocketManager" },
  { name: "setWebsocketManagerAsync", sync: "setWebsocketManager" },
  { name: "cookies", module: "next/headers" },
];

interface Case {
  readonly name: string;
  readonly code: string;
  readonly file?: string;
  readonly options?: Partial<ConfigInput>;
  /** `line:column action` for every finding, in source order. */
  readonly findings: readonly `${number}:${number} ${Action}`[];
}

function findingsOf(testCase: Case): string[] {
  const config = resolveConfig({ targets: TARGETS, ...testCase.options }, "test");
  const result = transformSource({
    source: testCase.code,
    file: testCase.file ?? "/virtual/test.ts",
    config,
    edits: new Set(["await", "sync-variant"]),
    moduleKind: testCase.file?.endsWith(".mjs") ? "esm" : "commonjs",
  });
  return result.findings.map((f) => `${f.line}:${f.column} ${f.action}`);
}

const cases: Case[] = [
  // Async scopes: awaited.
  { name: "floating call in an async function", code: "async function a() { createWebSocketManager(); }", findings: ["1:22 await"] },
  { name: "async arrow", code: "const a = async () => { createWebSocketManager(); };", findings: ["1:25 await"] },
  { name: "async method", code: "class A { async m() { this.createWebSocketManager(); } }", findings: ["1:23 await"] },
  { name: "async object method", code: "const o = { async m() { x.createWebSocketManager(); } };", findings: ["1:25 await"] },
  { name: "async generator", code: "async function* g() { createWebSocketManager(); }", findings: ["1:23 await"] },
  { name: "optional call ending the chain", code: "async function a(x) { x?.createWebSocketManager(); }", findings: ["1:23 await"] },
  { name: "optional chain starting at the call", code: "async function a() { createWebSocketManager()?.y; }", findings: ["1:22 await"] },
  { name: "optional chain going on after the call", code: "async function a(x) { x?.createWebSocketManager().y; }", findings: ["1:23 manual"] },
  { name: "decorator", code: "async function a() { @createWebSocketManager() class A {} }", findings: ["1:23 manual"] },
  { name: "enum member initializer", code: "async function a() { enum E { A = createWebSocketManager() } }", findings: ["1:35 manual"] },
  { name: "stored through a conditional, chained later", code: "async function a(c) { const p = c ? createWebSocketManager() : null; p.then(f); }", findings: ["1:37 ok"] },
  { name: "stored with ??=, chained later", code: "async function a(p) { p ??= createWebSocketManager(); p.then(f); }", findings: ["1:29 ok"] },
  { name: "class field used as a promise elsewhere", code: "class A { ready = createWebSocketManager(); async m() { await this.ready; } }", findings: ["1:19 ok"] },
  { name: "argument of another call", code: "async function a() { g(createWebSocketManager()); }", findings: ["1:24 await"] },
  { name: "left of || in a return is a value use", code: "async function a() { return createWebSocketManager() || b; }", findings: ["1:29 await"] },
  { name: "destructuring", code: "async function a() { const { x } = createWebSocketManager(); }", findings: ["1:36 await"] },
  { name: "stored, then used as a value", code: "async function a() { const m = createWebSocketManager(); m.add(); }", findings: ["1:32 await"] },
  { name: "returned inside try", code: "async function a() { try { return createWebSocketManager(); } catch {} }", findings: ["1:35 await"] },
  { name: "returned in a catch with finally", code: "async function a() { try {} catch { return createWebSocketManager(); } finally {} }", findings: ["1:44 await"] },
  { name: "returned, returnAwait always", code: "async function a() { return createWebSocketManager(); }", options: { returnAwait: "always" }, findings: ["1:29 await"] },
  { name: "top level of an ES module", code: "createWebSocketManager();", file: "/virtual/a.mjs", findings: ["1:1 await"] },
  { name: "top level, topLevelAwait always", code: "createWebSocketManager();", options: { topLevelAwait: "always" }, findings: ["1:1 await"] },

  // Async scopes: deliberate promise use.
  { name: "awaited", code: "async function a() { await createWebSocketManager(); }", findings: ["1:28 ok"] },
  { name: "void", code: "async function a() { void createWebSocketManager(); }", findings: ["1:27 ok"] },
  { name: ".then", code: "async function a() { createWebSocketManager().then(f); }", findings: ["1:22 ok"] },
  { name: ".catch", code: "async function a() { createWebSocketManager().catch(f); }", findings: ["1:22 ok"] },
  { name: ".finally", code: "async function a() { createWebSocketManager().finally(f); }", findings: ["1:22 ok"] },
  { name: "Promise.all array", code: "async function a() { await Promise.all([createWebSocketManager(), b]); }", findings: ["1:41 ok"] },
  { name: "Promise.race argument", code: "async function a() { await Promise.race(createWebSocketManager()); }", findings: ["1:41 ok"] },
  { name: "returned outside try", code: "async function a() { return createWebSocketManager(); }", findings: ["1:29 ok"] },
  { name: "returned in finally", code: "async function a() { try {} finally { return createWebSocketManager(); } }", findings: ["1:46 ok"] },
  { name: "returned from a conditional", code: "async function a(c) { return c ? createWebSocketManager() : null; }", findings: ["1:34 ok"] },
  { name: "async arrow expression body", code: "const a = async () => createWebSocketManager();", findings: ["1:23 ok"] },
  { name: "returned in try, returnAwait never", code: "async function a() { try { return createWebSocketManager(); } catch {} }", options: { returnAwait: "never" }, findings: ["1:35 ok"] },
  { name: "stored, awaited later", code: "async function a() { const p = createWebSocketManager(); x(); await p; }", findings: ["1:32 ok"] },
  { name: "assigned, chained later", code: "async function a() { let p; p = createWebSocketManager(); p.then(f); }", findings: ["1:33 ok"] },
  { name: "stored, awaited by a nested function", code: "async function a() { const p = createWebSocketManager(); return async () => await p; }", findings: ["1:32 ok"] },
  { name: "member stored, awaited elsewhere", code: "class A { async start() { this.ready = createWebSocketManager(); } async use() { await this.ready; } }", findings: ["1:40 ok"] },
  { name: "a shadowing variable of the same name does not count as the stored promise", code: "async function a() { const p = createWebSocketManager(); p.add(); { const p = b; await p; } }", findings: ["1:32 await"] },

  // Promise assertions: the promise is what is asserted.
  { name: "expect(p).rejects", code: "async function a() { await expect(createWebSocketManager()).rejects.toThrow(); }", findings: ["1:35 ok"] },
  { name: "expect(p).to.eventually (chai-as-promised)", code: "async function a() { await expect(createWebSocketManager()).to.eventually.equal(1); }", findings: ["1:35 ok"] },
  { name: "p.should.be.rejected", code: "async function a() { await createWebSocketManager().should.be.rejected; }", findings: ["1:28 ok"] },
  { name: "assert.rejects from node:assert", code: "import assert from 'node:assert'; async function a() { await assert.rejects(createWebSocketManager()); }", findings: ["1:77 ok"] },
  { name: "rejects of another object is not an assertion", code: "async function a(x) { await x.rejects(createWebSocketManager()); }", findings: ["1:39 await"] },
  { name: "stored, then asserted", code: "async function a() { const p = createWebSocketManager(); await expect(p).resolves.toBe(1); }", findings: ["1:32 ok"] },
  { name: "expect(f()).toBe(1) asserts the value", code: "async function a() { expect(createWebSocketManager()).toBe(1); }", findings: ["1:29 await"] },
  { name: "expect(f()).should is not a promise matcher", code: "async function a() { expect(createWebSocketManager()).should.equal(1); }", findings: ["1:29 await"] },

  // Consumers: React's use() and the configured promiseConsumers.
  { name: "React use() in a sync component", code: "import { use } from 'react'; import { cookies } from 'next/headers'; function C() { return use(cookies()).get('x'); }", findings: ["1:96 ok"] },
  { name: "use() from elsewhere in a sync component", code: "import { use } from './use'; import { cookies } from 'next/headers'; function C() { return use(cookies()).get('x'); }", findings: ["1:96 manual"] },
  { name: "configured consumer, array element", code: "async function a() { await promiseAll([createWebSocketManager()]); }", options: { promiseConsumers: ["promiseAll"] }, findings: ["1:40 ok"] },
  { name: "configured consumer, not configured", code: "async function a() { await promiseAll([createWebSocketManager()]); }", findings: ["1:40 await"] },
  { name: "configured module#default consumer, default import", code: "import pMap from 'p-map'; async function a() { await pMap([createWebSocketManager()], g); }", options: { promiseConsumers: ["p-map#default"] }, findings: ["1:60 ok"] },
  { name: "configured module#name consumer, subpath import specifier", code: "import { all } from '#app/async'; async function a() { await all([createWebSocketManager()]); }", options: { promiseConsumers: ["#app/async#all"] }, findings: ["1:67 ok"] },
  { name: "configured module#name consumer, aliased import", code: "import { all as every } from 'p-all'; async function a() { await every([createWebSocketManager()]); }", options: { promiseConsumers: ["p-all#all"] }, findings: ["1:73 ok"] },

  // Stored: a value use wins; passed on and used as a promise is for a person.
  { name: "stored, used as the value, then returned", code: "async function a() { const m = createWebSocketManager(); m.add(); return m; }", findings: ["1:32 await"] },
  { name: "stored, in arithmetic, then awaited", code: "async function a() { const m = createWebSocketManager(); x(m * 2); await m; }", findings: ["1:32 await"] },
  { name: "stored, chained, then returned", code: "async function a() { const m = createWebSocketManager(); m.catch(f); return m; }", findings: ["1:32 ok"] },
  { name: "stored, passed to a function, then awaited", code: "async function a() { const m = createWebSocketManager(); keep(m); await m; }", findings: ["1:32 manual"] },
  { name: "stored, reassigned, then used as the value", code: "async function a() { let m = createWebSocketManager(); m = await m; m.add(); }", findings: ["1:30 ok"] },
  { name: "stored in a sync function, used as the value, then returned", code: "function a(r) { const p = r.setWebsocketManagerAsync(1); p.x(); return p; }", findings: ["1:27 sync-variant"] },

  // returnAwait "in-try-catch": a block with `await using` before the return counts as try/finally.
  { name: "returned after await using, in-try-catch", code: "async function a() { await using r = open(); return createWebSocketManager(); }", findings: ["1:53 await"] },

  // Sync scopes.
  { name: "sync function, sync variant", code: "function a(r) { r.setWebsocketManagerAsync(m); }", findings: ["1:17 sync-variant"] },
  { name: "sync function, no sync variant", code: "function a() { createWebSocketManager(); }", findings: ["1:16 manual"] },
  { name: "callback inside an async function", code: "async function a(xs) { xs.forEach((x) => { x.setWebsocketManagerAsync(m); }); }", findings: ["1:44 sync-variant"] },
  { name: "plain generator", code: "function* g() { createWebSocketManager(); }", findings: ["1:17 manual"] },
  { name: "class field initializer", code: "class A { m = createWebSocketManager(); }", findings: ["1:15 manual"] },
  { name: "class static block", code: "class A { static { createWebSocketManager(); } }", findings: ["1:20 manual"] },
  { name: "CommonJS top level", code: "createWebSocketManager();", findings: ["1:1 manual"] },
  { name: "a .cjs top level, even with topLevelAwait always", code: "createWebSocketManager();", file: "/virtual/a.cjs", options: { topLevelAwait: "always" }, findings: ["1:1 manual"] },
  { name: "top level, topLevelAwait never", code: "createWebSocketManager();", file: "/virtual/a.mjs", options: { topLevelAwait: "never" }, findings: ["1:1 manual"] },
  { name: "sync callback returning the promise", code: "async function a(xs) { await Promise.all(xs.map((x) => createWebSocketManager(x))); }", findings: ["1:56 ok"] },
  { name: "sync function returning the promise", code: "function a() { return createWebSocketManager(); }", findings: ["1:23 ok"] },
  { name: "parameter default in an async function", code: "async function a(m = createWebSocketManager()) {}", findings: ["1:22 manual"] },
  { name: "parameter default chained: used as a promise, nothing to await", code: "async function a(m = createWebSocketManager().then(f)) {}", findings: ["1:22 ok"] },
  { name: "a computed method key belongs to the enclosing scope", code: "async function a() { return { [createWebSocketManager()]() {} }; }", findings: ["1:32 await"] },

  // Matching.
  { name: "module target: named import", code: "import { cookies } from 'next/headers'; async function a() { cookies().get('x'); }", findings: ["1:62 await"] },
  { name: "module target: aliased import", code: "import { cookies as c } from 'next/headers'; async function a() { c(); }", findings: ["1:67 await"] },
  { name: "module target: namespace import", code: "import * as h from 'next/headers'; async function a() { h.cookies(); }", findings: ["1:57 await"] },
  { name: "module target: require", code: "const { cookies } = require('next/headers'); async function a() { cookies(); }", findings: ["1:67 await"] },
  { name: "module target: other module", code: "import { cookies } from './cookies'; async function a() { cookies(); }", findings: [] },
  { name: "module target: local function", code: "function cookies() {} async function a() { cookies(); }", findings: [] },
  { name: "module target: shadowing parameter", code: "import { cookies } from 'next/headers'; async function a(cookies) { cookies(); }", findings: [] },
  { name: "module target: block-scoped shadow elsewhere does not hide the import", code: "import { cookies } from 'next/headers'; async function a() { { const cookies = 1; } cookies(); }", findings: ["1:85 await"] },
  { name: "not a call: new", code: "async function a() { new createWebSocketManager(); }", findings: [] },
  { name: "not a target: similar name", code: "async function a() { createWebSocketManagerSync(); }", findings: [] },
];

describe("findings", () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      expect(findingsOf(testCase)).toEqual(testCase.findings);
    });
  }
});

describe("whole words (text/words.ts)", () => {
  it.each([
    ["thread.read()", true],
    ["thread.ready()", false],
    ["already", false],
    ["$read", false],
    ["read_", false],
    ["x = load(1)", true],
    ["", false],
  ])("%j: the pattern for several names agrees with mentionsWord name by name", (source, expected) => {
    expect(anyWordPattern(["read", "load"]).test(source)).toBe(expected);
    expect(mentionsWord(source, "read") || mentionsWord(source, "load")).toBe(expected);
  });

  it("matches nothing for no names, and takes names with $ literally", () => {
    expect(anyWordPattern([]).test("anything")).toBe(false);
    expect(anyWordPattern(["$"]).test("const a = $(x)")).toBe(true);
    expect(anyWordPattern(["$"]).test("a$b")).toBe(false);
  });
});
