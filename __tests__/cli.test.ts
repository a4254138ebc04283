import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copySampleProject, expectFixMatchesDiff, git, readTree, REPO_ROOT, tempDir, unawaited, writeTree } from "./cli-helpers";

const EXPECTED_DIFF = fs.readFileSync(path.join(REPO_ROOT, "__testfixtures__", "sample-project.expected.diff"), "utf8");
const CONFIG = JSON.stringify({ targets: [{ name: "createWebSocketManager" }, { name: "setWebsocketManagerAsync", sync: "setWebsocketManager" }] });

describe("unawaited fix on the sample project", () => {
  it("--dry prints the expected diff and writes nothing", () => {
    const dir = copySampleProject();
    const before = readTree(dir);
    const result = unawaited(["fix", "--dry", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(EXPECTED_DIFF);
    expect(result.stderr).toContain("2 to change");
    expect(result.stderr).toContain("(dry run: nothing written)");
    expect(readTree(dir)).toEqual(before);
  });

  it("writes what the dry run showed, and a second run changes nothing", () => {
    expectFixMatchesDiff(copySampleProject, EXPECTED_DIFF, 2);
  });

  it("is the default command", () => {
    const dir = copySampleProject();
    const result = unawaited(["--dry", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(EXPECTED_DIFF);
  });

  it("--json prints findings and a summary", () => {
    const dir = copySampleProject();
    const result = unawaited(["fix", "--json", "--dry"], dir);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { findings: unknown[]; errors: unknown[]; roots: { summary: { durationMs: number } }[]; summary: { durationMs: number } };
    expect(report.summary.durationMs).toBeGreaterThanOrEqual(0);
    const stable = {
      ...report,
      roots: report.roots.map((root) => ({ ...root, summary: { ...root.summary, durationMs: "<ms>" } })),
      summary: { ...report.summary, durationMs: "<ms>" },
    };
    expect(stable).toMatchSnapshot();
  });
});

describe("unawaited fix on files", () => {
  it("keeps CRLF line endings, the BOM and the file mode", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": CONFIG,
      "crlf.ts": "async function a() {\r\n  const m = createWebSocketManager();\r\n  m.addConnection(1);\r\n}\r\n",
      "bom.ts": "\uFEFFasync function a() {\n  createWebSocketManager();\n}\n",
    });
    fs.chmodSync(path.join(dir, "crlf.ts"), 0o755);
    expect(unawaited(["fix", "."], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "crlf.ts"), "utf8")).toBe("async function a() {\r\n  const m = await createWebSocketManager();\r\n  m.addConnection(1);\r\n}\r\n");
    expect(fs.readFileSync(path.join(dir, "bom.ts"), "utf8")).toBe("\uFEFFasync function a() {\n  await createWebSocketManager();\n}\n");
    expect(fs.statSync(path.join(dir, "crlf.ts")).mode & 0o777).toBe(0o755);
  });

  it("reports a file that does not parse, leaves it untouched and fixes the rest", () => {
    const dir = tempDir();
    const broken = "async function a() {\n  createWebSocketManager(\n";
    writeTree(dir, {
      "unawaited.config.json": CONFIG,
      "broken.ts": broken,
      "good.ts": "async function a() {\n  createWebSocketManager();\n}\n",
    });
    const result = unawaited(["fix", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/broken\.ts:3:1 +error +cannot parse: /);
    expect(result.stdout).toContain("1 failed");
    expect(fs.readFileSync(path.join(dir, "broken.ts"), "utf8")).toBe(broken);
    expect(fs.readFileSync(path.join(dir, "good.ts"), "utf8")).toContain("await createWebSocketManager()");
  });

  it("skips node_modules, .gitignore'd files and other extensions", () => {
    const dir = tempDir();
    const call = "async function a() {\n  createWebSocketManager();\n}\n";
    writeTree(dir, {
      "unawaited.config.json": CONFIG,
      ".gitignore": "generated/\n*.gen.ts\n",
      "src/kept.ts": call,
      "src/skipped.gen.ts": call,
      "generated/out.ts": call,
      "node_modules/pkg/index.js": call,
      "notes.md": call,
    });
    git(["init", "-q"], dir);
    const result = unawaited(["fix", "--json", "--dry", "."], dir);
    const report = JSON.parse(result.stdout) as { findings: { file: string }[] };
    expect(report.findings.map((f) => f.file)).toEqual(["src/kept.ts"]);
  });

  it("takes a file named on the command line even if .gitignore'd", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": CONFIG,
      ".gitignore": "*.gen.ts\n",
      "a.gen.ts": "async function a() {\n  createWebSocketManager();\n}\n",
    });
    const result = unawaited(["fix", "--json", "--dry", "a.gen.ts"], dir);
    expect((JSON.parse(result.stdout) as { findings: unknown[] }).findings).toHaveLength(1);
  });

  it("uses --config over the config found upward", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "other" }] }),
      "custom.json": CONFIG,
      "a.ts": "async function a() {\n  createWebSocketManager();\n}\n",
    });
    const result = unawaited(["fix", "--dry", "--config", "custom.json", "."], dir);
    expect(result.stdout).toContain("+  await createWebSocketManager();");
  });
});

