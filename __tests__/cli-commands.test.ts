import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copySampleProject, git, readTree, tempDir, unawaited, writeTree } from "./cli-helpers";

const CONFIG = JSON.stringify({ targets: [{ name: "createWebSocketManager" }, { name: "setWebsocketManagerAsync", sync: "setWebsocketManager" }] });
const NEEDS_AWAIT = "async function a() {\n  const m = createWebSocketManager();\n  m.add();\n}\n";
const NEEDS_SWITCH = "function b(r) {\n  r.setWebsocketManagerAsync(1);\n}\n";
const MANUAL_ONLY = "function c() {\n  createWebSocketManager();\n}\n";
const CLEAN = "async function d() {\n  await createWebSocketManager();\n}\n";
const BOTH_FINE = "async function e(r) {\n  await createWebSocketManager();\n  await r.setWebsocketManagerAsync(1);\n}\n";

function project(files: Record<string, string>): string {
  const dir = tempDir();
  writeTree(dir, { "unawaited.config.json": CONFIG, ...files });
  return dir;
}

describe("check", () => {
  it.each([
    ["a pending await", { "a.ts": NEEDS_AWAIT }, [], 1],
    ["a pending sync switch", { "b.ts": NEEDS_SWITCH }, [], 1],
    ["a manual site", { "c.ts": MANUAL_ONLY }, [], 1],
    ["a manual site with --allow-manual", { "c.ts": MANUAL_ONLY }, ["--allow-manual"], 0],
    ["a pending await with --allow-manual", { "a.ts": NEEDS_AWAIT, "c.ts": MANUAL_ONLY }, ["--allow-manual"], 1],
    ["nothing to do", { "d.ts": CLEAN }, [], 0],
  ] as const)("%s: exit %s, and writes nothing", (_name, files, flags, status) => {
    // Both targets have a call site that is fine, so none of them is unmatched (which check also fails on).
    const dir = project({ ...files, "both-fine.ts": BOTH_FINE });
    const before = readTree(dir);
    const result = unawaited(["check", ...flags, "."], dir);
    expect(result.status).toBe(status);
    expect(readTree(dir)).toEqual(before);
    expect(result.stdout).toContain("(check: nothing written)");
  });

  it("fails on a target that matched no call site, says what the files suggest, and passes with --allow-unmatched or \"done\": true", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "createWebsocketManager" }, { name: "cookies", module: "next/header" }] }),
      "a.ts": "import { cookies } from \"next/headers\";\nexport async function a() {\n  await createWebSocketManager();\n  return cookies();\n}\n",
    });
    const result = unawaited(["check", "."], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("unawaited: warning: target createWebsocketManager matched no call site; did you mean createWebSocketManager? (it occurs in 1 file)");
    expect(result.stderr).toContain("unawaited: warning: target cookies (module 'next/header') matched no call site; cookies is imported from 'next/headers' in 1 file: did you mean that module?");
    expect(result.stdout).toContain("targets: createWebsocketManager 0, next/header#cookies 0");
    expect(unawaited(["check", "--allow-unmatched", "."], dir).status).toBe(0);
    // fix and list warn too, and their exit code does not change.
    const fixed = unawaited(["fix", "--dry", "."], dir);
    expect(fixed.status).toBe(0);
    expect(fixed.stderr).toContain("target createWebsocketManager matched no call site");
    const json = JSON.parse(unawaited(["check", "--json", "--allow-unmatched", "."], dir).stdout) as { targets: { name: string; sites: Record<string, number>; hint?: string }[] };
    expect(json.targets[0]).toMatchObject({ name: "createWebsocketManager", sites: { await: 0, "sync-variant": 0, manual: 0, ok: 0 }, done: false, hint: expect.stringContaining("did you mean createWebSocketManager?") });
    fs.writeFileSync(path.join(dir, "unawaited.config.json"), JSON.stringify({ targets: [{ name: "createWebsocketManager", done: true }, { name: "cookies", module: "next/headers" }] }));
    const done = unawaited(["check", "."], dir);
    expect(done.stderr).toBe("");
    expect(done.status).toBe(0);
    expect(done.stdout).toContain("targets: createWebsocketManager 0 (done), next/headers#cookies 1 (1 ok)");
  });

  it("counts each target's call sites by action, in text, JSON and SARIF", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT, "b.ts": NEEDS_SWITCH, "c.ts": MANUAL_ONLY, "d.ts": CLEAN });
    expect(unawaited(["check", "."], dir).stdout).toContain("targets: createWebSocketManager 3 (1 await, 1 manual, 1 ok), setWebsocketManagerAsync 1 (1 sync-variant)");
    const json = JSON.parse(unawaited(["check", "--json", "."], dir).stdout) as { targets: unknown };
    expect(json.targets).toEqual([
      { name: "createWebSocketManager", sites: { await: 1, "sync-variant": 0, "make-async": 0, manual: 1, ok: 1 }, done: false },
      { name: "setWebsocketManagerAsync", sites: { await: 0, "sync-variant": 1, "make-async": 0, manual: 0, ok: 0 }, done: false },
    ]);
    const sarif = JSON.parse(unawaited(["check", "--format", "sarif", "."], dir).stdout) as { runs: { properties: { targets: unknown } }[] };
    expect(sarif.runs[0]!.properties.targets).toEqual(json.targets);
  });

  it("does not judge unmatched targets in one shard, which sees a slice of the files", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT, "z.ts": NEEDS_SWITCH });
    for (const shard of ["1/2", "2/2"]) expect(unawaited(["check", "--shard", shard, "."], dir).stderr).not.toContain("matched no call site");
  });

  it("lists the sites that need work with file:line:col", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT, "d.ts": CLEAN });
    const result = unawaited(["check", "."], dir);
    expect(result.stdout).toContain("a.ts:2:13  await   createWebSocketManager: the result is used as a value in an async function");
    expect(result.stdout).not.toContain("d.ts:");
  });

  it("--format sarif has the SARIF 2.1.0 required fields and one result per site that needs work", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT, "c#x.ts": MANUAL_ONLY, "d.ts": CLEAN, "broken.ts": "function ( createWebSocketManager" });
    const result = unawaited(["check", "--format", "sarif", "."], dir);
    expect(result.status).toBe(1);
    const sarif = JSON.parse(result.stdout) as Record<string, any>;
    expect(sarif["version"]).toBe("2.1.0");
    expect(sarif["$schema"]).toMatch(/sarif-2\.1\.0/);
    expect(sarif["runs"]).toHaveLength(1);
    const run = sarif["runs"][0];
    expect(run.tool.driver.name).toBe("unawaited");
    const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(ruleIds).toEqual(["await", "sync-variant", "make-async", "manual", "unused-ignore"]);
    expect(run.results).toHaveLength(2);
    for (const result of run.results) {
      expect(typeof result.message.text).toBe("string");
      expect(ruleIds).toContain(result.ruleId);
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toMatch(/^(a|c%23x)\.ts$/);
      expect(location.region.startLine).toBeGreaterThan(0);
      expect(location.region.startColumn).toBeGreaterThan(0);
    }
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toMatch(/cannot parse/);
  });

  it("--json is the same report as fix --json", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT });
    const report = JSON.parse(unawaited(["check", "--json", "."], dir).stdout) as { findings: { action: string }[] };
    expect(report.findings.map((f) => f.action)).toEqual(["await"]);
  });
});

