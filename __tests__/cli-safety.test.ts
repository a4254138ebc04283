import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, git, readTree, tempDir, unawaited, writeTree } from "./cli-helpers";

const CONFIG = JSON.stringify({ targets: [{ name: "createWebSocketManager" }] });
const NEEDS_AWAIT = "async function a() {\n  const m = createWebSocketManager();\n  m.add();\n}\n";
const FIXED = "async function a() {\n  const m = await createWebSocketManager();\n  m.add();\n}\n";

function committedRepo(files: Record<string, string>): string {
  const dir = tempDir();
  writeTree(dir, { "unawaited.config.json": CONFIG, ...files });
  git(["init", "-q"], dir);
  git(["add", "-A"], dir);
  git(["commit", "-qm", "initial"], dir);
  return dir;
}

describe("the dirty-tree guard", () => {
  it("writes files that are committed and clean", () => {
    const dir = committedRepo({ "a.ts": NEEDS_AWAIT });
    expect(unawaited(["fix", "."], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(FIXED);
  });

  it("refuses when a file to be changed has uncommitted changes, naming it; --force overrides", () => {
    const dir = committedRepo({ "a.ts": NEEDS_AWAIT, "b.ts": NEEDS_AWAIT, "other.ts": "x;\n" });
    fs.appendFileSync(path.join(dir, "a.ts"), "// work in progress\n");
    fs.appendFileSync(path.join(dir, "other.ts"), "// unrelated, not to be changed\n");
    const before = readTree(dir);
    const refused = unawaited(["fix", "."], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("refusing to write: 1 file to be changed has uncommitted changes (or is ignored by git):\n  a.ts\n");
    expect(refused.stderr).toContain("--force");
    expect(readTree(dir)).toEqual(before);

    expect(unawaited(["fix", "--force", "."], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(`${FIXED}// work in progress\n`);
    expect(fs.readFileSync(path.join(dir, "b.ts"), "utf8")).toBe(FIXED);
  });

  it("counts untracked files as uncommitted", () => {
    const dir = committedRepo({ "a.ts": "x;\n" });
    writeTree(dir, { "new.ts": NEEDS_AWAIT });
    const refused = unawaited(["fix", "."], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("  new.ts\n");
  });

  it("always allows --dry, --patch and check", () => {
    const dir = committedRepo({ "a.ts": NEEDS_AWAIT });
    fs.appendFileSync(path.join(dir, "a.ts"), "// wip\n");
    expect(unawaited(["fix", "--dry", "."], dir).status).toBe(0);
    expect(unawaited(["fix", "--patch", path.join(tempDir(), "p.patch"), "."], dir).status).toBe(0);
    expect(unawaited(["check", "."], dir).status).toBe(1);
  });

  it("does not apply outside a git work tree", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "a.ts": NEEDS_AWAIT });
    expect(unawaited(["fix", "."], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(FIXED);
  });
});

describe("the dirty-tree guard, edge cases", () => {
  it("treats file names as names, not git pathspec patterns", () => {
    const dir = committedRepo({ "app/[id].ts": NEEDS_AWAIT, "app/i.ts": "x;\n", ":foo.ts": NEEDS_AWAIT });
    fs.appendFileSync(path.join(dir, "app", "i.ts"), "// wip\n");
    // `app/[id].ts` would match `app/i.ts` as a pattern: not refused for it.
    expect(unawaited(["fix", "app"], dir).status).toBe(0);
    fs.appendFileSync(path.join(dir, ":foo.ts"), "// wip\n");
    const refused = unawaited(["fix", ":foo.ts"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("  :foo.ts\n");
  });

  it("refuses a file inside a .gitignore'd directory too", () => {
    const dir = committedRepo({ ".gitignore": "out/\n" });
    writeTree(dir, { "out/x.ts": NEEDS_AWAIT });
    const refused = unawaited(["fix", "out/x.ts"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("  out/x.ts\n");
    expect(fs.readFileSync(path.join(dir, "out", "x.ts"), "utf8")).toBe(NEEDS_AWAIT);
  });

  it("refuses a .gitignore'd file, which git could not give back", () => {
    const dir = committedRepo({ ".gitignore": "local.ts\n" });
    writeTree(dir, { "local.ts": NEEDS_AWAIT });
    const refused = unawaited(["fix", "local.ts"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("  local.ts\n");
    expect(fs.readFileSync(path.join(dir, "local.ts"), "utf8")).toBe(NEEDS_AWAIT);
  });

  it("fails closed when git cannot answer", () => {
    const dir = committedRepo({ "a.ts": NEEDS_AWAIT });
    fs.writeFileSync(path.join(dir, ".git", "index"), "not an index");
    const result = unawaited(["fix", "."], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot check .* for uncommitted changes: git failed: /);
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
  });
});

describe("files that are skipped or fail", () => {
  it("leaves a file that is not valid UTF-8 alone", () => {
    const dir = tempDir();
    const latin1 = Buffer.concat([Buffer.from("// caf"), Buffer.from([0xe9]), Buffer.from(`\n${NEEDS_AWAIT}`)]);
    writeTree(dir, { "unawaited.config.json": CONFIG, "latin1.ts": latin1 });
    const result = unawaited(["fix", "."], dir);
    expect(result.stdout).toMatch(/latin1\.ts {2}skip {4}not valid UTF-8/);
    expect(fs.readFileSync(path.join(dir, "latin1.ts")).equals(latin1)).toBe(true);
  });

  it("does not overwrite a read-only file", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "ro.ts": NEEDS_AWAIT });
    fs.chmodSync(path.join(dir, "ro.ts"), 0o444);
    const result = unawaited(["fix", "."], dir);
    expect(result.stdout).toMatch(/ro\.ts {2}error {3}cannot write: the file is read-only/);
    expect(fs.readFileSync(path.join(dir, "ro.ts"), "utf8")).toBe(NEEDS_AWAIT);
  });

  // Only root can give a file to another user and run the tool as that user.
  it.skipIf(process.getuid?.() !== 0)("does not replace a file the user may not write, in a directory the user owns (needs root: skipped otherwise)", () => {
    const nobody = 65534;
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "root.ts": NEEDS_AWAIT, "mine.ts": NEEDS_AWAIT });
    for (const name of [".", "unawaited.config.json", "mine.ts"]) fs.chownSync(path.join(dir, name), nobody, nobody);
    fs.chmodSync(path.join(dir, "root.ts"), 0o644);
    const result = spawnSync(process.execPath, [BIN, "fix", "."], { cwd: dir, encoding: "utf8", uid: nobody, gid: nobody, env: { ...process.env, NO_COLOR: "1" } });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/root\.ts {2}error {3}cannot write: permission denied: you may not write this file, so it is not replaced/);
    expect(fs.readFileSync(path.join(dir, "root.ts"), "utf8")).toBe(NEEDS_AWAIT);
    expect(fs.statSync(path.join(dir, "root.ts")).uid).toBe(0);
    expect(fs.readFileSync(path.join(dir, "mine.ts"), "utf8")).toBe(FIXED);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("writes a file whose name is as long as the file system allows", () => {
    const dir = tempDir();
    const name = `${"a".repeat(240)}.ts`;
    writeTree(dir, { "unawaited.config.json": CONFIG, [name]: NEEDS_AWAIT });
    expect(unawaited(["fix", "."], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, name), "utf8")).toBe(FIXED);
  });

  it("skips binary files and files over --max-file-size, and says so", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": CONFIG,
      "binary.ts": Buffer.concat([Buffer.from("createWebSocketManager();"), Buffer.from([0, 1, 2])]),
      "big.ts": `${NEEDS_AWAIT}${"// padding\n".repeat(20)}`,
      "small.ts": NEEDS_AWAIT,
    });
    const before = readTree(dir);
    const result = unawaited(["fix", "--dry", "--max-file-size", "200", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/binary\.ts {2}skip {4}binary file/);
    expect(result.stderr).toMatch(/big\.ts {2}skip {4}larger than --max-file-size \(\d+ B > 200 B\)/);
    expect(result.stderr).toContain("3 files scanned: 1 to change, 0 unchanged, 2 skipped, 0 failed");
    expect(result.stdout).toContain("b/small.ts");
    expect(readTree(dir)).toEqual(before);
  });

  it("reports and patches a file by its real path, not by a symlink to it", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "src/z.ts": NEEDS_AWAIT });
    fs.symlinkSync("z.ts", path.join(dir, "src", "a.ts"));
    git(["init", "-q"], dir);
    const result = unawaited(["fix", "--patch", "../p.patch", "."], dir);
    expect(result.stdout).toContain("src/z.ts:2:13");
    expect(result.stdout).not.toContain("src/a.ts");
    expect(git(["apply", "--check", path.join(dir, "..", "p.patch")], dir).status).toBe(0);
  });

  it("follows symlinks inside the root once, skips those pointing outside, and survives loops", () => {
    const outside = tempDir();
    writeTree(outside, { "secret.ts": NEEDS_AWAIT });
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "src/a.ts": NEEDS_AWAIT });
    fs.symlinkSync(path.join(outside, "secret.ts"), path.join(dir, "src", "outside.ts"));
    fs.symlinkSync(path.join(dir, "src", "a.ts"), path.join(dir, "src", "alias.ts"));
    fs.symlinkSync(dir, path.join(dir, "src", "loop"));
    const result = unawaited(["fix", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/src\/outside\.ts {2}skip {4}symlink to a path outside the given roots/);
    expect(fs.readFileSync(path.join(outside, "secret.ts"), "utf8")).toBe(NEEDS_AWAIT);
    expect(fs.readFileSync(path.join(dir, "src", "a.ts"), "utf8")).toBe(FIXED);
    expect(fs.lstatSync(path.join(dir, "src", "alias.ts")).isSymbolicLink()).toBe(true);
    expect(result.stdout).toContain("1 changed");
  });

  it("does not write through a symlink named on the command line, and says why", () => {
    const root = tempDir();
    writeTree(root, { "outside/a.ts": NEEDS_AWAIT, "project/unawaited.config.json": CONFIG, "project/b.ts": NEEDS_AWAIT });
    const dir = path.join(root, "project");
    fs.symlinkSync("../outside/a.ts", path.join(dir, "link.ts"));
    const result = unawaited(["fix", "link.ts", "b.ts"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`link.ts  skip    symlink: not followed (name the file it points to, ${path.join(root, "outside", "a.ts")}, to fix it)`);
    expect(fs.readFileSync(path.join(root, "outside", "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
    expect(fs.lstatSync(path.join(dir, "link.ts")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, "b.ts"), "utf8")).toBe(FIXED);
  });

  it("--quiet still shows every error, whatever the file is called", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "skip-list.ts": "createWebSocketManager(\n", "other.ts": "createWebSocketManager(\n" });
    const result = unawaited(["check", "-q", "."], dir);
    expect(result.stdout).toMatch(/skip-list\.ts:2:1 {2}error/);
    expect(result.stdout).toMatch(/other\.ts:2:1 {2}error/);
  });

  it("exits 1 for a file that does not parse only with --fail-on-error", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "broken.ts": "createWebSocketManager(\n", "a.ts": NEEDS_AWAIT });
    expect(unawaited(["fix", "--dry", "."], dir).status).toBe(0);
    const failing = unawaited(["fix", "--dry", "--fail-on-error", "."], dir);
    expect(failing.status).toBe(1);
    expect(failing.stderr).toMatch(/broken\.ts:2:1 {2}error {3}cannot parse: /);
  });
});

