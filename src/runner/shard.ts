/**
 * `--shard i/n`: a stable slice of a set. An item belongs to the shard its
 * hash picks, so the n slices are disjoint, together are the whole set, and an
 * item keeps its shard when others are added or removed.
 */
import { UnawaitedError } from "../errors";

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UnawaitedError("USAGE", `--shard ${text}: expected i/n with 1 <= i <= n, e.g. --shard 2/4`, {
      hint: "run the same command with --shard 1/n … n/n on n machines to cover everything once",
    });
  }
  return { index, count };
}

export function inShard(key: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  return fnv1a(key) % shard.count === shard.index - 1;
}

/** 32-bit FNV-1a: tiny, stable across platforms and Node versions. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
