/**
 * Arguments the parsers would read loosely: each is a usage error before any
 * file is read, or does exactly what it says. Spawns the real CLI on a
 * directory of files that all need a fix, so a run over the wrong files shows.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readTree, tempDir, unawaited, writeTree } from "./cli-helpers";

const CONFIG = JSON.stringify({ targets: [{ name: "createWebSocketManager" }] });
const NEEDS_AWAIT = "async function a() {\n  const m = createWebSocketManager();\n  m.add();\n}\n";
const FIXED = NEEDS_AWAIT.replace("= create", "= await create");

function project(): string {
  const dir = tempDir();
  writeTree(dir, { "unawaited.config.json": CONFIG, "a.ts": NEEDS_AWAIT, "b.ts": NEEDS_AWAIT, "-dash.ts": NEEDS_AWAIT });
  return dir;
}

describe("arguments not understood exactly are usage errors, before any file is read", () => {
  it.each([
    [["fix", "--dry=yes", "a.ts"], /--dry takes no value \(got --dry=yes\)/],
    [["fix", "--dry=1", "a.ts"], /--dry takes no value/],
    [["fix", "-q=1", "a.ts"], /-q takes no value/],
    [["fix", "--no-dry=0", "a.ts"], /--no-dry takes no value/],
    [["fix", "--dry.", "a.ts"], /unknown option --dry\./],
    [["fix", "--dry.x", "a.ts"], /unknown option --dry\.x/],
    [["fix", "--patch.x=p", "a.ts"], /unknown option --patch\.x=p/],
    [["fix", ""], /an empty path was given/],
    [["fix", "a.ts", "", "b.ts"], /an empty path was given/],
    [["fix", "--", ""], /an empty path was given/],
    [["fix", "--config", "unawaited.config.json", "--config", "other.json", "a.ts"], /--config was given 2 times \(unawaited\.config\.json, other\.json\)/],
    [["fix", "--patch", "x.patch", "--patch", "y.patch", "a.ts"], /--patch was given 2 times/],
    [["fix", "--shard", "1/1", "--shard", "1/2", "a.ts"], /--shard was given 2 times/],
    [["fix", "--extensions", "ts", "--extensions", "py", "a.ts"], /--extensions was given 2 times/],
    [["check", "--format", "json", "--format", "text", "a.ts"], /--format was given 2 times/],
  ])("%j", (args, message) => {
    const dir = project();
    const before = readTree(dir);
    const result = unawaited(args, dir);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.status).toBe(2);
    expect(readTree(dir)).toEqual(before);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".patch"))).toEqual([]);
  });
});

describe("-- ends the options", () => {
  it.each([
    [["fix", "--", "a.ts"]],
    [["--", "a.ts"]],
    [["fix", "--dry=false", "--", "a.ts"]],
  ])("%j fixes the file named and no other", (args) => {
    const dir = project();
    const result = unawaited(args, dir);
    expect(result.status).toBe(0);
    expect(readTree(dir)).toMatchObject({ "a.ts": FIXED, "b.ts": NEEDS_AWAIT, "-dash.ts": NEEDS_AWAIT });
  });

  it("keeps a path after it that starts with a dash", () => {
    const dir = project();
    expect(unawaited(["fix", "--", "-dash.ts"], dir).status).toBe(0);
    expect(readTree(dir)).toMatchObject({ "a.ts": NEEDS_AWAIT, "b.ts": NEEDS_AWAIT, "-dash.ts": FIXED });
  });

  it("--dry before it still writes nothing", () => {
    const dir = project();
    const result = unawaited(["fix", "--dry", "--", "a.ts"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("+  const m = await createWebSocketManager();");
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
  });
});

describe("boolean flags", () => {
  it("take =true and =false", () => {
    const dir = project();
    expect(unawaited(["fix", "--dry=true", "a.ts"], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
    expect(unawaited(["fix", "--dry=false", "a.ts"], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(FIXED);
  });
});
