/**
 * Python parsing with tree-sitter's Python grammar, run as WebAssembly
 * (web-tree-sitter + tree-sitter-python's .wasm): nothing is compiled at
 * install, and it runs wherever Node 20 does. Loading is asynchronous and
 * happens once, only when a run has .py files; parsing is then synchronous,
 * like the Babel path.
 */
import type { Node, Parser, Tree } from "web-tree-sitter";

export type { Node as PyNode, Tree as PyTree } from "web-tree-sitter";

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads the grammar (about 50 ms); later calls return at once. */
export function loadPython(): Promise<void> {
  loading ??= (async () => {
    const treeSitter = await import("web-tree-sitter");
    await treeSitter.Parser.init();
    const language = await treeSitter.Language.load(require.resolve("tree-sitter-python/tree-sitter-python.wasm"));
    const instance = new treeSitter.Parser();
    instance.setLanguage(language);
    parser = instance;
  })();
  return loading;
}

export function isPythonLoaded(): boolean {
  return parser !== undefined;
}

/** A syntax error: tree-sitter recovers from errors, unawaited does not edit such files. */
export interface PythonSyntaxError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Parses `source`; the caller must `delete()` the tree (it lives in
 * WebAssembly memory, which the garbage collector does not see).
 */
export function parsePython(source: string): Tree {
  if (!parser) throw new Error("the Python parser is not loaded: Python files run through the unawaited CLI, or call loadPython() before transformSource()");
  const tree = parser.parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree;
}

/** The first syntax error in the tree, or undefined when it parsed cleanly. */
export function firstSyntaxError(tree: Tree): PythonSyntaxError | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const cursor = tree.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) {
        const what = node.isMissing ? `missing ${JSON.stringify(node.type)}` : `unexpected ${describe(node)}`;
        return { message: `invalid Python syntax: ${what}`, line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
      }
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { message: "invalid Python syntax", line: 1, column: 1 };
      }
    }
  } finally {
    cursor.delete();
  }
}

function describe(node: Node): string {
  const text = node.text.split(/\r?\n/)[0] ?? "";
  return text.length === 0 ? "end of input" : JSON.stringify(text.length > 30 ? `${text.slice(0, 30)}…` : text);
}
