/**
 * A plain walk over a Babel AST, without creating a path per node: the
 * analysis finds what it needs this way and builds paths (paths.ts) only for
 * those nodes, from the key path the walk reports.
 */
import type { AnyNode } from "./ast";

export type KeyPath = readonly (string | number)[];

/** Keys that hold positions, comments and tokens, never child nodes worth visiting. */
const SKIPPED_KEYS: ReadonlySet<string> = new Set([
  "type", "start", "end", "loc", "range", "extra", "comments", "leadingComments", "trailingComments", "innerComments", "tokens", "errors",
]);

/** Keys that hold only types: no call or value reference lives there. */
const TYPE_KEYS: ReadonlySet<string> = new Set(["typeAnnotation", "returnType", "typeParameters", "superTypeParameters", "typeArguments", "implements"]);

export interface WalkOptions {
  /** Skip type annotations (no calls there); keep them to see `typeof x` references. */
  readonly skipTypes: boolean;
  /**
   * Offsets, ascending: visit only nodes whose source range holds one (and
   * their ancestors). Skips most of a large file when looking for a few calls.
   */
  readonly focus?: readonly number[] | undefined;
}

/** Whether some offset in `sorted` lies in [start, end). */
function holdsOffset(sorted: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < start) low = middle + 1;
    else high = middle;
  }
  return low < sorted.length && sorted[low]! < end;
}

/**
 * Calls `visit` for every node, pre-order, with its key path from the root
 * and its ancestors (both reused between calls: copy them to keep them).
 */
export function walk(
  root: AnyNode,
  options: WalkOptions,
  visit: (node: AnyNode, keys: readonly (string | number)[], ancestors: readonly AnyNode[]) => void,
): void {
  const keys: (string | number)[] = [];
  const ancestors: AnyNode[] = [];
  const focus = options.focus;
  const step = (node: AnyNode): void => {
    if (focus && typeof node.start === "number" && typeof node.end === "number" && !holdsOffset(focus, node.start, node.end)) return;
    visit(node, keys, ancestors);
    ancestors.push(node);
    for (const key in node) {
      if (SKIPPED_KEYS.has(key) || (options.skipTypes && TYPE_KEYS.has(key))) continue;
      const value = node[key];
      if (value === null || typeof value !== "object") continue;
      keys.push(key);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item = value[i] as AnyNode | null;
          if (item !== null && typeof item === "object" && typeof item.type === "string") {
            keys.push(i);
            step(item);
            keys.pop();
          }
        }
      } else if (typeof (value as AnyNode).type === "string") {
        step(value as AnyNode);
      }
      keys.pop();
    }
    ancestors.pop();
  };
  step(root);
}

