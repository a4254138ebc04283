/**
 * Arguments the parsers would read loosely: each is a usage error before any
 * file is read, or does exactly what it says. Spawns the real CLI on a
 * directory of files that all need a fix, so a run over the wrong files shows.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, readTree, tempDir, unawaited, unawaitedInProcess, writeTree } from "./cli-helpers";

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
  ])("%j", async (args, message) => {
    const dir = project();
    const before = readTree(dir);
    // The process boundary (exit code, stderr) is proven by the spawned test below; main() in-process is the same code.
    const result = await unawaitedInProcess(args, dir);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.status).toBe(2);
    expect(readTree(dir)).toEqual(before);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".patch"))).toEqual([]);
  });
});

it("a usage error from the real process: exit 2, the message on stderr, no stack, nothing written", () => {
  const dir = project();
  const before = readTree(dir);
  const result = unawaited(["fix", "--dry.x", "a.ts"], dir);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/unknown option --dry\.x/);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(readTree(dir)).toEqual(before);
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

describe("pipes and machine output", () => {
  it("a reader that closes the pipe early ends the run quietly: no stack trace, exit 141, files whole", async () => {
    const dir = tempDir();
    const files: Record<string, string> = { "unawaited.config.json": CONFIG };
    for (let i = 0; i < 2000; i++) files[`src/f${i}.ts`] = NEEDS_AWAIT;
    writeTree(dir, files);
    const child = spawn(process.execPath, [BIN, "fix", "--dry", "."], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(status).toBe(141);
    for (const [name, text] of Object.entries(readTree(dir))) if (name.startsWith("src/")) expect(text).toBe(NEEDS_AWAIT);
  });

  it.each([
    [["check", "--json", "missing-dir"], "PATH_NOT_FOUND"],
    [["check", "--format=json", "--dry", "."], "USAGE"],
    [["fix", "--json", "--config", "bad.json", "."], "CONFIG_INVALID_JSON"],
  ])("with --json, a fatal error still prints a JSON document with the error: %j", (args, code) => {
    const dir = project();
    fs.writeFileSync(path.join(dir, "bad.json"), "{ not json");
    const result = unawaited(args, dir);
    expect(result.status).toBe(2);
    const report = JSON.parse(result.stdout) as { error: { code: string; message: string; exitCode: number } };
    expect(report.error).toMatchObject({ code, exitCode: 2 });
    expect(result.stderr).toContain(report.error.message);
  });

  it("with --format sarif, a fatal error still prints a SARIF log that says the run failed", () => {
    const dir = project();
    const result = unawaited(["check", "--format", "sarif", "missing-dir"], dir);
    expect(result.status).toBe(2);
    const log = JSON.parse(result.stdout) as { version: string; runs: { invocations: { executionSuccessful: boolean; toolConfigurationNotifications: { message: { text: string } }[] }[]; results: unknown[] }[] };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    expect(log.runs[0]!.invocations[0]!.toolConfigurationNotifications[0]!.message.text).toContain("path not found: missing-dir");
    expect(log.runs[0]!.results).toEqual([]);
  });
});

describe("CI conventions", () => {
  const MANUAL = "function c() {\n  createWebSocketManager();\n}\n";

  it("--format github prints workflow-command annotations on the sites' lines, escaped, and the summary on stderr", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "src/a,b.ts": NEEDS_AWAIT, "m.ts": MANUAL, "broken.ts": "async function (createWebSocketManager" });
    const result = unawaited(["check", "--format", "github", "."], dir);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n").filter(Boolean).sort()).toEqual([
      expect.stringMatching(/^::error file=broken\.ts,line=1,col=\d+,title=unawaited%3A file failed::cannot parse: /),
      "::warning file=m.ts,line=2,col=3,title=unawaited%3A manual fix needed::createWebSocketManager: called in a sync function, where await is not available, and no sync variant is configured; the result is a Promise",
      expect.stringMatching(/^::warning file=src\/a%2Cb\.ts,line=2,col=\d+,title=unawaited%3A await::createWebSocketManager: /),
    ]);
    expect(result.stderr).toMatch(/unawaited: 3 files scanned/);
  });

  it("-o/--output writes what would go to stdout to a file, for any format, and refuses a file being fixed", () => {
    const dir = project();
    const sarif = unawaited(["check", "--format", "sarif", "-o", "out/report.sarif", "a.ts"], dir);
    expect(sarif.stdout).toBe("");
    expect((JSON.parse(fs.readFileSync(path.join(dir, "out", "report.sarif"), "utf8")) as { version: string }).version).toBe("2.1.0");
    const diff = unawaited(["fix", "--dry-run", "--output=fix.diff", "a.ts"], dir);
    expect(diff.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "fix.diff"), "utf8")).toContain("+  const m = await createWebSocketManager();");
    expect(diff.stderr).toContain("1 to change");
    const refused = unawaited(["fix", "-o", "a.ts", "a.ts"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--output a.ts is one of the files being fixed");
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
  });

  it("--fail-on-manual makes fix exit 1 when manual sites are left, and 0 when none are", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": CONFIG, "a.ts": NEEDS_AWAIT, "m.ts": MANUAL });
    expect(unawaited(["fix", "--dry", "a.ts"], dir).status).toBe(0);
    expect(unawaited(["fix", "--dry", "--fail-on-manual", "a.ts"], dir).status).toBe(0);
    expect(unawaited(["fix", "--dry", "m.ts"], dir).status).toBe(0);
    expect(unawaited(["fix", "--dry", "--fail-on-manual", "m.ts"], dir).status).toBe(1);
  });

  it("--print and --dry-run are --dry; --ignore-pattern is --ignore; help lists them as aliases", () => {
    const dir = project();
    for (const flag of ["--print", "--dry-run"]) {
      expect(unawaited(["fix", flag, "a.ts"], dir).stdout).toContain("+  const m = await createWebSocketManager();");
      expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe(NEEDS_AWAIT);
    }
    const listed = unawaited(["list", "--ignore-pattern", "b.ts", "--ignore-pattern=-dash.ts", "."], dir);
    expect(listed.stdout).toMatch(/^a\.ts$/m);
    expect(listed.stdout).toContain("1 file scanned");
    const help = unawaited(["fix", "--help"], dir).stdout;
    expect(help).toMatch(/--dry, --dry-run, --print/);
    expect(help).toMatch(/--ignore, --ignore-pattern/);
    expect(help).toMatch(/-o, --output/);
  });
});
