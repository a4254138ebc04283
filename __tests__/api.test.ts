import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check, fix, list, transformSource, UnawaitedError } from "../src/api";
import { git, readTree, REPO_ROOT, tempDir, writeTree } from "./cli-helpers";

const CONFIG = JSON.stringify({ targets: [{ name: "load" }, { name: "saveAsync", sync: "save" }] });
const APP = [
  'import { load } from "./lib";',
  "export async function main() {",
  "  const data = load();",
  "  return data.length;",
  "}",
  "",
].join("\n");
const FIXED = APP.replace("const data = load();", "const data = await load();");

/** A project with a config and one file to fix; committed to git when `commit`. */
function project(options: { commit?: boolean } = {}): string {
  const dir = tempDir();
  writeTree(dir, { "unawaited.config.json": CONFIG, "src/app.ts": APP, "src/clean.ts": "export const x = 1;\n" });
  if (options.commit) {
    git(["init", "-q"], dir);
    git(["add", "."], dir);
    git(["commit", "-qm", "init"], dir);
  }
  return dir;
}

/** The error `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<UnawaitedError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UnawaitedError);
  return error as UnawaitedError;
}

describe("fix", () => {
  it("with dry: true returns each changed file's diff and new text, and writes nothing", async () => {
    const dir = project();
    const report = await fix({ cwd: dir, dry: true });
    expect(readTree(dir)["src/app.ts"]).toBe(APP);
    expect(report.command).toBe("fix");
    const app = report.files.find((file) => file.path === "src/app.ts")!;
    expect(app.status).toBe("changed");
    expect(app.file).toBe(path.join(dir, "src", "app.ts"));
    expect(app.after).toBe(FIXED);
    expect(app.diff).toBe([
      "diff --git a/src/app.ts b/src/app.ts",
      "--- a/src/app.ts",
      "+++ b/src/app.ts",
      "@@ -1,5 +1,5 @@",
      ' import { load } from "./lib";',
      " export async function main() {",
      "-  const data = load();",
      "+  const data = await load();",
      "   return data.length;",
      " }",
      "",
    ].join("\n"));
    expect(app.findings).toEqual([expect.objectContaining({ line: 3, column: 16, target: "load", action: "await" })]);
    expect(report.files.find((file) => file.path === "src/clean.ts")).toMatchObject({ status: "unchanged", findings: [] });
    expect(report.summary).toMatchObject({ files: { changed: 1, unchanged: 1 }, sites: { awaited: 1 }, written: false });
    expect(report.errors).toEqual([]);
    expect(report.interrupted).toBe(false);
  });

  it("writes the files of a clean git tree, and refuses a dirty one with DIRTY_TREE unless force", async () => {
    const dir = project({ commit: true });
    const report = await fix({ cwd: dir });
    expect(report.summary.written).toBe(true);
    expect(fs.readFileSync(path.join(dir, "src/app.ts"), "utf8")).toBe(FIXED);

    const dirty = project({ commit: true });
    fs.appendFileSync(path.join(dirty, "src/app.ts"), "// work in progress\n");
    const error = await rejection(fix({ cwd: dirty }));
    expect(error.code).toBe("DIRTY_TREE");
    expect(error.message).toContain("src/app.ts");
    expect(error.hint).toContain("force: true");
    expect(fs.readFileSync(path.join(dirty, "src/app.ts"), "utf8")).toBe(`${APP}// work in progress\n`);
    await fix({ cwd: dirty, force: true });
    expect(fs.readFileSync(path.join(dirty, "src/app.ts"), "utf8")).toBe(`${FIXED}// work in progress\n`);
  });

  it("with patch writes one patch instead of the sources, and lists it", async () => {
    const dir = project();
    const out = tempDir();
    const report = await fix({ cwd: dir, patch: path.join(out, "fix.patch") });
    expect(report.patches).toEqual([path.join(out, "fix.patch")]);
    expect(fs.readFileSync(path.join(out, "fix.patch"), "utf8")).toContain("+  const data = await load();");
    expect(readTree(dir)["src/app.ts"]).toBe(APP);
  });

  it("takes inline targets, paths, extensions and ignore patterns as the CLI does", async () => {
    const dir = tempDir();
    writeTree(dir, { "a/x.ts": "async function f() { run(); }\n", "a/y.js": "async function f() { run(); }\n", "a/skip/z.ts": "async function f() { run(); }\n", "b/w.ts": "async function f() { run(); }\n" });
    const report = await fix({ cwd: dir, paths: ["a"], targets: ["run"], extensions: ["ts"], ignore: ["skip/"], dry: true });
    expect(report.files.map((file) => [file.path, file.status])).toEqual([["a/x.ts", "changed"]]);
  });

  it("reports a file that does not parse as an error, and goes on", async () => {
    const dir = project();
    writeTree(dir, { "src/broken.ts": "load(;\n" });
    const report = await fix({ cwd: dir, dry: true });
    expect(report.errors).toEqual([expect.objectContaining({ kind: "file", path: path.join(dir, "src", "broken.ts"), line: 1 })]);
    expect(report.files.find((file) => file.path === "src/app.ts")?.status).toBe("changed");
  });

  it("says interrupted, and writes nothing, when the signal is aborted", async () => {
    const dir = project({ commit: true });
    const controller = new AbortController();
    controller.abort();
    const report = await fix({ cwd: dir, signal: controller.signal });
    expect(report.interrupted).toBe(true);
    expect(readTree(dir)["src/app.ts"]).toBe(APP);
  });
});

describe("engine: typed, verify", () => {
  it("loads the type checker on demand and returns the rejected edit with its new type errors", async () => {
    const dir = tempDir();
    fs.cpSync(path.join(REPO_ROOT, "__testfixtures__", "projects", "verify-rejects-breaking-edit"), dir, { recursive: true });
    const report = await fix({ cwd: dir, engine: "typed", verify: true, dry: true });
    const handler = report.files.find((file) => file.path === "src/handler.ts")!;
    expect(handler.status).toBe("rejected");
    expect(handler.diff).toContain("await createWebSocketManager");
    expect(handler.newDiagnostics).toEqual([expect.objectContaining({ code: 2739, line: 5 })]);
    expect(report.files.find((file) => file.path === "src/ok.ts")).toMatchObject({ status: "changed", newDiagnostics: [] });
    expect(report.summary.files).toMatchObject({ verified: 1, rejected: 1 });
  });
});

describe("check", () => {
  it("finds what fix would do, passes when nothing is left, and accounts for every target", async () => {
    const dir = project();
    const pending = await check({ cwd: dir });
    expect(pending.passed).toBe(false);
    expect(pending.files.flatMap((file) => file.findings).map((f) => `${path.basename(f.file)}:${f.line}:${f.column} ${f.action}`)).toEqual(["app.ts:3:16 await"]);
    expect(pending.targets.map((t) => [t.name, t.sites.await])).toEqual([["load", 1], ["saveAsync", 0]]);
    expect(pending.unmatched.map((t) => t.name)).toEqual(["saveAsync"]);
    expect(readTree(dir)["src/app.ts"]).toBe(APP);

    fs.writeFileSync(path.join(dir, "src/app.ts"), FIXED);
    expect((await check({ cwd: dir })).passed).toBe(false);
    expect((await check({ cwd: dir, allowUnmatched: true })).passed).toBe(true);
  });

  it("returns config warnings as data instead of printing them", async () => {
    const dir = project();
    const report = await check({ cwd: dir, targets: ["./missing#load"], allowUnmatched: true });
    expect(report.warnings).toEqual([expect.stringContaining("target load: module './missing' names no file")]);
  });
});

describe("list", () => {
  it("lists every matched site, awaited ones too", async () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, "src/done.ts"), 'import { load } from "./lib";\nexport async function g() { await load(); }\n');
    const report = await list({ cwd: dir });
    expect(report.command).toBe("list");
    expect(report.files.flatMap((file) => file.findings.map((f) => `${file.path} ${f.action}`))).toEqual(["src/app.ts await", "src/done.ts ok"]);
  });
});

describe("errors are UnawaitedError with a code", () => {
  it.each([
    ["no config", (dir: string) => check({ cwd: dir, paths: ["nowhere-config"] }), "CONFIG_NOT_FOUND"],
    ["a missing path", (dir: string) => check({ cwd: dir, paths: ["missing"] }), "PATH_NOT_FOUND"],
    ["a bad extension", (dir: string) => check({ cwd: dir, targets: ["f"], extensions: ["rb"] }), "USAGE"],
    ["a bad target spec", (dir: string) => check({ cwd: dir, targets: ["not a name"] }), "CONFIG_INVALID"],
    ["a bad size", (dir: string) => check({ cwd: dir, targets: ["f"], maxFileSize: "lots" }), "USAGE"],
  ])("%s", async (_name, call, code) => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "nowhere-config"));
    const error = await rejection(call(dir));
    expect(error.code).toBe(code);
    expect(error.hint).toBeTruthy();
  });
});

describe("transformSource", () => {
  it("rewrites one file's text in memory with inline targets", async () => {
    const result = await transformSource(APP, { file: "virtual/app.ts", targets: ["load"] });
    expect(result).toMatchObject({ output: FIXED, changed: true, warnings: [] });
    expect(result.findings).toEqual([expect.objectContaining({ file: "virtual/app.ts", line: 3, action: "await" })]);
  });

  it("takes a config object, and only the edits asked for", async () => {
    const source = "function f() { saveAsync(); }\nasync function g() { saveAsync(); }\n";
    const config = { targets: [{ name: "saveAsync", sync: "save" }] };
    expect((await transformSource(source, { file: "a.js", config })).output).toBe("function f() { save(); }\nasync function g() { await saveAsync(); }\n");
    expect((await transformSource(source, { file: "a.js", config, edits: ["await"] })).output).toBe("function f() { saveAsync(); }\nasync function g() { await saveAsync(); }\n");
  });

  it("handles Python, loading its grammar on demand", async () => {
    const result = await transformSource("async def main():\n    fetch()\n", { file: "main.py", targets: ["fetch"] });
    expect(result.output).toBe("async def main():\n    await fetch()\n");
  });

  it("leaves a file without targets unchanged", async () => {
    expect(await transformSource("export const x = 1;\n", { file: "x.ts", targets: ["load"] })).toEqual({ output: "export const x = 1;\n", changed: false, findings: [], warnings: [] });
  });

  it("throws PARSE_ERROR for invalid syntax, USAGE without targets, CONFIG_INVALID for a bad config", async () => {
    const parse = await rejection(transformSource("async function f() { load( }\n", { file: "a.ts", targets: ["load"] }));
    expect(parse.code).toBe("PARSE_ERROR");
    expect(parse.message).toMatch(/^a\.ts:1:\d+: cannot parse/);
    expect((await rejection(transformSource("", { file: "a.ts" }))).code).toBe("USAGE");
    expect((await rejection(transformSource("", { file: "a.ts", config: { targets: [{ name: "x" }], returnAwait: "sometimes" as never } }))).code).toBe("CONFIG_INVALID");
  });
});
