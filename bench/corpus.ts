/**
 * A deterministic generated corpus for `npm run bench`: TypeScript, TSX and
 * JavaScript files that look like a back end with a web front: classes,
 * services, JSX components, `<T>x` assertions, async and sync code. A few
 * percent of the files mention the targets, in every way the rules know
 * (awaited, floating, used as a value, started and awaited later, chained,
 * called from sync code). Same seed, same files, byte for byte.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const CORPUS_TARGETS = [
  { name: "createWebSocketManager" },
  { name: "setWebsocketManagerAsync", sync: "setWebsocketManager" },
] as const;

/** mulberry32: small, fast, and the same everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ["user", "order", "invoice", "session", "agent", "channel", "report", "payment", "profile", "message", "ticket", "tenant"];

function cap(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

/** Files live in `src/<noun>s/part<N>/`: imports of `src/shared` and `src/ws` climb two levels, so they resolve. */
const TO_SRC = "../..";

function service(rand: () => number, noun: string, index: number): string {
  const Name = `${cap(noun)}Service${index}`;
  return `import type { Repository } from "${TO_SRC}/shared/repository";

export interface ${cap(noun)}Record {
  readonly id: string;
  readonly createdAt: Date;
  readonly tags: readonly string[];
  readonly score: number;
}

/** Loads and caches ${noun}s; the cache is per process. */
export class ${Name} {
  private readonly cache = new Map<string, ${cap(noun)}Record>();

  constructor(private readonly repository: Repository<${cap(noun)}Record>) {}

  async find(id: string): Promise<${cap(noun)}Record | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const found = await this.repository.get(id);
    if (found) this.cache.set(id, found);
    return found;
  }

  async findMany(ids: readonly string[]): Promise<${cap(noun)}Record[]> {
    const results = await Promise.all(ids.map((id) => this.find(id)));
    return results.filter((r): r is ${cap(noun)}Record => r !== undefined);
  }

  score(record: ${cap(noun)}Record): number {
    const raw = <number>(record.score as unknown);
    return record.tags.length > ${Math.floor(rand() * 5) + 1} ? raw * ${(rand() * 3).toFixed(2)} : raw;
  }

  clear(): void {
    this.cache.clear();
  }
}

export function sort${cap(noun)}s(records: ${cap(noun)}Record[]): ${cap(noun)}Record[] {
  return [...records].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}
`;
}

function component(rand: () => number, noun: string, index: number): string {
  const Name = `${cap(noun)}Card${index}`;
  return `import { useEffect, useState } from "react";

interface ${Name}Props {
  readonly id: string;
  readonly onSelect?: (id: string) => void;
}

export function ${Name}({ id, onSelect }: ${Name}Props) {
  const [state, setState] = useState<{ title: string; count: number } | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch(\`/api/${noun}s/\${id}\`)
      .then((response) => response.json())
      .then((data) => {
        if (!cancelled) setState({ title: data.title, count: data.count ?? ${Math.floor(rand() * 10)} });
      });
    return () => {
      cancelled = true;
    };
  }, [id]);
  if (!state) return <div className="loading">Loading ${noun}…</div>;
  return (
    <section className="${noun}-card" onClick={() => onSelect?.(id)}>
      <h2>{state.title}</h2>
      <ul>
        {Array.from({ length: state.count }, (_, i) => (
          <li key={i}>{i + 1}</li>
        ))}
      </ul>
    </section>
  );
}
`;
}

function script(rand: () => number, noun: string, index: number): string {
  return `"use strict";
const path = require("node:path");

/** Batch job ${index}: recomputes ${noun} totals. */
function total${cap(noun)}s(rows) {
  let sum = 0;
  for (const row of rows) {
    if (row && typeof row.amount === "number") sum += row.amount * ${(1 + rand()).toFixed(3)};
  }
  return Math.round(sum * 100) / 100;
}

async function run${cap(noun)}Job(store, day) {
  const rows = await store.load(path.join("${noun}s", day));
  const total = total${cap(noun)}s(rows);
  await store.save(path.join("totals", day), { total, count: rows.length });
  return total;
}

module.exports = { total${cap(noun)}s, run${cap(noun)}Job };
`;
}

