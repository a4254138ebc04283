/**
 * Paths over a Babel AST: a node with its parent, the key it hangs from and,
 * for a node in a list, the list's key. Built on demand from the key paths a
 * plain walk reports, so a file with three target calls gets a few dozen
 * paths, not one per node. Every path of a file shares one `FileContext`, where
 * file-wide facts (the binding index) are computed once.
 */
import type { AnyNode } from "./ast";

export interface FileContext {
  readonly ast: AnyNode;
  /** Set by bindings.ts the first time a name is resolved in this file. */
  bindings?: unknown;
}

export class AstPath {
  private readonly children = new Map<string, AstPath>();

  private constructor(
    readonly node: AnyNode,
    /** The nearest ancestor node's path; null at the root. */
    readonly parent: AstPath | null,
    /** The key under the parent, or the index when the node sits in a list. */
    readonly name: string | number,
    /** For a node in a list: the key of that list under the parent (`"arguments"`, `"body"`). */
    readonly listKey: string | undefined,
    readonly context: FileContext,
  ) {}

  static root(ast: AnyNode): AstPath {
    return new AstPath(ast, null, "root", undefined, { ast });
  }

  get value(): AnyNode {
    return this.node;
  }

  /** The key that leads from the parent towards this node: the list's key for a list element. */
  get key(): string | number {
    return this.listKey ?? this.name;
  }

  /** The list this node is an element of, if any. */
  get siblings(): readonly AnyNode[] | undefined {
    return this.listKey !== undefined && this.parent ? (this.parent.node[this.listKey] as AnyNode[]) : undefined;
  }

  /** The child path at `key`, then `index` when `key` holds a list. */
  child(key: string, index?: number): AstPath {
    const cacheKey = index === undefined ? key : `${key}.${index}`;
    let path = this.children.get(cacheKey);
    if (!path) {
      const value = this.node[key];
      const node = (index === undefined ? value : (value as unknown[])[index]) as AnyNode | undefined;
      if (!node || typeof node !== "object") throw new Error(`no node at ${cacheKey} of ${this.node.type}`);
      path = new AstPath(node, this, index ?? key, index === undefined ? undefined : key, this.context);
      this.children.set(cacheKey, path);
    }
    return path;
  }
}

/** The path at a key path from `root`, as reported by walk(): `["program", "body", 3, "expression"]`. */
export function pathAt(root: AstPath, keys: readonly (string | number)[]): AstPath {
  let path = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const next = keys[i + 1];
    if (typeof next === "number") {
      path = path.child(key, next);
      i++;
    } else {
      path = path.child(key);
    }
  }
  return path;
}
