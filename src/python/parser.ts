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
  if (!parser) throw new Error("the Python parser is not loaded: call loadPython() (it is asynchronous) before transformSource() on a .py file");
  // tree-sitter does not end a line at a lone CR (old Mac files; Python does). CR → LF keeps every offset.
  const tree = parser.parse(source.includes("\r") ? source.replace(/\r(?!\n)/g, "\n") : source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree;
}

/**
 * The first syntax error in the tree, or undefined when it parsed cleanly.
 * tree-sitter recovers where CPython stops, so on top of its ERROR and
 * MISSING nodes this checks what it lets through: Python 2 statements,
 * empty blocks, and statements of one block indented differently
 * (CPython's IndentationError and TabError).
 */
export function firstSyntaxError(tree: Tree, source: string): PythonSyntaxError | undefined {
  return treeSyntaxError(tree) ?? strictSyntaxError(tree.rootNode, source);
}


const PYTHON2_STATEMENTS: ReadonlySet<string> = new Set(["print_statement", "exec_statement"]);

/** What tree-sitter lets through and CPython rejects (see firstSyntaxError). */
export function strictSyntaxError(root: Node, source: string): PythonSyntaxError | undefined {
  for (const statement of root.descendantsOfType([...PYTHON2_STATEMENTS])) {
    // `print >> f, x` is a valid (if useless) Python 3 expression; tree-sitter reads it as Python 2 too.
    if (statement && !statement.namedChildren.some((c) => c?.type === "chevron")) {
      return at(statement, `Python 2 syntax (${statement.type.replace("_statement", "")} statement)`);
    }
  }
  // A line holding only a backslash joins lines in ways tree-sitter misreads: leave indentation to CPython there.
  const checkIndentation = !/^[ \t\f]*\\\r?$/m.test(source);
  for (const block of [root, ...root.descendantsOfType("block")]) {
    if (!block) continue;
    const statements = block.namedChildren.filter((c): c is Node => c !== null && c.type !== "comment" && c.type !== "line_continuation");
    if (statements.length === 0 && block.type === "block") return at(block, "expected an indented block");
    if (!checkIndentation) continue;
    let indentation: string | undefined;
    for (const statement of statements) {
      // Columns count UTF-16 units, like offsets: the line starts `column` units back.
      const lineStart = statement.startIndex - statement.startPosition.column;
      // CPython starts the column again after a form feed.
      const raw = source.slice(lineStart, statement.startIndex);
      const lead = raw.slice(raw.lastIndexOf("\f") + 1);
      if (/[^ \t\f]/.test(raw)) continue; // after `;` or on the header line: not an indented line
      const expected = block.type === "module" ? "" : indentation;
      if (expected !== undefined && lead !== expected) {
        return at(statement, /\t/.test(lead + expected) && lead.length !== expected.length ? "inconsistent use of tabs and spaces in indentation" : "unindent does not match any outer indentation level");
      }
      indentation ??= lead;
    }
  }
  return undefined;
}

function at(node: Node, message: string): PythonSyntaxError {
  return { message: `invalid Python syntax: ${message}`, line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

/** Only tree-sitter's own ERROR and MISSING nodes: cheap, checked on every parsed file. */
export function treeSyntaxError(tree: Tree): PythonSyntaxError | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const cursor = tree.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isMissing) return at(node, `missing ${JSON.stringify(node.type)}`);
      if (node.isError) return at(node, node.text.trim() === "" ? "unexpected end of input" : `cannot parse the statement starting with ${describe(node)}`);
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

/**
 * The parent of `node`. tree-sitter's own `node.parent` searches down from the
 * root, so it costs the node's depth, and a walk up to the function cost
 * depth² (70 s for a 20,000-deep parenthesised expression). This finds the
 * whole chain of ancestors once, a level at a time with childWithDescendant,
 * and keeps it per tree: every walk up from that node is then linear.
 */
export function parentOf(node: Node | null | undefined): Node | null {
  if (!node) return null;
  let parents = parentsByTree.get(node.tree);
  if (!parents) parentsByTree.set(node.tree, (parents = new Map()));
  const known = parents.get(node.id);
  if (known !== undefined) return known;
  const root = node.tree.rootNode;
  parents.set(root.id, null);
  for (let current = root; current.id !== node.id; ) {
    const child = current.childWithDescendant(node);
    // Only a node of another tree (or one past an edit) has no path from this root.
    if (!child) return node.parent;
    parents.set(child.id, current);
    current = child;
  }
  return parents.get(node.id) ?? null;
}

const parentsByTree = new WeakMap<Tree, Map<number, Node | null>>();