describe("--patch and --output", () => {
  // A file size limit makes every write past 2 KiB fail with EFBIG, as a full disk fails with ENOSPC.
  it.each([
    ["--patch", ["fix", "--patch"]],
    ["--output", ["fix", "--dry", "--output"]],
  ])("%s on a full disk leaves the older file whole, and no temp file", (_, command) => {
    const dir = tempDir();
    const files: Record<string, string> = { "unawaited.config.json": CONFIG };
    for (let i = 0; i < 40; i++) files[`f${i}.ts`] = NEEDS_AWAIT;
    writeTree(dir, files);
    const out = tempDir();
    const older = path.join(out, "older.txt");
    fs.writeFileSync(older, "the older patch or report, whole\n");
    const shell = `ulimit -f 4; exec "${process.execPath}" "${BIN}" ${command.join(" ")} "${older}" .`;
    const result = spawnSync("sh", ["-c", shell], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(result.stderr).toContain(`cannot write ${older}: EFBIG`);
    expect(result.status).toBe(2);
    expect(fs.readFileSync(older, "utf8")).toBe("the older patch or report, whole\n");
    expect(fs.readdirSync(out)).toEqual(["older.txt"]);
  });

  it("are written whole, with the default mode for a new file and the old mode kept for an existing one", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "a.ts": NEEDS_AWAIT });
    const out = tempDir();
    fs.writeFileSync(path.join(out, "old.patch"), "old\n", { mode: 0o600 });
    expect(unawaited(["fix", "--patch", path.join(out, "old.patch"), "."], dir).status).toBe(0);
    expect(unawaited(["fix", "--dry", "-o", path.join(out, "new.txt"), "."], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(out, "old.patch"), "utf8")).toContain("+  const m = await createWebSocketManager();");
    expect(fs.statSync(path.join(out, "old.patch")).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(out, "new.txt"), "utf8")).toContain("+  const m = await createWebSocketManager();");
    expect(fs.statSync(path.join(out, "new.txt")).mode & 0o777).toBe(0o666 & ~process.umask());
    expect(fs.readdirSync(out).sort()).toEqual(["new.txt", "old.patch"]);
  });

  it("--output to a device writes to it directly", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "a.ts": NEEDS_AWAIT });
    expect(unawaited(["fix", "--dry", "-o", "/dev/null", "."], dir).status).toBe(0);
    expect(fs.statSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});

