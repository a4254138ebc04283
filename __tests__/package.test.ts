/**
 * The published surface (STYLE.md point 14): pack the package as `npm publish`
 * would, install the tarball into an empty project, and use it from there as a
 * user does: the bin, `require` and `import` of the API, the transforms, the
 * types. One pack and one install for the whole file.
 *
 * The tarball is packed from the current dist/ (`--ignore-scripts`: the
 * prepack build would double the time; `npm test` compiles dist/ first). The
 * install takes the dependencies from npm's cache, filled by the repository's
 * own install, and skips their install scripts: tree-sitter-python's native
 * binding is never used, only its .wasm grammar.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO_ROOT = path.join(__dirname, "..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

interface Packed {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

let work: string;
let consumer: string;
let files: readonly string[];
let manifest: { exports: Record<string, string | { types: string; default: string }> };

function run(command: string, args: readonly string[], cwd: string) {
  // npm's own variables (from `npm test`) would point the child npm at this repository.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")));
  const result = spawnSync(command, [...args], { cwd, encoding: "utf8", env: { ...env, NO_COLOR: "1" } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function node(script: string, options: { module?: boolean } = {}) {
  return run(process.execPath, [...(options.module ? ["--input-type=module"] : []), "-e", script], consumer);
}

beforeAll(() => {
  for (const built of ["dist/src/api.js", "dist/src/api.d.ts", "dist/src/cli/main.js"]) {
    if (!fs.existsSync(path.join(REPO_ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "unawaited-pack-")));
  const pack = run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], REPO_ROOT);
  expect(pack.status, pack.stderr).toBe(0);
  const packed = (JSON.parse(pack.stdout) as Packed[])[0]!;
  files = packed.files.map((file) => file.path);
  manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as typeof manifest;

  consumer = path.join(work, "consumer");
  fs.mkdirSync(consumer);
  fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  const install = run(NPM, ["install", path.join(work, packed.filename), "--omit=dev", "--no-package-lock", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], consumer);
  expect(install.status, install.stderr).toBe(0);

  fs.mkdirSync(path.join(consumer, "project"));
  fs.writeFileSync(path.join(consumer, "project", "unawaited.config.json"), JSON.stringify({ targets: [{ name: "load" }] }));
  fs.writeFileSync(path.join(consumer, "project", "app.ts"), "export async function main() {\n  load();\n}\n");
  fs.writeFileSync(path.join(consumer, "project", "app.py"), "async def main():\n    load()\n");
}, 180_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("holds compiled JavaScript with declarations, the bin, README, LICENSE and docs/ (the help texts name its pages); no sources, tests, fixtures or benchmarks", () => {
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "bin/unawaited.js", "dist/src/api.js", "dist/src/api.d.ts", "dist/src/cli/main.js", "docs/config.md", "docs/rules.md"]));
    expect(files.filter((file) => /\.[cm]?tsx?$/.test(file) && !/\.d\.[cm]?ts$/.test(file))).toEqual([]);
    expect(files.filter((file) => /(^|\/)(__tests__|__testfixtures__|bench)\//.test(file) || file.startsWith("src/") || file.startsWith("transforms/"))).toEqual([]);
    expect(files.filter((file) => file.startsWith("dist/transforms/"))).toEqual(expect.arrayContaining(["dist/transforms/fix-async-calls.js", "dist/transforms/fix-async-calls.d.ts"]));
  });

  it("has a file behind every export (the ESLint plugin once it is built)", () => {
    const installed = path.join(consumer, "node_modules", "unawaited");
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const targets = typeof target === "string" ? [target] : [target.types, target.default];
      for (const file of targets) {
        // `./transforms/*`: one transform stands for all.
        const concrete = file.replace("*", "fix-async-calls");
        if (subpath === "./eslint-plugin" && !files.includes("dist/src/eslint-plugin/index.js")) continue;
        expect(fs.existsSync(path.join(installed, concrete)), `${subpath} → ${concrete}`).toBe(true);
      }
    }
  });

  it("`npx unawaited fix --dry` runs from the install, JavaScript and Python", () => {
    const result = run("npx", ["--no", "unawaited", "fix", "--dry", "project"], consumer);
    expect(result.stderr).toContain("2 to change");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("+  await load();");
    expect(result.stdout).toContain("+    await load()");
  });

  it("require(\"unawaited\") exposes the API without loading yargs or ts-morph, and fix({ dry: true }) returns diffs", () => {
    const result = node(`
      const api = require("unawaited");
      const heavy = Object.keys(require.cache).filter((file) => /node_modules[\\\\/](yargs|ts-morph|typescript)[\\\\/]/.test(file));
      api.fix({ cwd: "project", dry: true, extensions: ["ts"] }).then((report) => {
        console.log(JSON.stringify({ exports: Object.keys(api).sort(), heavy, diffs: report.files.map((f) => f.diff).filter(Boolean) }));
      });
    `);
    expect(result.stderr).toBe("");
    const out = JSON.parse(result.stdout) as { exports: string[]; heavy: string[]; diffs: string[] };
    expect(out.exports).toEqual(expect.arrayContaining(["check", "fix", "list", "transformSource", "UnawaitedError", "isUnawaitedError"]));
    expect(out.heavy).toEqual([]);
    expect(out.diffs).toEqual([expect.stringContaining("+  await load();")]);
  });

  it("import(\"unawaited\") has the same named exports; errors are UnawaitedError with a code", () => {
    const result = node(`
      const { check, transformSource, UnawaitedError } = await import("unawaited");
      const { output } = await transformSource("async function f() { load(); }", { file: "a.ts", targets: ["load"] });
      const error = await check({ cwd: "project", paths: ["missing"] }).catch((e) => e);
      const transform = await import("unawaited/transforms/fix-async-calls");
      console.log(JSON.stringify({ output, code: error instanceof UnawaitedError && error.code, transform: typeof transform.default.default }));
    `, { module: true });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ output: "async function f() { await load(); }", code: "PATH_NOT_FOUND", transform: "function" });
  });

  it("require(\"unawaited/eslint-plugin\") is a flat-config plugin, without eslint installed (once the plugin is built)", () => {
    if (!files.includes("dist/src/eslint-plugin/index.js")) return;
    const result = node(`
      const loaded = require("unawaited/eslint-plugin");
      const plugin = loaded.default ?? loaded;
      console.log(JSON.stringify({ keys: Object.keys(plugin).sort(), rules: Object.keys(plugin.rules) }));
    `);
    expect(result.stderr).toBe("");
    const out = JSON.parse(result.stdout) as { keys: string[]; rules: string[] };
    expect(out.keys).toEqual(expect.arrayContaining(["meta", "rules"]));
    expect(out.rules.length).toBeGreaterThan(0);
  });

  it("its types resolve for a TypeScript consumer (node16 resolution, through `exports`)", () => {
    fs.writeFileSync(path.join(consumer, "use.ts"), [
      'import { fix, UnawaitedError, type FixReport, type Finding } from "unawaited";',
      "export async function diffs(): Promise<string[]> {",
      '  const report: FixReport = await fix({ paths: ["src"], dry: true, targets: ["load"] });',
      "  const findings: readonly Finding[] = report.files.flatMap((file) => file.findings);",
      '  if (findings.length > 0 && report.errors.length > 0) throw new UnawaitedError("USAGE", "x");',
      "  return report.files.flatMap((file) => (file.diff === undefined ? [] : [file.diff]));",
      "}",
      "",
    ].join("\n"));
    // No @types/node or DOM library: checking them would take most of the time. The API's one global, AbortSignal, is stubbed.
    fs.writeFileSync(path.join(consumer, "globals.d.ts"), "interface AbortSignal { readonly aborted: boolean }\n");
    fs.writeFileSync(path.join(consumer, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: "node16", moduleResolution: "node16", target: "es2022", lib: ["es2022"], types: [] },
      files: ["use.ts", "globals.d.ts"],
    }));
    const result = run(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], consumer);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
