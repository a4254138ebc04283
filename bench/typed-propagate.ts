/**
 * `npm run bench:typed-propagate`: the typed engine's propagation on a real
 * TypeScript code base, against `tsc --noEmit` on the same tree in the same
 * run (the goal: at most 1.5×).
 *
 * The code base is the MongoDB Node.js driver's own sources (mongodb@6.12.0,
 * fetched as bench:real fetches it). Three sync helpers of its src/utils.ts,
 * called across the driver, are made async in a copy of the tree, as if the
 * driver had changed them, and named as path-module targets with
 * `"propagate": "all"`:
 *
 *   now()                 the clock every timing and timeout reads
 *   maxWireVersion(s)     the server's protocol version, asked before commands
 *   ns(string)            parses a "db.collection" namespace
 *
 * Each round runs `tsc --noEmit -p` and `unawaited fix --dry --engine typed
 * --propagate` once, in turns, after one warm-up of each; the figures are
 * the medians. Then, once: the cascade's size (`list --json`), and `--verify`:
 * how many of the changed files the checker accepts, with the diagnostics of
 * those it rejects.
 *
 *   npm run bench:typed-propagate                 3 runs each
 *   npm run bench:typed-propagate -- --runs 5
 *
 * The targets are changed in a copy, beside the package, so the fetched
 * package bench:real reads stays as published.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { median } from "./propagate";
import { fetchCodeBase, realCodeCache, type CodeBase } from "./real-code";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "unawaited.js");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const CODE_BASE = "mongodb";

/** The driver's own compiler options (its tsconfig.json), without emit. */
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "ES2021",
    module: "commonjs",
    moduleResolution: "node",
    skipLibCheck: true,
    lib: ["es2021", "ES2022.Error", "ES2022.Object"],
    types: ["node"],
    noImplicitOverride: true,
    noImplicitReturns: true,
    useUnknownInCatchVariables: false,
    noEmit: true,
  },
  include: ["src"],
};