/** A directory holding a `git` that does what `script` says, to put first on PATH. */
function fakeGit(script: string): string {
  const bin = tempDir();
  fs.writeFileSync(path.join(bin, "git"), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return bin;
}

function unawaitedWithPath(args: readonly string[], cwd: string, pathVariable: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", PATH: pathVariable } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the dirty-tree guard when git cannot answer", () => {
  it.each([
    ["is not installed", () => tempDir(), /\.git was found, but git is not installed or not on PATH/],
    ["fails", () => `${fakeGit("echo 'fatal: something broke' >&2; exit 128")}`, /\.git was found, but git failed: fatal: something broke/],
    ["is killed", () => `${fakeGit("kill -KILL $$")}`, /\.git was found, but git was stopped by SIGKILL/],
  ])("refuses to write where a .git is found but git %s, and --force overrides", (_, bin, message) => {
    const dir = committedRepo({ "a.ts": NEEDS_AWAIT, "dirty.ts": NEEDS_AWAIT });
    fs.appendFileSync(path.join(dir, "dirty.ts"), "// the user's uncommitted edit\n");
    const before = readTree(dir);
    const refused = unawaitedWithPath(["fix", "."], dir, bin());
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(message);
    expect(refused.stderr).toContain("--force");
    expect(readTree(dir)).toEqual(before);
    const forced = unawaitedWithPath(["fix", "--force", "."], dir, bin());
    expect(forced.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(FIXED);
  });

  it("writes outside any repository without git", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "a.ts": NEEDS_AWAIT });
    const result = unawaitedWithPath(["fix", "."], dir, tempDir());
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(FIXED);
  });
});

