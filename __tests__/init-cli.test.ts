/**
 * `unawaited init` end to end: the real bin on temp directories, and the
 * terminal prompt in-process through main() with a fake Io.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { main, type Io } from "../src/cli/main";
import { readTree, REPO_ROOT, tempDir, unawaited, writeTree } from "./cli-helpers";

const SOURCES = {
  "src/api.ts": [
    "export async function fetchUser(id: string) { return id; }",
    "export async function saveUserAsync(u: string) { return u; }",
    "export function saveUser(u: string) { return u; }",
    "export async function render() { return 1; }",
  ].join("\n"),
  "src/view.ts": "export function render() { return 2; }\n",
  "src/use.ts": [
    "import { fetchUser, saveUserAsync, render } from './api';",
    "export async function first() { fetchUser('1'); saveUserAsync('x'); render(); }",
    "export function second() { saveUserAsync('y'); }",
  ].join("\n"),
  "worker.py": "async def refresh_cache():\n    pass\n\nasync def tick():\n    refresh_cache()\n",
};

const EXPECTED_CONFIG = {
  targets: [{ name: "fetchUser" }, { name: "refresh_cache" }, { name: "saveUserAsync", sync: "saveUser" }],
};

function project(): string {
  const dir = tempDir();
  writeTree(dir, SOURCES);
  return dir;
}

const configOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "unawaited.config.json"), "utf8")) as unknown;

describe("unawaited init (the real bin)", () => {
  it("--discover --yes writes a config that check then uses, with findings", () => {
    const dir = project();
    const result = unawaited(["init", "--discover", "--yes"], dir);
    expect(result.stderr).not.toContain("error");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("fetchUser                  src/api.ts:1  1 call: 1 await");
    expect(result.stdout).toContain("saveUserAsync => saveUser  src/api.ts:2  2 calls: 1 await, 1 sync-variant");
    expect(result.stdout).toMatch(/render\s+src\/api\.ts:4\s+also declared as a sync function at src\/view\.ts:1/);
    expect(result.stdout).toContain("wrote unawaited.config.json");
    expect(configOf(dir)).toEqual(EXPECTED_CONFIG);

    const check = unawaited(["check", "."], dir);
    expect(check.stderr).not.toContain("error");
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("src/use.ts:2:33  await   fetchUser");
    expect(check.stdout).toContain("worker.py:5:5  await   refresh_cache");
    expect(check.stdout).toMatch(/sites: 3 to await, 1 to switch to sync/);
  });

  it("without a terminal prints the config on stdout, the report on stderr, and writes nothing", () => {
    const dir = project();
    const before = readTree(dir);
    const result = unawaited(["init", "--discover"], dir);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(EXPECTED_CONFIG);
    expect(result.stderr).toContain("Found 3 targets in 4 files");
    expect(result.stderr).toContain("unawaited.config.json not written: pass --yes to write it");
    expect(readTree(dir)).toEqual(before);
  });

  it("--target writes those targets; into the directory given", () => {
    const dir = project();
    const result = unawaited(["init", "src", "--target", "fetchUser", "--target", "saveUserAsync=>saveUser", "--target", "next/headers#cookies", "--yes"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("wrote src/unawaited.config.json");
    expect(configOf(path.join(dir, "src"))).toEqual({ targets: [{ name: "fetchUser" }, { name: "saveUserAsync", sync: "saveUser" }, { name: "cookies", module: "next/headers" }] });
  });

  it("--json prints one document: targets with counts, skipped names with reasons, the config", () => {
    const dir = project();
    const result = unawaited(["init", "--discover", "--json"], dir);
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(doc["file"]).toBe("unawaited.config.json");
    expect(doc["written"]).toBe(false);
    expect(doc["config"]).toEqual(EXPECTED_CONFIG);
    expect(doc["targets"]).toContainEqual({ name: "saveUserAsync", sync: "saveUser", declared: [{ file: "src/api.ts", line: 2 }], sites: { await: 1, "sync-variant": 1, manual: 0, ok: 0 } });
    expect(doc["skipped"]).toContainEqual(expect.objectContaining({ name: "render", reason: "declared-sync" }));
    expect(doc["skipped"]).toContainEqual(expect.objectContaining({ name: "tick", reason: "not-called" }));
    expect(fs.existsSync(path.join(dir, "unawaited.config.json"))).toBe(false);
  });

  it("refuses an existing config, naming it; --force replaces it", () => {
    const dir = project();
    writeTree(dir, { "unawaited.config.json": '{ "targets": [{ "name": "old" }] }\n' });
    const refused = unawaited(["init", "--discover", "--yes"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("unawaited.config.json already exists: refusing to overwrite it");
    expect(refused.stderr).toContain("--force");
    expect(configOf(dir)).toEqual({ targets: [{ name: "old" }] });

    const forced = unawaited(["init", "--discover", "--yes", "--force"], dir);
    expect(forced.status).toBe(0);
    expect(configOf(dir)).toEqual(EXPECTED_CONFIG);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses a package.json that holds the config", () => {
    const dir = project();
    writeTree(dir, { "package.json": '{ "name": "x", "unawaited": { "targets": [{ "name": "old" }] } }\n' });
    const refused = unawaited(["init", "--target", "fetchUser", "--yes"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('package.json already holds a config (key "unawaited")');
    const forced = unawaited(["init", "--target", "fetchUser", "--yes", "--force"], dir);
    expect(forced.status).toBe(0);
    expect(forced.stderr).toContain("now takes precedence");
    expect(configOf(dir)).toEqual({ targets: [{ name: "fetchUser" }] });
  });

  it("is a usage error without --target or --discover, and for a bad target or path", () => {
    const dir = project();
    const none = unawaited(["init"], dir);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("pass --target SPEC or --discover");
    expect(unawaited(["init", "--target", "not a name", "--yes"], dir).status).toBe(2);
    expect(unawaited(["init", "missing", "--discover"], dir).status).toBe(2);
    expect(unawaited(["init", "src/api.ts", "--discover"], dir).stderr).toContain("is a file");
    expect(unawaited(["init", "--yes=maybe", "--discover"], dir).status).toBe(2);
    expect(fs.existsSync(path.join(dir, "unawaited.config.json"))).toBe(false);
  });

  it("exits 1 and writes nothing when --discover finds nothing", () => {
    const dir = tempDir();
    writeTree(dir, { "a.ts": "export async function fetchUser() {}\nexport async function run2() { await fetchUser(); }\n" });
    const result = unawaited(["init", "--discover", "--yes"], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("nothing to write");
    expect(fs.existsSync(path.join(dir, "unawaited.config.json"))).toBe(false);
    const piped = unawaited(["init", "--discover"], dir);
    expect(piped.status).toBe(1);
    expect(piped.stdout).toBe("");
    expect(piped.stderr).toContain("every call is awaited or used as a promise (1 call)");
  });

  it("--help explains init; the root help lists it", () => {
    const help = unawaited(["init", "--help"], REPO_ROOT);
    expect(help.status).toBe(0);
    for (const text of ["--discover", "--yes", "--force", "--target", "xAsync/x", "then, catch", "Exit codes", "init --discover --yes"]) expect(help.stdout).toContain(text);
    expect(unawaited(["--help"], REPO_ROOT).stdout).toMatch(/init \[paths\.\.\]\s+Write unawaited\.config\.json/);
  });
});

describe("unawaited init on a terminal (in-process)", () => {
  function fakeIo(cwd: string, answer: string | undefined) {
    const out: string[] = [];
    const err: string[] = [];
    const questions: string[] = [];
    const io: Io = {
      stdout: (text) => void out.push(text),
      stderr: (text) => void err.push(text),
      cwd,
      env: {},
      stdoutIsTTY: true,
      stderrIsTTY: true,
      columns: 100,
      ...(answer !== undefined ? { ask: async (question: string) => (questions.push(question), answer) } : {}),
    };
    return { io, out, err, questions };
  }

  it("shows the config, asks, and writes on y", async () => {
    const dir = project();
    const { io, out, questions } = fakeIo(dir, "y");
    expect(await main(["init", "--discover"], io)).toBe(0);
    expect(questions).toEqual(["Write unawaited.config.json? [y/N] "]);
    expect(out.join("")).toContain('"name": "saveUserAsync"');
    expect(out.join("")).toContain("wrote unawaited.config.json");
    expect(configOf(dir)).toEqual(EXPECTED_CONFIG);
  });

  it("writes nothing on n (or an empty answer)", async () => {
    for (const answer of ["n", ""]) {
      const dir = project();
      const { io, err } = fakeIo(dir, answer);
      expect(await main(["init", "--target", "fetchUser"], io)).toBe(0);
      expect(err.join("")).toContain("not written");
      expect(fs.existsSync(path.join(dir, "unawaited.config.json"))).toBe(false);
    }
  });

  it("does not ask with --yes, nor with --json", async () => {
    const dir = project();
    const json = fakeIo(dir, "y");
    expect(await main(["init", "--discover", "--json"], json.io)).toBe(0);
    expect(json.questions).toEqual([]);
    expect(fs.existsSync(path.join(dir, "unawaited.config.json"))).toBe(false);
    const yes = fakeIo(dir, "n");
    expect(await main(["init", "--discover", "--yes"], yes.io)).toBe(0);
    expect(yes.questions).toEqual([]);
    expect(configOf(dir)).toEqual(EXPECTED_CONFIG);
  });

  it("a config that appears while asking is not overwritten", async () => {
    const dir = project();
    const { io } = fakeIo(dir, "y");
    const racing: Io = {
      ...io,
      ask: async () => {
        fs.writeFileSync(path.join(dir, "unawaited.config.json"), "{}\n");
        return "y";
      },
    };
    await expect(main(["init", "--target", "fetchUser"], racing)).resolves.toBe(2);
    expect(fs.readFileSync(path.join(dir, "unawaited.config.json"), "utf8")).toBe("{}\n");
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
