/**
 * What durability costs: 5,000 changed files (in 50 directories) written
 * three ways in the same run, on the same disk.
 *
 *   none      temp file + rename, nothing flushed (the writer before fsync)
 *   per-file  writeFileAtomic alone: the temp file and its directory flushed per file
 *   batched   writeChanges: the temp file flushed per file, each directory once
 *
 *   npm run bench:fsync [-- DIR]   (default: the OS temp dir; a tmpfs there makes fsync free, so pass a path on a real disk)
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FileResult } from "../src/runner/run";
import { writeChanges, writeFileAtomic } from "../src/runner/write";

const FILES = 5000;
const DIRECTORIES = 50;
const ROUNDS = 3;

const base = fs.mkdtempSync(path.join(path.resolve(process.argv[2] ?? os.tmpdir()), "unawaited-fsync-"));
const files: string[] = [];
for (let d = 0; d < DIRECTORIES; d++) {
  const dir = path.join(base, `d${d}`);
  fs.mkdirSync(dir);
  for (let f = 0; f < FILES / DIRECTORIES; f++) files.push(path.join(dir, `f${f}.ts`));
}
const text = (version: number) => `// version ${version}\n${"export async function a() {\n  const m = await createWebSocketManager();\n  m.add();\n}\n".repeat(20)}`;
let version = 0;
for (const file of files) fs.writeFileSync(file, text(version));

/** The writer's steps without a flush: open a temp file, write, keep the mode, rename. */
function writeWithoutSync(file: string, content: string): void {
  const temp = path.join(path.dirname(file), `.bench-${process.pid}.tmp`);
  const fd = fs.openSync(temp, "wx", 0o644);
  fs.writeFileSync(fd, content);
  fs.fchmodSync(fd, fs.statSync(file).mode & 0o7777);
  fs.closeSync(fd);
  fs.renameSync(temp, file);
}

const variants: Record<string, (before: string, after: string) => Promise<void>> = {
  none: async (_, after) => {
    for (const file of files) writeWithoutSync(file, after);
  },
  "per-file": async (_, after) => {
    for (const file of files) writeFileAtomic(file, after);
  },
  batched: async (before, after) => {
    const changes: FileResult[] = files.map((file) => ({ file, status: "changed", findings: [], before, after }));
    const outcome = await writeChanges(changes);
    if (outcome.written !== files.length) throw new Error(`wrote ${outcome.written} of ${files.length}`);
  },
};

async function measure(): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, write] of Object.entries(variants)) {
        const before = text(version);
        const after = text(++version);
        const started = performance.now();
        await write(before, after);
        times[name]!.push(performance.now() - started);
      }
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  return times;
}

function report(times: Record<string, number[]>): void {

  const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const none = median(times["none"]!);
  process.stdout.write(`${FILES} files in ${DIRECTORIES} directories under ${path.dirname(base)}, median of ${ROUNDS} rounds\n`);
  for (const name of Object.keys(variants)) {
    const ms = median(times[name]!);
    process.stdout.write(`${name.padEnd(9)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / none).toFixed(2)}x\n`);
  }
}

measure().then(report, (error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