describe("Ctrl-C", () => {
  it("while git checks the tree exits 130, writes nothing and says it was interrupted (not that git failed)", async () => {
    const dir = committedRepo({ "a.ts": NEEDS_AWAIT });
    // A slow `git status`, as on a large repository; every other git command is the real one.
    const realGit = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
    const bin = fakeGit(`case "$*" in *status*) echo started > "${path.join(dir, "..", "git-started")}"; sleep 20;; esac; exec ${realGit} "$@"`);
    fs.rmSync(path.join(dir, "..", "git-started"), { force: true });
    // Detached: its own process group, which Ctrl-C on a terminal signals as a whole.
    const child = spawn(process.execPath, [BIN, "fix", "."], { cwd: dir, detached: true, env: { ...process.env, NO_COLOR: "1", PATH: `${bin}:${process.env["PATH"]}` } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const started = Date.now();
    while (!fs.existsSync(path.join(dir, "..", "git-started")) && Date.now() - started < 15000) await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(-child.pid!, "SIGINT");
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    fs.rmSync(path.join(dir, "..", "git-started"), { force: true });
    expect(stderr).not.toContain("git failed");
    expect(status).toBe(130);
    expect(stdout).toMatch(/0 changed.*interrupted/);
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
  });


  it("stops between files: written files are whole, the rest untouched, and the summary says how far it got", async () => {
    const dir = tempDir();
    const files: Record<string, string> = { "unawaited.config.json": CONFIG };
    for (let i = 0; i < 4000; i++) files[`src/f${String(i).padStart(4, "0")}.ts`] = NEEDS_AWAIT;
    writeTree(dir, files);
    const child = spawn(process.execPath, [BIN, "fix", "."], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    // Interrupt once the run is well under way: after 0.6 s of the child's CPU time (a fixed delay
    // can fire before Node has even started on a loaded machine, and SIGINT then kills it outright).
    await untilCpuTime(child.pid!, 0.6);
    child.kill("SIGINT");
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    expect(status).toBe(130);
    expect(stdout).toMatch(/interrupted after \d+ of 4000 files/);
    expect(stdout).not.toContain("not written: interrupted");
    const contents = Object.entries(readTree(dir)).filter(([name]) => name.startsWith("src/")).map(([, text]) => text);
    expect(contents).toHaveLength(4000);
    for (const text of contents) expect([NEEDS_AWAIT, FIXED]).toContain(text);
    // The summary counts as changed exactly the files that were written.
    const changed = Number(/(\d+) changed/.exec(stdout)?.[1]);
    expect(contents.filter((text) => text === FIXED)).toHaveLength(changed);
    expect(fs.readdirSync(path.join(dir, "src")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

describe("SIGTERM, SIGHUP and SIGQUIT", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
    ["SIGQUIT", 131],
  ] as const)("%s while writing stops between files like Ctrl-C: files whole, no temp file left, exit %i", async (signal, code) => {
    const dir = tempDir();
    const files: Record<string, string> = { "unawaited.config.json": CONFIG };
    for (let i = 0; i < 1500; i++) files[`src/f${String(i).padStart(4, "0")}.ts`] = NEEDS_AWAIT;
    writeTree(dir, files);
    const child = spawn(process.execPath, [BIN, "fix", "."], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on("close", (status) => resolve(status)));
    // Files are written in order: once the first one is, the run is writing.
    const first = path.join(dir, "src", "f0000.ts");
    const started = Date.now();
    while (fs.readFileSync(first, "utf8") !== FIXED && Date.now() - started < 20000) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill(signal);
    expect(await closed).toBe(code);
    expect(stdout).toMatch(/interrupted after \d+ of 1500 files/);
    const contents = Object.entries(readTree(dir)).filter(([name]) => name.startsWith("src/")).map(([, text]) => text);
    expect(contents).toHaveLength(1500);
    for (const text of contents) expect([NEEDS_AWAIT, FIXED]).toContain(text);
    expect(contents.filter((text) => text === FIXED)).toHaveLength(Number(/(\d+) changed/.exec(stdout)?.[1]));
    expect(fs.readdirSync(path.join(dir, "src")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

describe("progress bar", () => {
  const files: Record<string, string> = { "unawaited.config.json": CONFIG };
  for (let i = 0; i < 30; i++) files[`f${i}.ts`] = NEEDS_AWAIT;

  function inTerminal(dir: string, env: NodeJS.ProcessEnv): string {
    // `script` gives the command a pseudo-terminal, as a user's shell would.
    const result = spawnSync("script", ["-qec", `"${process.execPath}" "${BIN}" check .`, "/dev/null"], { cwd: dir, encoding: "utf8", env });
    return result.stdout;
  }

  it("is drawn on a terminal for more than a handful of files", () => {
    const dir = tempDir();
    writeTree(dir, files);
    const { CI: _ci, ...env } = process.env;
    expect(inTerminal(dir, { ...env, NO_COLOR: "1" })).toMatch(/\r\[#+ *\] \d+\/30 files/);
  });

  it("is not drawn in CI or when stderr is not a terminal", () => {
    const dir = tempDir();
    writeTree(dir, files);
    expect(inTerminal(dir, { ...process.env, NO_COLOR: "1", CI: "true" })).not.toContain("30 files\r");
    expect(unawaited(["check", "."], dir).stderr).not.toContain("\r[");
  });
});

/** Waits until process `pid` has used `seconds` of CPU time (Linux /proc), or 1.5 s of wall time elsewhere. */
async function untilCpuTime(pid: number, seconds: number): Promise<void> {
  const stat = `/proc/${pid}/stat`;
  if (!fs.existsSync(stat)) return new Promise((resolve) => setTimeout(resolve, 1500));
  const ticks = seconds * 100; // USER_HZ
  for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((resolve) => setTimeout(resolve, 20))) {
    // Fields 14 and 15 (utime, stime) after the ")" that ends the command name.
    const fields = fs.readFileSync(stat, "utf8").split(") ")[1]?.split(" ") ?? [];
    if (Number(fields[11]) + Number(fields[12]) >= ticks) return;
  }
}
