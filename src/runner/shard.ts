/**
 * `--shard i/n`: a deterministic slice of a set. Items are sorted and dealt
 * round-robin, so every machine computes the same slices from the same
 * checkout, the n slices are disjoint, together they are the whole set, and
 * their sizes differ by at most one (a hash would leave a shard empty when
 * there are only a few repositories).
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

/** The items of `shard`, in their original order; `key` gives each item's sort key. */
export function shardSlice<T>(items: readonly T[], key: (item: T) => string, shard: Shard | undefined): T[] {
  if (!shard || shard.count === 1) return [...items];
  const order = items.map((item, position) => ({ item, position, key: key(item) }));
  order.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.position - b.position));
  const picked = new Set(order.filter((_, rank) => rank % shard.count === shard.index - 1).map((entry) => entry.position));
  return items.filter((_, position) => picked.has(position));
}
