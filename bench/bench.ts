/**
 * `npm run bench`: unawaited beside its peers and baselines, on the same
 * corpora, in one run. Each command runs once to warm the file cache, then
 * `--runs` rounds (default 3) in which each command runs once, as a whole
 * process under /usr/bin/time (interleaved, so load bursts hit every row); the
 * table shows the median with min–max, the ratio to unawaited, peak memory
 * and files per second. Results are also written as JSON.
 *
 *   npm run bench                       generated corpus (5,000 files) + real packages from npm
 *   npm run bench -- --files 20000      a bigger generated corpus
 *   npm run bench -- --corpus DIR       your own code (DIR/unawaited.config.json names the targets)
 *   npm run bench -- --no-real          skip the npm download
 *
 * Corpora:
 *   generated   deterministic, see corpus.ts (3% of files mention a target)
 *   typeorm     the compiled JavaScript of a large back-end package
 *   rxjs-src    a package's own TypeScript sources
 *
 * Then, on the generated corpus, what --propagate costs: propagate.ts's
 * measurement (a call chain of 306 functions), its ratio and how many of the
 * functions were made async.
 *
 * Worker threads were measured too (half the files in a second thread): on
 * the 2-core machine the 5,000-file run got 17% slower and 25% bigger, so the
 * runner stays in one thread.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateCorpus } from "./corpus";
import { measurePropagate, propagateSummary, type PropagateMeasurement } from "./propagate";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "unawaited.js");
const JSCODESHIFT = path.join(ROOT, "node_modules", "jscodeshift", "bin", "jscodeshift.js");
const TRANSFORM = path.join(ROOT, "dist", "transforms", "fix-async-calls.js");
const AST_GREP = path.join(ROOT, "node_modules", ".bin", "ast-grep");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const FLOOR = path.join(__dirname, "floor.js");
const PROGRAM_BUILD = path.join(__dirname, "program-build.js");
const RECAST_BASELINE = path.join(__dirname, "recast-baseline.js");

interface Options {
  readonly files: number;
  readonly runs: number;
  readonly corpus: string | undefined;
  readonly real: boolean;
  readonly scaleFiles: number;
  readonly out: string;
}

interface Corpus {
  readonly name: string;
  readonly dir: string;
  readonly files: number;
  readonly targets: readonly { name: string; sync?: string }[];
  readonly tsconfig: boolean;
}

interface Measurement {
  readonly corpus: string;
  readonly label: string;
  readonly medianSeconds: number;
  readonly minSeconds: number;
  readonly maxSeconds: number;
  readonly peakMegabytes: number;
  readonly filesPerSecond: number;
  readonly ratioToUnawaited?: number;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  return {
    files: Number(value("--files") ?? 5000),
    runs: Math.max(3, Number(value("--runs") ?? 3)),
    corpus: value("--corpus"),
    real: !argv.includes("--no-real"),
    scaleFiles: Number(value("--scale-files") ?? 20000),
    out: path.resolve(value("--out") ?? "bench-results.json"),
  };
}

/**
 * The environment of every timed command. NODE_EXTRA_CA_CERTS is left out:
 * Node 20 reads those certificates when any process starts (about 40 ms on
 * the development machine, where it is set for a proxy), a cost of the
 * machine that falls on every Node row and on no native one.
 */
const UNSET = ["NODE_EXTRA_CA_CERTS"].filter((name) => process.env[name] !== undefined);
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !UNSET.includes(name)));

/** One command's timed runs: seconds and peak RSS in KB, one entry per round. */
interface Runs {
  readonly seconds: number[];
  readonly peakKb: number[];
}

/** One whole-process run under /usr/bin/time: seconds and peak RSS in KB. */
function runOnce(command: readonly string[], cwd: string, okCodes: readonly number[]): { seconds: number; peakKb: number } {
  const timeFile = path.join(os.tmpdir(), `unawaited-bench-time-${process.pid}`);
  const started = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "%M", "-o", timeFile, ...command], { cwd, env: ENV, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status === null || !okCodes.includes(result.status)) {
    throw new Error(`${command.join(" ")} failed (${result.status}): ${result.stderr.toString().slice(-500)}`);
  }
  return { seconds, peakKb: Number(fs.readFileSync(timeFile, "utf8").trim().split("\n").pop()) };
}

