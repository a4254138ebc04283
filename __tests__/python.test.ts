/**
 * Python through the real CLI: the sample project that reproduces the
 * original incident, the safety rules, and mixed TypeScript/Python runs.
 * The rules themselves are fixture pairs under
 * __testfixtures__/fix-async-calls/python/.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPython } from "../src/python/index";
import { transformSource } from "../src/engine";
import { resolveConfig } from "../src/config/validate";
import { growthRatio } from "./growth";
import { copySampleProject, expectFixMatchesDiff, git, readTree, REPO_ROOT, tempDir, unawaited, writeTree } from "./cli-helpers";

const EXPECTED_DIFF = fs.readFileSync(path.join(REPO_ROOT, "__testfixtures__", "python-sample-project.expected.diff"), "utf8");
const CONFIG = JSON.stringify({ targets: [{ name: "fetch_user" }, { name: "save_async", sync: "save" }] });

const copySample = () => copySampleProject("python-sample-project");

function changedLines(diff: string): string[] {
  return diff.split("\n").filter((line) => /^[+-](?![+-])/.test(line));
}

describe("the Python sample project (the original incident)", () => {
  it("--dry shows exactly the six awaits and the two sync switches, and leaves build_manager's call for a person", () => {
    const dir = copySample();
    const before = readTree(dir);
    const result = unawaited(["fix", "--dry", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(EXPECTED_DIFF);
    const added = changedLines(result.stdout).filter((line) => line.startsWith("+"));
    expect(added.filter((line) => line.includes("await create_websocket_manager("))).toHaveLength(6);
    expect(added.filter((line) => line.includes("registry.set_websocket_manager(manager)"))).toHaveLength(2);
    expect(added).toHaveLength(8);
    expect(result.stderr).toContain("6 to await, 2 to switch to sync, 1 manual, 9 already fine");
    expect(result.stderr).toContain("agent_server/managers.py:13:15  manual  create_websocket_manager: called in def build_manager");
    expect(readTree(dir)).toEqual(before);
  });

  it("fix writes the diff, every changed file still compiles, and a second run changes nothing", () => {
    const fixed = expectFixMatchesDiff(copySample, EXPECTED_DIFF, 2);
    // Last, as py_compile writes __pycache__ beside the files.
    for (const file of ["agent_server/handlers/agent_handler.py", "agent_server/startup.py"]) {
      const compiled = spawnSync("python3", ["-m", "py_compile", file], { cwd: fixed, encoding: "utf8" });
      expect(compiled.stderr).toBe("");
      expect(compiled.status).toBe(0);
    }
  });

  it("check fails on it and list names every site, with the same file:line:col as TypeScript", () => {
    const dir = copySample();
    const check = unawaited(["check", "."], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("agent_server/handlers/agent_handler.py:42:9  await   create_websocket_manager");
    const list = unawaited(["list", "--json", "."], dir);
    expect(list.status).toBe(0);
    const report = JSON.parse(list.stdout) as { findings: { file: string; action: string }[] };
    expect(report.findings.filter((f) => f.action === "ok").map((f) => f.file)).toHaveLength(9);
  });

  it("SARIF results point at the .py files", () => {
    const dir = copySample();
    const result = unawaited(["check", "--format", "sarif", "."], dir);
    const sarif = JSON.parse(result.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain("agent_server/startup.py");
    expect(uris.every((uri) => uri.endsWith(".py"))).toBe(true);
  });
});

describe("Python safety rules", () => {
  it("a file with a syntax error is reported and left untouched", () => {
    const dir = tempDir();
    const broken = "async def h(:\n    fetch_user(1)\n";
    writeTree(dir, { "unawaited.config.json": CONFIG, "broken.py": broken, "good.py": "async def h():\n    fetch_user(1)\n" });
    const result = unawaited(["fix", "."], dir);
    expect(result.stderr + result.stdout).toMatch(/broken\.py:1:\d+.*invalid Python syntax/);
    expect(fs.readFileSync(path.join(dir, "broken.py"), "utf8")).toBe(broken);
    expect(fs.readFileSync(path.join(dir, "good.py"), "utf8")).toBe("async def h():\n    await fetch_user(1)\n");
  });

  it("rejects what CPython rejects and tree-sitter lets through, in any file with a target call: Python 2, bad indentation, mixed tabs", () => {
    const dir = tempDir();
    const files = {
      "py2.py": "def h(x):\n    print \"saving\", save_async(x)\n",
      "dedent.py": "async def h():\n    user = fetch_user(1)\n  other = 2\n",
      "dedent-awaited.py": "async def h():\n    user = await fetch_user(1)\n  other = 2\n",
      "tabs.py": "async def h():\n\tuser = fetch_user(1)\n        other = fetch_user(2)\n",
      "empty-block.py": "async def h():\n    # nothing yet\nasync def g():\n    fetch_user(1)\n",
    };
    writeTree(dir, { "unawaited.config.json": CONFIG, ...files });
    const result = unawaited(["fix", "."], dir);
    const out = result.stdout + result.stderr;
    expect(out).toContain("py2.py:2:5  error   cannot parse: invalid Python syntax: Python 2 syntax (print statement)");
    expect(out).toContain("dedent.py:3:3  error   cannot parse: invalid Python syntax: unindent does not match any outer indentation level");
    expect(out).toContain("dedent-awaited.py:3:3  error   cannot parse: invalid Python syntax: unindent does not match any outer indentation level");
    expect(out).toContain("tabs.py:3:9  error   cannot parse: invalid Python syntax: inconsistent use of tabs and spaces in indentation");
    expect(out).toMatch(/empty-block\.py:\d+:\d+ +error +cannot parse: invalid Python syntax/);
    for (const [name, text] of Object.entries(files)) expect(fs.readFileSync(path.join(dir, name), "utf8")).toBe(text);
    for (const name of Object.keys(files)) {
      expect(spawnSync("python3", ["-c", `compile(open(${JSON.stringify(name)}).read(), "x", "exec")`], { cwd: dir }).status).not.toBe(0);
    }
  });

  it("accepts valid Python that tree-sitter reads its own way", () => {
    const dir = tempDir();
    const files: Record<string, string> = {
      "form-feed.py": "x = 1\n\fasync def h():\n    user = fetch_user(1)\n    \f    return user.name\n",
      "backslash-line.py": "async def h():\n    user = fetch_user(1)\n  \\\n\n    return user.name\n",
      "chevron.py": "import sys\nasync def h():\n    print >> sys.stderr, \"x\"\n    return fetch_user(1).name\n",
      "one-liners.py": "class A: x = 1; y = 2\nasync def h():\n    if True: pass\n    a = 1; user = fetch_user(1)\n    match a:\n        case 1:\n            return user.name\n",
    };
    writeTree(dir, { "unawaited.config.json": CONFIG, ...files });
    for (const [name, text] of Object.entries(files)) {
      expect(spawnSync("python3", ["-c", `compile(open(${JSON.stringify(name)}).read(), "x", "exec")`], { cwd: dir }).status).toBe(0);
      expect(text).toContain("fetch_user(1)");
    }
    const result = unawaited(["fix", "."], dir);
    expect(result.stdout + result.stderr).not.toContain("cannot parse");
    expect(result.stdout).toContain("4 changed");
    for (const name of Object.keys(files)) {
      expect(fs.readFileSync(path.join(dir, name), "utf8")).toContain("await fetch_user(1)");
      expect(spawnSync("python3", ["-c", `compile(open(${JSON.stringify(name)}).read(), "x", "exec")`], { cwd: dir }).status).toBe(0);
    }
  });

  it("fixes a file with old Mac (CR-only) line endings and keeps them", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "mac.py": "async def h():\r    user = fetch_user(1)\r    return user.name\r" });
    expect(unawaited(["fix", "."], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "mac.py"), "utf8")).toBe("async def h():\r    user = await fetch_user(1)\r    return user.name\r");
  });

  it("keeps CRLF line endings, a BOM and the file mode", () => {
    const dir = tempDir();
    const source = "\uFEFFfrom m import save_async\r\n\r\ndef h():\r\n    save_async(1)\r\n\r\nasync def g():\r\n    fetch_user(1).name\r\n";
    writeTree(dir, { "unawaited.config.json": CONFIG, "crlf.py": source });
    fs.chmodSync(path.join(dir, "crlf.py"), 0o755);
    expect(unawaited(["fix", "."], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "crlf.py"), "utf8")).toBe(
      "\uFEFFfrom m import save\r\n\r\ndef h():\r\n    save(1)\r\n\r\nasync def g():\r\n    (await fetch_user(1)).name\r\n",
    );
    expect(fs.statSync(path.join(dir, "crlf.py")).mode & 0o777).toBe(0o755);
  });

  it("--extensions without py leaves Python files out; the default takes them", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "a.py": "async def h():\n    fetch_user(1)\n", "b.ts": "async function h() { fetch_user(1); }\n" });
    const tsOnly = unawaited(["check", "--extensions", "ts", "."], dir);
    expect(tsOnly.stdout).toContain("b.ts:1:22");
    expect(tsOnly.stdout).not.toContain("a.py");
    const both = unawaited(["check", "."], dir);
    expect(both.stdout).toContain("a.py:2:5");
    expect(both.stdout).toContain("b.ts:1:22");
    expect(unawaited(["check", "--extensions", "py", "."], dir).stdout).not.toContain("b.ts");
  });

  it("one config fixes a mixed TypeScript and Python tree in one run, and --patch applies", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": CONFIG,
      "api/handler.ts": "export async function h() {\n  const user = fetch_user(1);\n  return user.name;\n}\n",
      "worker/job.py": "def job(store):\n    store.save_async(1)\n",
    });
    expect(git(["init", "-q"], dir).status).toBe(0);
    const patchFile = path.join(tempDir(), "fix.patch");
    const result = unawaited(["fix", "--patch", patchFile, "."], dir);
    expect(result.status).toBe(0);
    const patch = fs.readFileSync(patchFile, "utf8");
    expect(patch).toContain("+  const user = await fetch_user(1);");
    expect(patch).toContain("+    store.save(1)");
    expect(git(["apply", "--check", patchFile], dir).status).toBe(0);
  });
});

describe("the Python engine, in process", () => {
  beforeAll(() => loadPython());
  const config = resolveConfig(JSON.parse(CONFIG), "test");
  const run = (source: string) => transformSource({ source, file: "x.py", config, edits: new Set(["await", "sync-variant"]) });

  it("reports each manual site with its reason and edits nothing", () => {
    const source = [
      "def sync_one():",
      "    fetch_user(1).name",
      "async def gen(ids):",
      "    return sum(fetch_user(i) for i in ids)",
      "async def entered():",
      "    async with fetch_user(1) as u:",
      "        pass",
      "",
    ].join("\n");
    const result = run(source);
    expect(result.output).toBe(source);
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.action}`)).toEqual(["2:5 manual", "4:16 manual", "6:16 manual"]);
    expect(result.findings[0]!.reason).toContain("no sync variant is configured");
    expect(result.findings[1]!.reason).toContain("async generator");
    expect(result.findings[2]!.reason).toContain("async with");
  });

  it("the first iterable of a generator expression runs in the enclosing async scope", () => {
    const result = run("async def h():\n    return sum(x for x in fetch_user(1))\n");
    expect(result.output).toBe("async def h():\n    return sum(x for x in await fetch_user(1))\n");
  });

  it("in an async def every returned call is awaited, whatever returnAwait says: a coroutine does not flatten", () => {
    const source = "async def h():\n    try:\n        return fetch_user(1)\n    except KeyError:\n        return fetch_user(2)\n";
    const expected = "async def h():\n    try:\n        return await fetch_user(1)\n    except KeyError:\n        return await fetch_user(2)\n";
    expect(run(source).output).toBe(expected);
    const never = resolveConfig({ ...JSON.parse(CONFIG), returnAwait: "never" }, "test");
    const result = transformSource({ source, file: "x.py", config: never, edits: new Set(["await"]) });
    expect(result.output).toBe(expected);
    expect(result.findings[1]!.reason).toContain("a coroutine does not flatten");
  });

  it("a returned call stays as it is in a def or lambda, and a locally defined function of the target's name is not a target", () => {
    const source = "def h():\n    return fetch_user(1)\ng = lambda: fetch_user(2)\nasync def k():\n    def fetch_user(x):\n        return x\n    fetch_user(3)\n";
    const result = run(source);
    expect(result.output).toBe(source);
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.action}`)).toEqual(["2:12 ok", "3:13 ok"]);
  });

  it("a coroutine stored where await is not available and returned by an async def is for a person to fix", () => {
    const source = "class A:\n    def __init__(self):\n        self.user = fetch_user(1)\n    async def get(self):\n        return self.user\n";
    const result = run(source);
    expect(result.output).toBe(source);
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.action}`)).toEqual(["3:21 manual"]);
    expect(result.findings[0]!.reason).toContain("line 5 returns from an async function");
  });

  it("a stored coroutine that the async def later passes on and awaits is for a person to check", () => {
    const source = "async def h():\n    task = fetch_user(1)\n    keep(task)\n    await task\n";
    const result = run(source);
    expect(result.output).toBe(source);
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.action}`)).toEqual(["2:12 manual"]);
    expect(result.findings[0]!.reason).toContain("line 3 passes to a function and line 4 uses as a coroutine");
  });

  it("a name stored and later used as a value is awaited where it is stored", () => {
    const source = "async def h():\n    user = fetch_user(1)\n    log(user.name)\n    return user\n";
    expect(run(source).output).toBe("async def h():\n    user = await fetch_user(1)\n    log(user.name)\n    return user\n");
  });
});

describe("deeply nested expressions", () => {
  // tree-sitter's node.parent searches down from the root, so every walk up from a call cost depth²
  // (70 s for 20,000 parentheses), and a recursive scope walk overflowed the stack past ~5,000 levels.
  const nested = (depth: number) =>
    "async def main():\n"
    + `    x = ${"(".repeat(depth)}f()${")".repeat(depth)}\n`
    + `    y = f()${" + 1".repeat(depth)}\n`
    + `    z = ${"[".repeat(depth)}f()${"]".repeat(depth)}\n`
    + `    w = ${"-".repeat(depth)}f()\n`;
  const config = resolveConfig({ targets: [{ name: "f" }] }, "nesting");
  const run = (depth: number) => transformSource({ source: nested(depth), file: "/r/a.py", config, edits: new Set(["await"]) });

  beforeAll(loadPython);

  it("20,000 levels deep: every call is found and awaited, no stack overflow", () => {
    const result = run(20_000);
    expect(result.findings.map((f) => f.action)).toEqual(["await", "await", "await", "await"]);
    expect(result.output).toBe(nested(20_000).replaceAll("f()", "await f()"));
  });

  it("takes time linear in the depth (4x the depth, well under the 16x of a quadratic walk)", () => {
    expect(growthRatio(() => run(1500), () => run(6000), 2)).toBeLessThan(9);
  });
});
