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

function seconds(args: readonly string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`unawaited ${args.join(" ")} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  return (performance.now() - start) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main(): void {
  const files = option("--files", 5000);
  const runs = option("--runs", 5);
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
    const ratio = median(times.propagate) / median(times.plain);
    process.stdout.write([
      `| corpus | command | median s (min–max) |`,
      `| --- | --- | --- |`,
      `| ${files} files + chain | unawaited fix --dry | ${median(times.plain).toFixed(2)} (${Math.min(...times.plain).toFixed(2)}–${Math.max(...times.plain).toFixed(2)}) |`,
      `| ${files} files + chain | unawaited fix --dry --propagate | ${median(times.propagate).toFixed(2)} (${Math.min(...times.propagate).toFixed(2)}–${Math.max(...times.propagate).toFixed(2)}) |`,
      ``,
      `--propagate / plain: ${ratio.toFixed(2)}× (${runs} runs each, in turns); functions made async: ${madeAsync} of ${LEVELS + CALLERS}`,
      ``,
    ].join("\n"));
    if (madeAsync !== LEVELS + CALLERS) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