/** A target and the change to its declaration that makes it async. */
interface AsyncTarget {
  readonly name: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

const TARGETS: readonly AsyncTarget[] = [
  {
    name: "now",
    file: "src/utils.ts",
    from: "export function now(): number {",
    to: "export async function now(): Promise<number> {",
  },
  {
    name: "maxWireVersion",
    file: "src/utils.ts",
    from: "export function maxWireVersion(topologyOrServer?: Connection | Topology | Server): number {",
    to: "export async function maxWireVersion(topologyOrServer?: Connection | Topology | Server): Promise<number> {",
  },
  {
    name: "ns",
    file: "src/utils.ts",
    from: "export function ns(ns: string): MongoDBNamespace {",
    to: "export async function ns(ns: string): Promise<MongoDBNamespace> {",
  },
];

interface Report {
  readonly findings: { file: string; line: number; action: string; reason: string }[];
  /** A diagnostic's `file` is set when it is in an unchanged file that imports the rejected one. */
  readonly errors: { file: string; status: string; message: string; diagnostics?: { code: number; message: string; line: number; file?: string }[] }[];
  readonly summary: { files: { scanned: number; changed: number; verified?: number; rejected?: number } };
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/**
 * A fresh copy of the driver's src/ beside its node_modules (so `bson` and
 * `@types/node` resolve), with its tsconfig; `asyncTargets` also makes the
 * targets async and writes the config.
 */
function copyTree(packageDir: string, name: string, asyncTargets: boolean): string {
  const tree = path.join(packageDir, "..", "..", name);
  fs.rmSync(tree, { recursive: true, force: true });
  fs.mkdirSync(tree, { recursive: true });
  fs.cpSync(path.join(packageDir, "src"), path.join(tree, "src"), { recursive: true });
  fs.writeFileSync(path.join(tree, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  if (!asyncTargets) return tree;
  for (const target of TARGETS) {
    const file = path.join(tree, target.file);
    const source = fs.readFileSync(file, "utf8");
    if (!source.includes(target.from)) throw new Error(`${target.file} no longer declares ${JSON.stringify(target.from)}`);
    fs.writeFileSync(file, source.replace(target.from, target.to));
  }
  fs.writeFileSync(path.join(tree, "unawaited.config.json"), JSON.stringify({
    targets: TARGETS.map((t) => ({ name: t.name, module: `./${t.file.replace(/\.ts$/, "")}` })),
    propagate: "all",
  }, null, 2));
  return tree;
}

function fetchDriver(): { packageDir: string; label: string } {
  const codeBases = (JSON.parse(fs.readFileSync(path.join(ROOT, "bench", "real-code.json"), "utf8")) as { codeBases: CodeBase[] }).codeBases;
  const codeBase = codeBases.find((c) => c.name === CODE_BASE)!;
  return { packageDir: fetchCodeBase(codeBase, realCodeCache()), label: codeBase.npm! };
}

interface TscError {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** tsc's errors on a tree, by file (relative to the tree) and line. */
function tscErrors(tree: string): TscError[] {
  const result = timed([TSC, "--noEmit", "--pretty", "false", "-p", path.join(tree, "tsconfig.json")], [0, 1, 2]);
  return [...result.stdout.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/gm)].map((m) => ({
    file: path.relative(tree, path.resolve(m[1]!)),
    line: Number(m[2]),
    text: m[3]!,
  }));
}

/** Wall-clock seconds and stdout of one run; `okCodes` are the exit codes that mean it ran. */
function timed(args: readonly string[], okCodes: readonly number[]): { seconds: number; stdout: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status === null || !okCodes.includes(result.status)) {
    throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  }
  return { seconds, stdout: result.stdout };
}

function range(times: readonly number[]): string {
  return `${median(times).toFixed(2)} (${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)})`;
}

function main(): void {
  const runs = option("--runs", 3);
  const { packageDir, label } = fetchDriver();
  const tree = copyTree(packageDir, "typed-propagate", true);
  const src = path.join(tree, "src");
  // tsc exits 2 when it finds errors: the targets made async leave the callers' errors the cascade is for.
  const tsc = [TSC, "--noEmit", "-p", path.join(tree, "tsconfig.json")];
  const unawaited = [BIN, "fix", "--dry", "--quiet", "--engine", "typed", "--propagate", src];
  const times = { tsc: [] as number[], unawaited: [] as number[] };
  for (let round = 0; round <= runs; round++) {
    process.stderr.write(`bench:typed-propagate: ${round === 0 ? "warm-up" : `round ${round} of ${runs}`}\n`);
    const t = timed(tsc, [0, 1, 2]).seconds;
    const u = timed(unawaited, [0]).seconds;
    if (round === 0) continue;
    times.tsc.push(t);
    times.unawaited.push(u);
  }
  const list = JSON.parse(timed([BIN, "list", "--json", "--engine", "typed", "--propagate", src], [0]).stdout) as Report;
  const count = (action: string) => list.findings.filter((f) => f.action === action).length;
  const manual = list.findings.filter((f) => f.action === "manual");
  const stops = manual.filter((f) => /cannot be made async/.test(f.reason)).length;
  process.stderr.write("bench:typed-propagate: --verify\n");
  const verify = JSON.parse(timed([BIN, "fix", "--dry", "--json", "--engine", "typed", "--propagate", "--verify", src], [0, 1]).stdout) as Report;
  const rejected = verify.errors.filter((e) => (e.diagnostics ?? []).length > 0);
  const manualAt = (file: string, line: number) => manual.find((f) => path.relative(src, path.resolve(f.file)) === file && f.line === line);

  // tsc on the driver as published, on the targets made async, and on the cascade written.
  process.stderr.write("bench:typed-propagate: tsc before and after the fix\n");
  const pristine = tscErrors(copyTree(packageDir, "typed-propagate-unmodified", false));
  const before = tscErrors(tree);
  const fixed = copyTree(packageDir, "typed-propagate-fixed", true);
  timed([BIN, "fix", "--quiet", "--engine", "typed", "--propagate", path.join(fixed, "src")], [0]);
  const after = tscErrors(fixed);
  const known = new Set(pristine.map((e) => `${e.file}\0${e.text}`));
  const added = after.filter((e) => !known.has(`${e.file}\0${e.text}`));
  const atManual = added.filter((e) => manualAt(path.relative("src", e.file), e.line));
  const elsewhere = added.filter((e) => !manualAt(path.relative("src", e.file), e.line));

  const ratio = median(times.unawaited) / median(times.tsc);
  const files = list.summary.files;
  process.stdout.write([
    `| code base | command | median s (min–max) |`,
    `| --- | --- | --- |`,
    `| ${label} src/, ${files.scanned} files | tsc --noEmit | ${range(times.tsc)} |`,
    `| ${label} src/, ${files.scanned} files | unawaited fix --dry --engine typed --propagate | ${range(times.unawaited)} |`,
    ``,
    `typed --propagate / tsc --noEmit: ${ratio.toFixed(2)}× (goal ≤ 1.5×; ${runs} runs each, in turns)`,
    `targets made async: ${TARGETS.map((t) => t.name).join(", ")}`,
    `cascade: ${count("make-async")} functions made async, ${count("await")} calls awaited, ${files.changed} files changed; ${manual.length} manual sites, ${stops} of them stops (a function that cannot be made async)`,
    `tsc errors: ${pristine.length} on the driver as published, ${before.length} with the targets made async, ${after.length} after the fix (${added.length} not in the published driver: ${atManual.length} on a manual site's line, ${elsewhere.length} elsewhere)`,
    ...elsewhere.map((e) => `  ${e.file}:${e.line}: ${e.text}`),
    `--verify: ${verify.summary.files.verified ?? 0} of ${files.changed} changed files accepted, ${verify.summary.files.rejected ?? 0} rejected`,
    ...rejected.flatMap((e) => {
      const file = path.relative(src, path.resolve(e.file));
      return [
        `  ${file}: ${e.message.split(":")[0]}`,
        ...(e.diagnostics ?? []).map((d) => {
          const where = d.file === undefined ? file : path.relative(src, path.resolve(d.file));
          return `    ${where === file ? "" : `${where}, which imports it, `}line ${d.line}: TS${d.code} ${d.message}${manualAt(where, d.line) ? " (a manual site)" : ""}`;
        }),
      ];
    }),
    ``,
  ].join("\n"));
  if (ratio > 1.5) process.exitCode = 1;
}

main();