/**
 * Runs every command once to warm up, then `runs` rounds of one run each,
 * round-robin: a burst of load on a shared machine then falls on every row
 * of a round, not on all the runs of one command, so the ratios hold.
 */
function measureAll(commands: readonly BenchCommand[], runs: number, cwd: string, label: string): Runs[] {
  const results = commands.map((): Runs => ({ seconds: [], peakKb: [] }));
  for (let round = 0; round <= runs; round++) {
    process.stderr.write(`bench: ${label}: ${round === 0 ? "warm-up" : `round ${round} of ${runs}`}\n`);
    commands.forEach((command, i) => {
      const run = runOnce(command.command, cwd, command.okCodes ?? [0, 1]);
      if (round === 0) return;
      results[i]!.seconds.push(run.seconds);
      results[i]!.peakKb.push(run.peakKb);
    });
  }
  return results;
}

/** A table row from one command's runs; `reference` is the unawaited median it is compared to. */
function measurement(corpus: Corpus, label: string, runs: Runs, reference: number | undefined): Measurement {
  const mid = median(runs.seconds);
  return {
    corpus: corpus.name,
    label,
    medianSeconds: mid,
    minSeconds: Math.min(...runs.seconds),
    maxSeconds: Math.max(...runs.seconds),
    peakMegabytes: Math.max(...runs.peakKb) / 1024,
    filesPerSecond: corpus.files / mid,
    ...(reference !== undefined ? { ratioToUnawaited: mid / reference } : {}),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function astGrepRules(corpus: Corpus, dir: string): string {
  const file = path.join(dir, `ast-grep-rules-${corpus.name}.yml`);
  const languages = ["TypeScript", "Tsx", "JavaScript"];
  const rules = corpus.targets.flatMap((target) =>
    languages.map((language) => [
      `id: call-${target.name}-${language.toLowerCase()}`,
      `language: ${language}`,
      "severity: warning",
      `message: call of ${target.name}`,
      "rule:",
      "  any:",
      `    - pattern: ${target.name}($$$ARGS)`,
      `    - pattern: $OBJECT.${target.name}($$$ARGS)`,
    ].join("\n")));
  fs.writeFileSync(file, `${rules.join("\n---\n")}\n`);
  return file;
}

interface BenchCommand {
  readonly label: string;
  readonly command: string[];
  readonly typed?: boolean;
  /** Exit codes that mean "ran": tsc exits 2 when it found type errors. */
  readonly okCodes?: readonly number[];
}

function commandsFor(corpus: Corpus, work: string): BenchCommand[] {
  const config = path.join(corpus.dir, "unawaited.config.json");
  const names = corpus.targets.map((t) => t.name);
  const node = process.execPath;
  const commands: BenchCommand[] = [
    { label: "unawaited fix --dry", command: [node, BIN, "fix", "--dry", "--quiet", "--config", config, corpus.dir] },
    { label: "floor: read + scan + Babel-parse matching files", command: [node, FLOOR, corpus.dir, ...names] },
    { label: "ast-grep scan (2 threads)", command: [AST_GREP, "scan", "--rule", astGrepRules(corpus, work), corpus.dir] },
    {
      label: "jscodeshift --run-in-band, our transform",
      command: [node, JSCODESHIFT, "--dry", "--run-in-band", "--silent", "--extensions=ts,tsx,mts,cts,js,jsx,mjs,cjs", "-t", TRANSFORM, `--config=${config}`, corpus.dir],
    },
    {
      label: "jscodeshift --run-in-band, every file parsed",
      command: [node, JSCODESHIFT, "--dry", "--run-in-band", "--silent", "--extensions=ts,tsx,mts,cts,js,jsx,mjs,cjs", "-t", TRANSFORM, `--config=${config}`, "--prefilter=false", corpus.dir],
    },
    {
      label: "jscodeshift --run-in-band, recast parses every file (j(source))",
      command: [node, JSCODESHIFT, "--dry", "--run-in-band", "--silent", "--extensions=ts,tsx,mts,cts,js,jsx,mjs,cjs", "-t", RECAST_BASELINE, corpus.dir],
    },
  ];
  if (corpus.tsconfig) {
    const tsconfig = path.join(corpus.dir, "tsconfig.json");
    commands.push(
      { label: "unawaited fix --dry --engine typed", command: [node, BIN, "fix", "--dry", "--quiet", "--engine", "typed", "--config", config, corpus.dir], typed: true },
      { label: "baseline: ts-morph program build", command: [node, PROGRAM_BUILD, tsconfig], typed: true },
      { label: "tsc --noEmit", command: [node, TSC, "--noEmit", "-p", tsconfig], typed: true, okCodes: [0, 1, 2] },
    );
  }
  return commands;
}

function generated(work: string, files: number): Corpus {
  const dir = path.join(work, `generated-${files}`);
  fs.rmSync(dir, { recursive: true, force: true });
  generateCorpus(dir, { files });
  const config = JSON.parse(fs.readFileSync(path.join(dir, "unawaited.config.json"), "utf8")) as { targets: Corpus["targets"] };
  return { name: `generated-${files}`, dir, files: countFiles(dir), targets: config.targets, tsconfig: true };
}

/** Real code, fetched from the npm registry into the work directory. */
function realCorpora(work: string): Corpus[] {
  const install = path.join(work, "npm");
  fs.mkdirSync(install, { recursive: true });
  const result = spawnSync("npm", ["install", "--no-save", "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", install, "typeorm@0.3.20", "rxjs@7.8.1"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm install of the real corpora failed; run with --no-real to skip them");
  const typeorm = path.join(work, "typeorm");
  const rxjs = path.join(work, "rxjs-src");
  fs.rmSync(typeorm, { recursive: true, force: true });
  fs.rmSync(rxjs, { recursive: true, force: true });
  fs.cpSync(path.join(install, "node_modules", "typeorm"), typeorm, { recursive: true, filter: (src) => !src.endsWith(".d.ts") && !src.endsWith(".map") });
  fs.cpSync(path.join(install, "node_modules", "rxjs", "src"), path.join(rxjs, "src"), { recursive: true });
  const typeormTargets = [{ name: "startTransaction" }, { name: "commitTransaction" }, { name: "rollbackTransaction" }];
  const rxjsTargets = [{ name: "lastValueFrom" }, { name: "firstValueFrom" }];
  fs.writeFileSync(path.join(typeorm, "unawaited.config.json"), JSON.stringify({ targets: typeormTargets }));
  fs.writeFileSync(path.join(rxjs, "unawaited.config.json"), JSON.stringify({ targets: rxjsTargets }));
  fs.writeFileSync(path.join(rxjs, "tsconfig.json"), JSON.stringify({
    compilerOptions: { target: "ES2020", lib: ["ES2020", "DOM"], module: "commonjs", strict: true, noEmit: true, skipLibCheck: true, types: [] },
    include: ["src"],
  }));
  return [
    { name: "typeorm (compiled JS)", dir: typeorm, files: countFiles(typeorm), targets: typeormTargets, tsconfig: false },
    { name: "rxjs (TS sources)", dir: rxjs, files: countFiles(rxjs), targets: rxjsTargets, tsconfig: true },
  ];
}

function userCorpus(dir: string): Corpus {
  const configFile = path.join(dir, "unawaited.config.json");
  if (!fs.existsSync(configFile)) throw new Error(`--corpus ${dir}: add an unawaited.config.json naming the targets`);
  const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as { targets: Corpus["targets"] };
  return { name: path.basename(dir), dir: path.resolve(dir), files: countFiles(dir), targets: config.targets, tsconfig: fs.existsSync(path.join(dir, "tsconfig.json")) };
}

function countFiles(dir: string): number {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.(m|c)?(t|j)sx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) count++;
  }
  return count;
}

function format(measurements: readonly Measurement[]): string {
  const header = "| corpus | command | median s (min–max) | × unawaited | peak MB | files/s |";
  const rows = measurements.map((m) =>
    `| ${m.corpus} | ${m.label} | ${m.medianSeconds.toFixed(2)} (${m.minSeconds.toFixed(2)}–${m.maxSeconds.toFixed(2)}) | ${m.ratioToUnawaited === undefined ? "" : `${m.ratioToUnawaited.toFixed(2)}×`} | ${m.peakMegabytes.toFixed(0)} | ${m.filesPerSecond.toFixed(0)} |`);
  return [header, "| --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync("/usr/bin/time")) throw new Error("the bench needs /usr/bin/time (GNU time) for peak memory");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "unawaited-bench-"));
  process.stderr.write(`bench: work directory ${work}\n`);
  if (UNSET.length > 0) process.stderr.write(`bench: ${UNSET.join(", ")} unset for the timed commands (see ENV in bench.ts)\n`);
  const corpora = options.corpus ? [userCorpus(options.corpus)] : [generated(work, options.files), ...(options.real ? realCorpora(work) : [])];
  const measurements: Measurement[] = [];
  for (const corpus of corpora) {
    let unawaitedSeconds: number | undefined;
    let unawaitedTypedSeconds: number | undefined;
    const commands = commandsFor(corpus, work);
    const results = measureAll(commands, options.runs, ROOT, corpus.name);
    commands.forEach(({ label, typed }, i) => {
      const mid = median(results[i]!.seconds);
      if (label === "unawaited fix --dry") unawaitedSeconds = mid;
      if (label === "unawaited fix --dry --engine typed") unawaitedTypedSeconds = mid;
      measurements.push(measurement(corpus, label, results[i]!, typed ? unawaitedTypedSeconds : unawaitedSeconds));
    });
  }
  let memory: { small: number; large: number; ratio: number } | undefined;
  if (!options.corpus && options.scaleFiles > options.files) {
    const large = generated(work, options.scaleFiles);
    process.stderr.write(`bench: memory at ${options.scaleFiles} files\n`);
    const [runs] = measureAll([{ label: "unawaited fix --dry", command: [process.execPath, BIN, "fix", "--dry", "--quiet", large.dir] }], options.runs, ROOT, large.name) as [Runs];
    const small = measurements.find((m) => m.corpus === corpora[0]!.name && m.label === "unawaited fix --dry")!;
    const row = measurement(large, "unawaited fix --dry", runs, undefined);
    measurements.push(row);
    memory = { small: small.peakMegabytes, large: row.peakMegabytes, ratio: row.peakMegabytes / small.peakMegabytes };
  }
  let propagate: PropagateMeasurement | undefined;
  if (!options.corpus) {
    process.stderr.write(`bench: --propagate at ${options.files} files (bench/propagate.ts)\n`);
    propagate = measurePropagate({ files: options.files, runs: options.runs });
  }
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    unsetEnvironment: UNSET,
    corpora: corpora.map((c) => ({ name: c.name, files: c.files })),
    measurements,
    ...(memory ? { memory } : {}),
    ...(propagate ? { propagate } : {}),
  };
  fs.writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${format(measurements)}\n`);
  if (memory) {
    process.stdout.write(`\npeak memory: ${memory.small.toFixed(0)} MB at ${options.files} files, ${memory.large.toFixed(0)} MB at ${options.scaleFiles} (${memory.ratio.toFixed(2)}×)\n`);
  }
  if (propagate) process.stdout.write(`\n${propagate.files} files + a propagation chain: ${propagateSummary(propagate)}\n`);
  process.stdout.write(`\nresults: ${options.out}\n`);
  fs.rmSync(work, { recursive: true, force: true });
}

main();