/** A file that uses the targets, in every way the rules distinguish. */
function targetUser(rand: () => number, index: number): string {
  const variant = index % 4;
  const lines = [
    `import { createWebSocketManager } from "${TO_SRC}/ws/factory";`,
    `import type { AgentRegistry } from "${TO_SRC}/ws/registry";`,
    ``,
    `export class Handler${index} {`,
    `  constructor(private readonly registry: AgentRegistry) {}`,
    ``,
    `  async connect(userId: string) {`,
    variant === 0 ? `    const manager = createWebSocketManager(userId);` : `    const manager = await createWebSocketManager(userId);`,
    `    manager.addConnection(userId);`,
    variant === 1 ? `    this.registry.setWebsocketManagerAsync(manager);` : `    await this.registry.setWebsocketManagerAsync(manager);`,
    `  }`,
    ``,
    `  async warm(ids: string[]) {`,
    `    const pending = ids.map((id) => createWebSocketManager(id));`,
    `    await Promise.all(pending);`,
    `  }`,
    ``,
    `  attach(manager: { addConnection(id: string): void }) {`,
    variant === 2 ? `    this.registry.setWebsocketManagerAsync(manager as never);` : `    void this.registry.setWebsocketManagerAsync(manager as never);`,
    `  }`,
    `}`,
    ``,
    `export function score${index}(value: number): number {`,
    `  return value * ${(rand() * 10).toFixed(2)};`,
    `}`,
  ];
  return `${lines.join("\n")}\n`;
}

export interface CorpusOptions {
  readonly files: number;
  readonly seed?: number;
  /** Share of files that mention a target (default 3%). */
  readonly targetShare?: number;
  /**
   * A call chain for --propagate: `fetchChain` (a target with no sync variant)
   * called by sync `level1` … `level<levels>`, each in its own file calling the
   * one below, and `callers` files calling the top level from sync functions.
   * Every one of them is made async: levels + callers functions.
   */
  readonly chain?: { readonly levels: number; readonly callers: number };
}

/** The chain's files (see CorpusOptions.chain); `write` puts a file into the corpus. */
function writeChain(write: (name: string, text: string) => void, chain: { readonly levels: number; readonly callers: number }): void {
  write("src/chain/level0.ts", "export async function level0(id: string): Promise<{ name: string }> {\n  return { name: id };\n}\n");
  for (let level = 1; level <= chain.levels; level++) {
    write(`src/chain/level${level}.ts`, [
      `import { level${level - 1} } from "./level${level - 1}";`,
      ``,
      `export function level${level}(id: string) {`,
      `  const record = level${level - 1}(id);`,
      `  return { name: record.name };`,
      `}`,
      ``,
    ].join("\n"));
  }
  for (let i = 0; i < chain.callers; i++) {
    write(`src/chain/callers/caller${i}.ts`, [
      `import { level${chain.levels} } from "../level${chain.levels}";`,
      ``,
      `export function caller${i}(id: string): string {`,
      `  const record = level${chain.levels}(id);`,
      `  return record.name;`,
      `}`,
      ``,
    ].join("\n"));
  }
}

/** Writes the corpus into `dir` (which must be empty or absent); returns the file count. */
export function generateCorpus(dir: string, options: CorpusOptions): number {
  const rand = random(options.seed ?? 20261126);
  const share = options.targetShare ?? 0.03;
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  const targets = options.chain ? [...CORPUS_TARGETS, { name: "level0", module: "./src/chain/level0" }] : CORPUS_TARGETS;
  write("unawaited.config.json", `${JSON.stringify({ targets }, null, 2)}\n`);
  if (options.chain) writeChain(write, options.chain);
  write("tsconfig.json", `${JSON.stringify({
    compilerOptions: { target: "ES2022", module: "commonjs", jsx: "preserve", strict: false, noEmit: true, allowJs: true, skipLibCheck: true, types: [], noResolve: false },
    include: ["src"],
  }, null, 2)}\n`);
  write("src/shared/repository.ts", "export interface Repository<T> {\n  get(id: string): Promise<T | undefined>;\n}\n");
  write("src/ws/factory.ts", "export interface Manager {\n  addConnection(id: string): void;\n}\n\nexport async function createWebSocketManager(userId: string): Promise<Manager> {\n  return { addConnection: (id) => void [userId, id] };\n}\n");
  write("src/ws/registry.ts", "import type { Manager } from \"./factory\";\n\nexport class AgentRegistry {\n  setWebsocketManager(manager: Manager): void {\n    void manager;\n  }\n\n  async setWebsocketManagerAsync(manager: Manager): Promise<void> {\n    this.setWebsocketManager(manager);\n  }\n}\n");
  write("src/react.d.ts", "declare module \"react\" {\n  export function useState<T>(value: T): [T, (value: T) => void];\n  export function useEffect(effect: () => void | (() => void), deps: unknown[]): void;\n}\ndeclare namespace JSX {\n  interface IntrinsicElements {\n    [name: string]: any;\n  }\n}\n");
  for (let i = 0; i < options.files; i++) {
    const noun = NOUNS[i % NOUNS.length]!;
    const area = `src/${noun}s/part${Math.floor(i / 200)}`;
    const roll = rand();
    if (roll < share) write(`${area}/handler${i}.ts`, targetUser(rand, i));
    else if (roll < 0.55) write(`${area}/${noun}-service${i}.ts`, service(rand, noun, i));
    else if (roll < 0.85) write(`${area}/${cap(noun)}Card${i}.tsx`, component(rand, noun, i));
    else write(`${area}/${noun}-job${i}.js`, script(rand, noun, i));
  }
  return options.files;
}