describe("list", () => {
  it("prints every site with its status, grouped by file", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT, "b.ts": NEEDS_SWITCH, "c.ts": MANUAL_ONLY, "d.ts": CLEAN });
    const result = unawaited(["list", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n").slice(0, 8)).toEqual([
      "a.ts",
      "  2:13    await   createWebSocketManager: the result is used as a value in an async function",
      "b.ts",
      "  2:3     sync    setWebsocketManagerAsync: called in a sync function, where await is not available: use the sync variant setWebsocketManager",
      "c.ts",
      "  2:3     manual  createWebSocketManager: called in a sync function, where await is not available, and no sync variant is configured; the result is a Promise",
      "d.ts",
      "  2:9     ok      createWebSocketManager: already awaited",
    ]);
  });
});

describe("fix --patch", () => {
  it("writes one patch that git apply accepts and that reproduces fix, leaving the sources alone", () => {
    const dir = copySampleProject();
    git(["init", "-q"], dir);
    const before = readTree(dir);
    const result = unawaited(["fix", "--patch", "../fixes.patch", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("wrote ../fixes.patch\n");
    expect(result.stdout).toContain("(patch only: source files not written)");
    const patchFile = path.join(dir, "..", "fixes.patch");
    expect(readTree(dir)).toEqual(before);
    expect(git(["apply", "--check", patchFile], dir).status).toBe(0);
    expect(git(["apply", patchFile], dir).status).toBe(0);
    fs.rmSync(patchFile);

    const fixed = copySampleProject();
    unawaited(["fix", "."], fixed);
    expect(readTree(dir)).toEqual(readTree(fixed));
  });
});

describe("patches of files with unusual names", () => {
  it("quote names as git does (a line feed, a quote, a backslash, a tab), so git apply takes them; spaces and non-ASCII stay as they are", () => {
    const names = ["we\nird.ts", 'q"uote.ts', "back\\slash.ts", "tab\there.ts", "with space.ts", "é.ts"];
    const dir = project(Object.fromEntries(names.map((name) => [name, NEEDS_AWAIT])));
    git(["init", "-q"], dir);
    const patch = path.join(tempDir(), "odd.patch");
    expect(unawaited(["fix", "--patch", patch, "."], dir).status).toBe(0);
    expect(fs.readFileSync(patch, "utf8")).toContain('diff --git "a/we\\nird.ts" "b/we\\nird.ts"\n--- "a/we\\nird.ts"\n+++ "b/we\\nird.ts"\n');
    const applied = git(["apply", patch], dir);
    expect(applied.stderr).toBe("");
    for (const name of names) expect(fs.readFileSync(path.join(dir, name), "utf8"), name).toBe(NEEDS_AWAIT.replace("= create", "= await create"));
  });
});

describe("patches from anywhere", () => {
  it("--patch from a subdirectory uses paths from the repository root", () => {
    const dir = copySampleProject();
    git(["init", "-q"], dir);
    const patch = path.join(tempDir(), "sub.patch");
    expect(unawaited(["fix", "--patch", patch, "."], path.join(dir, "src")).status).toBe(0);
    expect(fs.readFileSync(patch, "utf8")).toContain("diff --git a/src/agent-handler.ts b/src/agent-handler.ts");
    expect(git(["apply", "--check", patch], dir).status).toBe(0);
  });

  it("--patch-dir names the patch after the repository and roots it there, even for a subdirectory", () => {
    const base = tempDir();
    const repo = path.join(base, "ra");
    fs.cpSync(copySampleProject(), repo, { recursive: true });
    git(["init", "-q"], repo);
    expect(unawaited(["fix", "--patch-dir", "pd", "ra/src"], base).status).toBe(0);
    expect(fs.readdirSync(path.join(base, "pd"))).toEqual(["ra.patch"]);
    expect(git(["apply", "--check", path.join(base, "pd", "ra.patch")], repo).status).toBe(0);
  });

  it("writes no patch when there is nothing to change, and removes a stale one from --patch-dir", () => {
    const dir = project({ "d.ts": CLEAN });
    writeTree(dir, { "pd/x.patch": "stale" });
    fs.renameSync(dir, `${dir}-x`);
    fs.mkdirSync(dir);
    fs.renameSync(`${dir}-x`, path.join(dir, "x"));
    const result = unawaited(["fix", "--patch", "none.patch", "--patch-dir", "x/pd", "x"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("no changes: none.patch not written");
    expect(fs.existsSync(path.join(dir, "none.patch"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "x", "pd", "x.patch"))).toBe(false);
  });

  it("refuses a --patch path that is a source file being fixed", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT });
    const result = unawaited(["fix", "--patch", "a.ts", "."], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--patch a.ts is one of the files being fixed");
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
  });

  it.each([
    [["fix", "--patch", ".", "."], /--patch \. is a directory/],
    [["fix", ".", "--patch"], /--patch needs a file name/],
    [["fix", "--patch-dir", "a.ts", "."], /--patch-dir a\.ts: .*(not a directory|EEXIST)/],
    [["fix", "--patch", "a.ts/x.patch", "."], /--patch a\.ts\/x\.patch: cannot create directory/],
    [["fix", ".", "--target"], /Not enough arguments following: target/],
    [["check", "--json", "--format", "sarif", "."], /--json and --format sarif ask for two formats/],
  ])("%j is a clear usage error", (args, message) => {
    const dir = project({ "a.ts": NEEDS_AWAIT });
    const result = unawaited(args as string[], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("points at the command a flag belongs to", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT });
    expect(unawaited(["check", "--patch", "x", "."], dir).stderr).toContain("--patch is an option of `unawaited fix`");
  });
});

describe("overlapping and repeated paths", () => {
  it("handles each file once when one path contains another", () => {
    const dir = copySampleProject();
    git(["init", "-q"], dir);
    const result = unawaited(["fix", "--patch", "../o.patch", ".", "src"], dir);
    expect(result.stdout).toContain("8 files scanned: 2 to change");
    expect(git(["apply", "--check", path.join(dir, "..", "o.patch")], dir).status).toBe(0);
  });

  it("shards over all roots together, balanced", () => {
    const base = tempDir();
    for (const [name, count] of [["ra", 7], ["rb", 3]] as const) {
      const files: Record<string, string> = { "unawaited.config.json": CONFIG };
      for (let i = 0; i < count; i++) files[`f${i}.ts`] = NEEDS_AWAIT;
      writeTree(path.join(base, name), files);
    }
    const sizes = ["1/2", "2/2"].map((shard) => (JSON.parse(unawaited(["check", "--json", "--shard", shard, "ra", "rb"], base).stdout) as { summary: { files: { scanned: number } } }).summary.files.scanned);
    expect(sizes).toEqual([5, 5]);
  });
});

describe("several repositories", () => {
  function repo(base: string, name: string, config: object, files: Record<string, string>): string {
    const dir = path.join(base, name);
    writeTree(dir, { "unawaited.config.json": JSON.stringify(config), ...files });
    git(["init", "-q"], dir);
    return dir;
  }

  it("each repository uses its own config and .gitignore, gets a summary line and its own patch", () => {
    const base = tempDir();
    repo(base, "alpha", { targets: [{ name: "createWebSocketManager" }] }, {
      ".gitignore": "gen/\n",
      "src/a.ts": NEEDS_AWAIT,
      "gen/a.ts": NEEDS_AWAIT,
    });
    repo(base, "beta", { targets: [{ name: "loadAsync", sync: "load" }] }, {
      "src/b.ts": "function f() {\n  loadAsync();\n}\n",
      "src/c.ts": NEEDS_AWAIT,
    });
    const result = unawaited(["fix", "--patch-dir", "patches", "alpha", "beta"], base);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("alpha: 1 file scanned: 1 to change");
    expect(result.stdout).toContain("beta: 2 files scanned: 1 to change, 1 unchanged");
    expect(fs.readdirSync(path.join(base, "patches")).sort()).toEqual(["alpha.patch", "beta.patch"]);
    const alphaPatch = fs.readFileSync(path.join(base, "patches", "alpha.patch"), "utf8");
    expect(alphaPatch).toContain("diff --git a/src/a.ts b/src/a.ts");
    expect(git(["apply", "--check", path.join(base, "patches", "alpha.patch")], path.join(base, "alpha")).status).toBe(0);
    expect(fs.readFileSync(path.join(base, "patches", "beta.patch"), "utf8")).toContain("+  load();");
  });

  it("--repos keeps going: a missing path, a repository without a config, a bad config and a dirty tree fail that repository alone", () => {
    const base = tempDir();
    const commit = (dir: string) => {
      git(["add", "-A"], dir);
      git(["commit", "-qm", "initial"], dir);
    };
    commit(repo(base, "good", { targets: [{ name: "createWebSocketManager" }] }, { "a.ts": NEEDS_AWAIT }));
    const dirty = repo(base, "dirty", { targets: [{ name: "createWebSocketManager" }] }, { "a.ts": NEEDS_AWAIT, "b.ts": NEEDS_AWAIT });
    commit(dirty);
    fs.appendFileSync(path.join(dirty, "b.ts"), "// uncommitted\n");
    writeTree(base, { "noconfig/a.ts": NEEDS_AWAIT, "badconfig/unawaited.config.json": "{ \"targets\": [] }", "badconfig/a.ts": NEEDS_AWAIT });
    writeTree(base, { "repos.txt": "good\nmissing\nnoconfig\nbadconfig\ndirty\n" });

    const result = unawaited(["fix", "--repos", "repos.txt"], base);
    expect(result.status).toBe(1);
    expect(fs.readFileSync(path.join(base, "good", "a.ts"), "utf8")).toBe(NEEDS_AWAIT.replace("= create", "= await create"));
    expect(fs.readFileSync(path.join(dirty, "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
    expect(fs.readFileSync(path.join(base, "noconfig", "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
    expect(result.stdout).toMatch(/^missing: failed: path not found: .*missing/m);
    expect(result.stdout).toMatch(/^noconfig: failed: no unawaited\.config\.json/m);
    expect(result.stdout).toMatch(/^badconfig: failed: invalid config in .*badconfig/m);
    expect(result.stdout).toMatch(/^dirty: failed: refusing to write: 1 file to be changed has uncommitted changes/m);
    expect(result.stdout).toContain("good: 1 file scanned: 1 changed");
    expect(result.stdout).toContain("4 of 5 repositories failed");

    const json = JSON.parse(unawaited(["check", "--json", "--repos", "repos.txt"], base).stdout) as { roots: { path: string; status: string; error?: string }[] };
    expect(Object.fromEntries(json.roots.map((root) => [root.path, root.status]))).toEqual({ good: "ok", dirty: "ok", missing: "failed", noconfig: "failed", badconfig: "failed" });
  });

  it("without --repos, one dirty file still stops every path, and a missing path is a usage error", () => {
    const base = tempDir();
    for (const name of ["one", "two"]) {
      const dir = repo(base, name, { targets: [{ name: "createWebSocketManager" }] }, { "a.ts": NEEDS_AWAIT });
      git(["add", "-A"], dir);
      git(["commit", "-qm", "initial"], dir);
    }
    fs.appendFileSync(path.join(base, "two", "a.ts"), "// uncommitted\n");
    expect(unawaited(["fix", "one", "two"], base).status).toBe(2);
    expect(fs.readFileSync(path.join(base, "one", "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
    expect(unawaited(["fix", "one", "nowhere"], base).status).toBe(2);
  });

  it("--repos reads one path a line, relative to the list, with comments", () => {
    const base = tempDir();
    repo(base, "alpha", { targets: [{ name: "createWebSocketManager" }] }, { "a.ts": NEEDS_AWAIT });
    repo(base, "beta", { targets: [{ name: "createWebSocketManager" }] }, { "b.ts": NEEDS_AWAIT });
    writeTree(base, { "lists/repos.txt": "# our services\n../alpha\n\n../beta\n" });
    const result = unawaited(["check", "--json", "--repos", "lists/repos.txt"], base);
    const report = JSON.parse(result.stdout) as { roots: { path: string }[]; findings: { file: string }[] };
    expect(report.roots.map((r) => r.path)).toEqual(["alpha", "beta"]);
    expect(report.findings.map((f) => f.file)).toEqual(["alpha/a.ts", "beta/b.ts"]);
  });

  it("--repos lists a repository twice: it still lands in one shard", () => {
    const base = tempDir();
    repo(base, "ra", { targets: [{ name: "createWebSocketManager" }] }, { "a.ts": NEEDS_AWAIT });
    repo(base, "rb", { targets: [{ name: "createWebSocketManager" }] }, { "b.ts": NEEDS_AWAIT });
    writeTree(base, { "repos.txt": "ra\n./ra/\nrb\n" });
    const slices = ["1/2", "2/2"].map((shard) =>
      (JSON.parse(unawaited(["check", "--json", "--repos", "repos.txt", "--shard", shard], base).stdout) as { roots: { path: string }[] }).roots.map((r) => r.path));
    expect(slices.flat().sort()).toEqual(["ra", "rb"]);
  });

  it("--shard with --repos splits repositories: disjoint, and together all of them", () => {
    const base = tempDir();
    const names = ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"];
    for (const name of names) repo(base, name, { targets: [{ name: "createWebSocketManager" }] }, { "a.ts": NEEDS_AWAIT });
    writeTree(base, { "repos.txt": names.join("\n") });
    const slices: string[][] = [];
    for (const shard of ["1/3", "2/3", "3/3"]) {
      const report = JSON.parse(unawaited(["check", "--json", "--repos", "repos.txt", "--shard", shard], base).stdout) as { roots: { path: string }[] };
      slices.push(report.roots.map((r) => r.path));
    }
    expect(slices).toEqual([["r1", "r4", "r7"], ["r2", "r5", "r8"], ["r3", "r6"]]);
  });
});

describe("--shard over files", () => {
  it("slices are disjoint and together are every file", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`src/f${i}.ts`] = NEEDS_AWAIT;
    const dir = project(files);
    const all = (JSON.parse(unawaited(["check", "--json", "."], dir).stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    const slices = ["1/4", "2/4", "3/4", "4/4"].map((shard) =>
      (JSON.parse(unawaited(["check", "--json", "--shard", shard, "."], dir).stdout) as { findings: { file: string }[] }).findings.map((f) => f.file));
    expect(slices.flat().sort()).toEqual([...all].sort());
    expect(new Set(slices.flat()).size).toBe(all.length);
    // Dealt round-robin: 30 files over 4 shards are 8, 8, 7, 7.
    expect(slices.map((slice) => slice.length)).toEqual([8, 8, 7, 7]);
  });

  it("rejects a malformed shard", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT });
    const result = unawaited(["check", "--shard", "5/4", "."], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--shard 5/4: expected i/n with 1 <= i <= n");
  });
});

describe("targets and files from flags", () => {
  it("--target works without a config file, with the documented grammar", () => {
    const dir = tempDir();
    writeTree(dir, {
      "a.ts": "import { cookies } from \"next/headers\";\nasync function a() {\n  cookies().get(\"x\");\n}\nfunction b(r) {\n  r.fAsync();\n}\n",
    });
    const result = unawaited(["fix", "--dry", "--target", "next/headers#cookies", "--target", "fAsync=>f", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("+  (await cookies()).get(\"x\");");
    expect(result.stdout).toContain("+  r.f();");
  });

  it("takes the config from package.json's \"unawaited\" key", () => {
    const dir = tempDir();
    writeTree(dir, { "package.json": JSON.stringify({ name: "x", unawaited: { targets: [{ name: "createWebSocketManager" }] } }), "a.ts": NEEDS_AWAIT });
    expect(unawaited(["check", "."], dir).status).toBe(1);
  });

  it("names the package.json key in config errors", () => {
    const dir = tempDir();
    writeTree(dir, { "package.json": JSON.stringify({ name: "x", unawaited: { targets: [{ nmae: "f" }] } }), "a.ts": NEEDS_AWAIT });
    const result = unawaited(["check", "."], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown key "nmae" in unawaited\.targets\[0\]/);
  });

  it("a package.json that is not valid JSON, or whose \"unawaited\" key is not an object, is a config error naming it; the config above is not used", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": JSON.stringify({ targets: [{ name: "createWebSocketManager" }] }), "app/a.ts": NEEDS_AWAIT });
    const manifest = path.join(dir, "app", "package.json");
    fs.writeFileSync(manifest, '{ "name": "app", }');
    const invalid = unawaited(["fix", "app"], dir);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain(`${manifest} is not valid JSON`);
    fs.writeFileSync(manifest, JSON.stringify({ name: "app", unawaited: ["createWebSocketManager"] }));
    const notObject = unawaited(["fix", "app"], dir);
    expect(notObject.status).toBe(2);
    expect(notObject.stderr).toContain(`invalid config in ${manifest}: "unawaited" must be an object, not an array`);
    expect(fs.readFileSync(path.join(dir, "app", "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
  });

  it("reads a package.json that starts with a UTF-8 byte order mark", () => {
    const dir = tempDir();
    writeTree(dir, { "package.json": `\uFEFF${JSON.stringify({ name: "x", unawaited: { targets: [{ name: "createWebSocketManager" }] } })}`, "a.ts": NEEDS_AWAIT });
    expect(unawaited(["check", "."], dir).status).toBe(1);
  });

  it("a deeper .gitignore can re-include a file, and a nested repository has its own rules", () => {
    const dir = project({ ".gitignore": "*.gen.ts\n", "src/.gitignore": "!keep.gen.ts\n", "src/keep.gen.ts": NEEDS_AWAIT, "src/drop.gen.ts": NEEDS_AWAIT, "sub/x.gen.ts": NEEDS_AWAIT });
    git(["init", "-q"], dir);
    git(["init", "-q"], path.join(dir, "sub"));
    const files = (JSON.parse(unawaited(["check", "--json", "."], dir).stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    expect(files).toEqual(["src/keep.gen.ts", "sub/x.gen.ts"]);
  });

  it("takes a directory given explicitly even when .gitignore ignores it", () => {
    const dir = project({ ".gitignore": "build/\n", "build/a.ts": NEEDS_AWAIT });
    git(["init", "-q"], dir);
    const files = (JSON.parse(unawaited(["check", "--json", "build"], dir).stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    expect(files).toEqual(["build/a.ts"]);
  });

  it("--extensions, --ignore and --no-gitignore choose the files", () => {
    const dir = project({ ".gitignore": "ignored.ts\n", "a.ts": NEEDS_AWAIT, "b.js": NEEDS_AWAIT, "skip/c.ts": NEEDS_AWAIT, "ignored.ts": NEEDS_AWAIT });
    git(["init", "-q"], dir);
    const files = (...flags: string[]) =>
      (JSON.parse(unawaited(["check", "--json", ...flags, "."], dir).stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    expect(files()).toEqual(["a.ts", "b.js", "skip/c.ts"]);
    expect(files("--extensions", "ts")).toEqual(["a.ts", "skip/c.ts"]);
    expect(files("--ignore", "skip/", "--ignore", "*.js")).toEqual(["a.ts"]);
    expect(files("--no-gitignore")).toEqual(["a.ts", "b.js", "ignored.ts", "skip/c.ts"]);
  });

  it("rejects an unknown extension and a bad size", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT });
    expect(unawaited(["check", "--extensions", "rb", "."], dir).stderr).toContain("--extensions rb: unsupported .rb");
    expect(unawaited(["check", "--max-file-size", "lots", "."], dir).stderr).toContain("--max-file-size lots: expected a size");
  });
});

describe("output", () => {
  it("--quiet prints only errors; --verbose adds the sites that are already fine", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT, "d.ts": CLEAN, "broken.ts": "function ( createWebSocketManager" });
    const quiet = unawaited(["check", "--quiet", "."], dir);
    expect(quiet.stdout.trim().split("\n")).toEqual([expect.stringMatching(/^broken\.ts:1:10  error   cannot parse: /)]);
    const verbose = unawaited(["check", "--verbose", "."], dir);
    expect(verbose.stdout).toContain("d.ts:2:9  ok      createWebSocketManager: already awaited");
    expect(unawaited(["check", "."], dir).stdout).not.toContain("already awaited");
  });

  it("colours only when asked or on a terminal; NO_COLOR turns it off", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT });
    expect(unawaited(["fix", "--dry", "."], dir).stdout).not.toContain("\x1b[");
    expect(unawaited(["fix", "--dry", "--color", "."], dir).stdout).toContain("\x1b[32m+  const m = await createWebSocketManager();");
  });

  it("--quiet and --verbose together are a usage error", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT });
    expect(unawaited(["check", "-q", "-v", "."], dir).status).toBe(2);
  });

  it("a mistyped command gets a suggestion", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT });
    const result = unawaited(["chekc", "."], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("did you mean `unawaited check`?");
  });

  it("a mistyped flag gets a suggestion", () => {
    const dir = project({ "a.ts": NEEDS_AWAIT });
    const result = unawaited(["check", "--alow-manual", "."], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("did you mean --allow-manual?");
  });
});
