import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, expect } from "vitest";

export const REPO_ROOT = path.join(__dirname, "..");
export const BIN = path.join(REPO_ROOT, "bin", "unawaited.js");
export const SAMPLE_PROJECT = path.join(REPO_ROOT, "__testfixtures__", "sample-project");

export interface Spawned {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real executable, as a user would. */
export function unawaited(args: readonly string[], cwd: string): Spawned {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const created: string[] = [];

afterEach(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir, removed after the test. */
export function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "unawaited-test-")));
  created.push(dir);
  return dir;
}

/** Writes `files` (path → content) under `dir`. */
export function writeTree(dir: string, files: Readonly<Record<string, string | Buffer>>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** Every file under `dir` (relative path → content), for before/after comparisons. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (full.includes(`${path.sep}.git${path.sep}`)) continue;
    out[path.relative(dir, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
  }
  return out;
}

/** A copy of a bundled sample project (`__testfixtures__/<name>`) in a temp dir. */
export function copySampleProject(name = "sample-project"): string {
  const dir = tempDir();
  fs.cpSync(name === "sample-project" ? SAMPLE_PROJECT : path.join(REPO_ROOT, "__testfixtures__", name), dir, { recursive: true });
  return dir;
}

/**
 * `fix` on a fresh copy writes exactly what `git apply` of the expected dry-run
 * diff writes on another, and a second `fix` changes nothing. Returns the fixed copy.
 */
export function expectFixMatchesDiff(copy: () => string, expectedDiff: string, changedFiles: number): string {
  const fixed = copy();
  const patched = copy();
  const first = unawaited(["fix", "."], fixed);
  expect(first.status).toBe(0);
  expect(first.stdout).toContain(`${changedFiles} changed`);
  fs.writeFileSync(path.join(patched, "fix.patch"), expectedDiff);
  expect(git(["apply", "fix.patch"], patched).status).toBe(0);
  fs.rmSync(path.join(patched, "fix.patch"));
  expect(readTree(fixed)).toEqual(readTree(patched));

  const second = unawaited(["fix", "."], fixed);
  expect(second.status).toBe(0);
  expect(second.stdout).toContain("0 changed");
  expect(readTree(fixed)).toEqual(readTree(patched));
  return fixed;
}

export function git(args: readonly string[], cwd: string): Spawned {
  const result = spawnSync("git", [...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The CLI's main() in this process, with the output captured: for tests of what
 * the arguments mean, where the process boundary is not what is tested (each
 * spawn costs a Node start-up). Exit code as bin/ would set it.
 */
export async function unawaitedInProcess(args: readonly string[], cwd: string): Promise<Spawned> {
  const { main } = await import("../src/cli/main");
  let stdout = "";
  let stderr = "";
  const status = await main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: 100,
  });
  return { status, stdout, stderr };
}
