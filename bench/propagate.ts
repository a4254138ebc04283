/**
 * `npm run bench:propagate`: what --propagate costs. A generated corpus
 * (corpus.ts, 5,000 files) with a call chain: a target with no sync variant,
 * six levels of sync callers above it, each in its own file, and 300 files
 * calling the top level from sync functions. `fix --dry` and
 * `fix --dry --propagate` run on the same tree in the same run, in turns;
 * the figure is the ratio of their medians, and the check is that
 * propagation made every one of the 306 functions async.
 *
 *   npm run bench:propagate                         5,000 files, 5 runs each
 *   npm run bench:propagate -- --files 20000 --runs 3
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateCorpus } from "./corpus";

const BIN = path.join(__dirname, "..", "..", "bin", "unawaited.js");
const LEVELS = 6;
const CALLERS = 300;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** Wall-clock seconds of one `unawaited` run; throws when it fails. */
function seconds(args: readonly string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`unawaited ${args.join(" ")} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  return (performance.now() - start) / 1000;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface PropagateMeasurement {
  readonly files: number;
  readonly runs: number;
  readonly plain: readonly number[];
  readonly propagate: readonly number[];
  /** Median of `--propagate` over median of plain. */
  readonly ratio: number;
  readonly madeAsync: number;
  /** The functions of the chain and its callers: all of them should be made async. */
  readonly expected: number;
}

/** The measurement, also run by `npm run bench` (bench.ts). */
export function measurePropagate(options: { files: number; runs: number }): PropagateMeasurement {
  const { files, runs } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unawaited-bench-propagate-"));
  try {
    generateCorpus(dir, { files, chain: { levels: LEVELS, callers: CALLERS } });
    const plain = ["fix", "--dry", "--quiet", dir];
    const propagate = ["fix", "--dry", "--quiet", "--propagate", dir];
    const report = JSON.parse(spawnSync(process.execPath, [BIN, "list", "--json", "--propagate", dir], { encoding: "utf8", maxBuffer: 1 << 30 }).stdout) as { findings: { action: string }[] };
    const madeAsync = report.findings.filter((f) => f.action === "make-async").length;
    seconds(plain);
    seconds(propagate);
    const times = { plain: [] as number[], propagate: [] as number[] };
    for (let run = 0; run < runs; run++) {
      times.plain.push(seconds(plain));
      times.propagate.push(seconds(propagate));
    }
    return { files, runs, ...times, ratio: median(times.propagate) / median(times.plain), madeAsync, expected: LEVELS + CALLERS };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The one-line summary both benches print. */
export function propagateSummary(m: PropagateMeasurement): string {
  return `--propagate / plain: ${m.ratio.toFixed(2)}× (${m.runs} runs each, in turns); functions made async: ${m.madeAsync} of ${m.expected}`;
}

function main(): void {
  const m = measurePropagate({ files: option("--files", 5000), runs: option("--runs", 5) });
  const row = (label: string, times: readonly number[]) =>
    `| ${m.files} files + chain | ${label} | ${median(times).toFixed(2)} (${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)}) |`;
  process.stdout.write([
    `| corpus | command | median s (min–max) |`,
    `| --- | --- | --- |`,
    row("unawaited fix --dry", m.plain),
    row("unawaited fix --dry --propagate", m.propagate),
    ``,
    propagateSummary(m),
    ``,
  ].join("\n"));
  if (m.madeAsync !== m.expected) process.exitCode = 1;
}

// bench.ts imports measurePropagate; only `node propagate.js` runs this bench.
if (require.main === module) main();
