/**
 * A path `module` names a file: every spelling of an import of that file
 * matches, from every directory, with both engines; another file of the same
 * name does not.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copySampleProject, REPO_ROOT, tempDir, unawaited, writeTree } from "./cli-helpers";

interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly action: string;
}

function copyProject(): string {
  const dir = tempDir();
  fs.cpSync(path.join(REPO_ROOT, "__testfixtures__", "module-paths-project"), dir, { recursive: true });
  return dir;
}

/** The findings of a JSON run from `cwd`, with absolute file paths, so runs from different directories compare. */
function findings(args: readonly string[], cwd: string): string[] {
  const result = unawaited([...args, "--format", "json"], cwd);
  expect(result.stderr).toBe("");
  const report = JSON.parse(result.stdout) as { findings: JsonFinding[] };
  return report.findings.map((f) => `${path.resolve(cwd, f.file)}:${f.line}:${f.column} ${f.action}`).sort();
}

describe("a path module in the config", () => {
  it("matches every spelling of the file (relative, .js, alias, require) and not a same-named file", () => {
    const dir = copyProject();
    const result = unawaited(["check"], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("src/app.ts:4:3  await");
    expect(result.stdout).toContain("src/handlers/reconnect.ts:4:19  await");
    expect(result.stdout).toContain("src/handlers/esm-spelling.ts:4:3  await");
    expect(result.stdout).toContain("src/handlers/alias.ts:4:3  await");
    expect(result.stdout).toContain("src/handlers/legacy.js:4:3  await");
    // `./ws/websocket-manager` in src/handlers/ is another file.
    expect(result.stdout).not.toContain("local.ts");
    expect(result.stdout).toContain("targets: ./src/ws/websocket-manager#createWebSocketManager 5 (5 await)");
  });

  it("matches a function read off require() (`var f = require(\"./utils\").f`), and leaves its sync variant to a person", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "normalizeType", module: "./lib/utils" }, { name: "loadAsync", module: "./lib/utils", sync: "loadSync" }] }),
      "lib/utils.js": "exports.normalizeType = async function (t) { return t; };\nexports.loadAsync = async function () {};\n",
      "lib/response.js": "var normalizeType = require(\"./utils\").normalizeType;\nvar loadAsync = require(\"./utils\").loadAsync;\nvar other = require(\"./other\").normalizeType;\n\nexports.accepts = async function (t) {\n  other(t).x;\n  return normalizeType(t).value;\n};\n\nexports.start = function () {\n  loadAsync();\n};\n",
    });
    const result = unawaited(["list", "."], dir);
    expect(result.stdout).toContain("  7:10    await   normalizeType: the result is used as a value in an async function\n");
    expect(result.stdout).toContain("  11:3    manual  loadAsync: loadAsync is read off require(\"./utils\"): declare loadSync the same way, then switch it by hand\n");
    expect(result.stdout).not.toContain("  6:");
  });

  it("gives the same findings from the project root, src/ and a nested directory, with check and fix --dry", () => {
    const dir = copyProject();
    const expected = findings(["check"], dir);
    expect(expected).toHaveLength(5);
    for (const [cwd, root] of [["src", ".."], ["src/handlers", "../.."], ["src/handlers/ws", "../../.."]] as const) {
      expect(findings(["check", root], path.join(dir, cwd)), cwd).toEqual(expected);
      expect(findings(["fix", "--dry", root], path.join(dir, cwd)), cwd).toEqual(expected);
    }
    // Only the files under the working directory, found the same way.
    expect(findings(["check"], path.join(dir, "src", "handlers"))).toEqual(expected.filter((f) => f.includes(`${path.sep}handlers${path.sep}`)));
  });

  it("fix writes the awaits, and leaves the same-named module's callers alone", () => {
    const dir = copyProject();
    const local = fs.readFileSync(path.join(dir, "src/handlers/local.ts"), "utf8");
    const result = unawaited(["fix", "."], path.join(dir, "src", "handlers"));
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "src/handlers/alias.ts"), "utf8")).toContain("(await ws.createWebSocketManager(userId)).send");
    expect(fs.readFileSync(path.join(dir, "src/handlers/esm-spelling.ts"), "utf8")).toContain("(await make(userId)).send");
    expect(fs.readFileSync(path.join(dir, "src/handlers/local.ts"), "utf8")).toBe(local);
  });

  it("gives the same findings with --engine typed, from the root and from a nested directory", () => {
    const dir = copyProject();
    const syntactic = findings(["check"], dir);
    expect(findings(["check", "--engine", "typed"], dir)).toEqual(syntactic);
    expect(findings(["check", "--engine", "typed", "../.."], path.join(dir, "src", "handlers"))).toEqual(syntactic);
  });

  it("in --target is relative to the working directory", () => {
    const dir = copyProject();
    const expected = findings(["check"], dir);
    expect(findings(["check", "--target", "./src/ws/websocket-manager#createWebSocketManager"], dir)).toEqual(expected);
    expect(findings(["check", "--target", "../ws/websocket-manager#createWebSocketManager", "../.."], path.join(dir, "src", "handlers"))).toEqual(expected);
    // From src/handlers/, ./ws/websocket-manager is the other file: its callers (in local.ts) match instead.
    const other = findings(["check", "--target", "./ws/websocket-manager#createWebSocketManager", "../.."], path.join(dir, "src", "handlers"));
    expect(other).toHaveLength(2);
    expect(other.every((f) => f.includes(`${path.sep}local.ts:`))).toBe(true);
  });

  it("warns when it names no file, and the unmatched hint names the files imported instead, as paths for the config", () => {
    const dir = copyProject();
    writeTree(dir, { "unawaited.config.json": JSON.stringify({ targets: [{ name: "createWebSocketManager", module: "./ws/websocket-manager" }] }) });
    const result = unawaited(["check", "src/handlers"], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("unawaited: warning: target createWebSocketManager: module './ws/websocket-manager' names no file");
    expect(result.stderr).toContain("target createWebSocketManager (module './ws/websocket-manager') matched no call site");
    // reconnect.ts, esm-spelling.ts (.js) and legacy.js (require) spell it three ways: one file.
    expect(result.stderr).toContain("createWebSocketManager is imported from './src/ws/websocket-manager.ts' in 3 files: did you mean that module?");
    expect(result.stderr).toContain("createWebSocketManager is imported from './src/handlers/ws/websocket-manager.ts' in 1 file");
  });

  it("is not offered as its own near miss: the hint skips other spellings of the same file", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "connect", module: "./src/db" }] }),
      "src/db.ts": "export async function connect() {}\n",
      "src/lib/a.ts": "import { connect } from \"../db.js\";\nexport const c = connect;\n",
      "src/lib/b.ts": "import { connect } from \"./other\";\nexport const d = connect;\n",
      "src/lib/other.ts": "export async function connect() {}\n",
    });
    const result = unawaited(["check"], dir);
    expect(result.stderr).toContain("connect is imported from './src/lib/other.ts' in 1 file: did you mean that module?");
    expect(result.stderr).not.toContain("db.ts'");
    expect(result.stderr).not.toContain("names no file");
  });
});

describe("the sample project's config (a path module)", () => {
  it("gives the same findings from the project root, src/ and src/ws/", () => {
    const dir = copySampleProject();
    const expected = findings(["check"], dir);
    expect(expected.length).toBeGreaterThan(0);
    for (const [cwd, root] of [["src", ".."], ["src/ws", "../.."]] as const) {
      expect(findings(["check", root], path.join(dir, cwd)), cwd).toEqual(expected);
      expect(findings(["fix", "--dry", root], path.join(dir, cwd)), cwd).toEqual(expected);
    }
    expect(findings(["fix", "--dry"], path.join(dir, "src"))).toEqual(expected);
  });

  it("gives the same findings with --engine typed from src/", () => {
    const dir = copySampleProject();
    expect(findings(["check", "--engine", "typed"], path.join(dir, "src"))).toEqual(findings(["check"], dir));
  });
});