describe("bad input", () => {
  const cases: { name: string; files: Record<string, string>; args: string[]; stderr: RegExp }[] = [
    { name: "invalid JSON", files: { "unawaited.config.json": "{ \"targets\": [ }" }, args: ["fix", "."], stderr: /unawaited\.config\.json is not valid JSON/ },
    { name: "an unknown key", files: { "unawaited.config.json": JSON.stringify({ targets: [{ name: "f", snyc: "g" }] }) }, args: ["fix", "."], stderr: /unknown key "snyc" in targets\[0\]/ },
    { name: "a wrong type", files: { "unawaited.config.json": JSON.stringify({ targets: [{ name: 3 }] }) }, args: ["fix", "."], stderr: /targets\[0\]\.name: / },
    { name: "empty targets", files: { "unawaited.config.json": JSON.stringify({ targets: [] }) }, args: ["fix", "."], stderr: /targets: needs at least one target/ },
    { name: "sync equal to name", files: { "unawaited.config.json": JSON.stringify({ targets: [{ name: "f", sync: "f" }] }) }, args: ["fix", "."], stderr: /targets\[0\]\.sync: "sync" must differ from "name"/ },
    { name: "a bad returnAwait", files: { "unawaited.config.json": JSON.stringify({ targets: [{ name: "f" }], returnAwait: "sometimes" }) }, args: ["fix", "."], stderr: /returnAwait: .*in-try-catch/ },
    { name: "no config", files: { "a.ts": "" }, args: ["fix", "."], stderr: /no unawaited\.config\.json \(or package\.json "unawaited" key\) found for \./ },
    { name: "a missing --config file", files: { "a.ts": "" }, args: ["fix", "--config", "nope.json", "."], stderr: /cannot read config .*nope\.json: no such file/ },
    { name: "a path that does not exist", files: { "unawaited.config.json": CONFIG }, args: ["fix", "missing/dir"], stderr: /path not found: missing\/dir/ },
    { name: "an unknown flag", files: { "unawaited.config.json": CONFIG }, args: ["fix", "--dyr", "."], stderr: /Unknown argument: dyr/ },
  ];

  for (const { name, files, args, stderr } of cases) {
    it(`${name}: exit 2 with a message that names it, nothing written`, () => {
      const dir = tempDir();
      writeTree(dir, { ...files, "victim.ts": "async function a() {\n  f();\n  createWebSocketManager();\n}\n" });
      const before = readTree(dir);
      const result = unawaited(args, dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(stderr);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readTree(dir)).toEqual(before);
    });
  }
});

describe("--help and --version", () => {
  it("--help explains the command, its flags and the exit codes", () => {
    const result = unawaited(["--help"], REPO_ROOT);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("--dry");
    expect(result.stdout).toContain("--json");
    expect(result.stdout).toContain("--config");
    expect(result.stdout).toContain("Exit codes");
    expect(result.stdout.split("Exit codes").length).toBe(2);
  });

  it("each command's --help shows the exit codes and its own flags", () => {
    expect(unawaited(["check", "--help"], REPO_ROOT).stdout).toMatch(/--allow-manual[\s\S]*Exit codes/);
    expect(unawaited(["list", "--help"], REPO_ROOT).stdout).toContain("Exit codes");
  });

  it("--version prints the package version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect(unawaited(["--version"], REPO_ROOT).stdout.trim()).toBe(pkg.version);
  });
});
