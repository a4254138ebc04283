/**
 * Which declaration an identifier refers to, by JavaScript's scoping rules:
 * `var` and parameters belong to their function, `let`/`const`/`class` (and
 * TypeScript's enums, namespaces, `import x = require()`) to their block,
 * imports to the module. One plain walk per file builds the index; a lookup
 * then climbs the ancestors of the reference.
 */
import { asNode, FUNCTION_TYPES, identifierName, isStringLiteral, nodeOf, requiredModule, type AnyNode, type AnyPath } from "./ast";
import { pathAt } from "./paths";
import { walk } from "./walk";

type KeyList = readonly (string | number)[];

/** For each scope-owning node, the names it declares and where (key paths from the root). */
type BindingIndex = Map<AnyNode, Map<string, KeyList[]>>;

const BLOCK_OWNERS: ReadonlySet<string> = new Set([
  "BlockStatement", "StaticBlock", "SwitchStatement", "ForStatement", "ForInStatement", "ForOfStatement", "TSModuleBlock", "Program",
]);

/** The identifier path that declares `name` as seen from `from`, or undefined for a global. */
export function resolveBinding(from: AnyPath, name: string): AnyPath | undefined {
  const context = from.context;
  let index = context.bindings as BindingIndex | undefined;
  if (!index) {
    index = buildIndex(context.ast);
    context.bindings = index;
  }
  let root: AnyPath = from;
  while (root.parent) root = root.parent;
  for (let current: AnyPath | null = from; current; current = current.parent) {
    const keys = index.get(current.node)?.get(name);
    if (keys && keys.length > 0) return pathAt(root, keys[0]!);
  }
  return undefined;
}

function buildIndex(ast: AnyNode): BindingIndex {
  const index: BindingIndex = new Map();
  walk(ast, { skipTypes: true }, (node, keys, ancestors) => {
    if (node.type !== "Identifier") return;
    const owner = ownerOf(node, keys, ancestors);
    if (!owner) return;
    let names = index.get(owner);
    if (!names) {
      names = new Map();
      index.set(owner, names);
    }
    const list = names.get(node["name"] as string) ?? [];
    list.push([...keys]);
    names.set(node["name"] as string, list);
  });
  return index;
}

/**
 * If the identifier at `keys` declares a name, the node whose scope holds
 * it; undefined for a reference. Patterns (`{ a: [b = 1, ...c] }`) are
 * climbed to the declaration they belong to.
 */
function ownerOf(node: AnyNode, keys: KeyList, ancestors: readonly AnyNode[]): AnyNode | undefined {
  let depth = ancestors.length - 1;
  let key = keyAt(keys, depth);
  // Climb out of binding patterns.
  for (;;) {
    const parent = ancestors[depth];
    if (!parent) return undefined;
    const inPattern =
      ((parent.type === "ObjectProperty" || parent.type === "Property") && key === "value" && ancestors[depth - 1]?.type === "ObjectPattern")
      || (parent.type === "ObjectPattern" && key === "properties")
      || (parent.type === "ArrayPattern" && key === "elements")
      || (parent.type === "AssignmentPattern" && key === "left")
      || (parent.type === "RestElement" && key === "argument")
      || (parent.type === "TSParameterProperty" && key === "parameter");
    if (!inPattern) break;
    depth--;
    key = keyAt(keys, depth);
  }
  const site = ancestors[depth]!;
  switch (site.type) {
    case "VariableDeclarator": {
      if (key !== "id") return undefined;
      const declaration = ancestors[depth - 1];
      return declaration?.["kind"] === "var" ? functionOwner(ancestors, depth - 2) : blockOwner(ancestors, depth - 2, keys);
    }
    case "CatchClause":
      return key === "param" ? site : undefined;
    case "FunctionDeclaration":
    case "TSDeclareFunction":
      if (key === "params") return site;
      return key === "id" ? blockOwner(ancestors, depth - 1, keys) : undefined;
    case "FunctionExpression":
    case "ClassExpression":
      if (key === "params") return site;
      // A function or class expression's own name is visible only inside it.
      return key === "id" ? site : undefined;
    case "ArrowFunctionExpression":
    case "ObjectMethod":
    case "ClassMethod":
    case "ClassPrivateMethod":
      return key === "params" ? site : undefined;
    case "ClassDeclaration":
    case "TSEnumDeclaration":
    case "TSModuleDeclaration":
    case "TSImportEqualsDeclaration":
      return key === "id" ? blockOwner(ancestors, depth - 1, keys) : undefined;
    case "ImportSpecifier":
    case "ImportDefaultSpecifier":
    case "ImportNamespaceSpecifier":
      return key === "local" ? ancestors[0] : undefined;
    default:
      return undefined;
  }
}

function keyAt(keys: KeyList, depth: number): string | number {
  // keys has one entry per step below the root, plus an index after each list key.
  let steps = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const next = keys[i + 1];
    if (steps === depth) return key;
    if (typeof next === "number") i++;
    steps++;
  }
  return "";
}

/** The function (or program, static block, namespace) a `var` at `ancestors[depth]` belongs to. */
function functionOwner(ancestors: readonly AnyNode[], depth: number): AnyNode {
  for (let i = depth; i >= 0; i--) {
    const node = ancestors[i]!;
    if (FUNCTION_TYPES.has(node.type) || node.type === "Program" || node.type === "StaticBlock" || node.type === "TSModuleBlock") return node;
  }
  return ancestors[0]!;
}

/** The block a `let`/`const`/`class` at `ancestors[depth]` belongs to; a function body's block is the function. */
function blockOwner(ancestors: readonly AnyNode[], depth: number, keys: KeyList): AnyNode {
  for (let i = depth; i >= 0; i--) {
    const node = ancestors[i]!;
    if (FUNCTION_TYPES.has(node.type)) return node;
    if (!BLOCK_OWNERS.has(node.type)) continue;
    const parent = ancestors[i - 1];
    if (node.type === "BlockStatement" && parent && FUNCTION_TYPES.has(parent.type) && keyAt(keys, i - 1) === "body") return parent;
    return node;
  }
  return ancestors[0]!;
}

/** What a binding is, as far as module matching cares. */
export type BindingOrigin =
  | { kind: "import-named"; module: string; imported: string; specifier: AnyPath }
  | { kind: "import-default"; module: string; specifier: AnyPath }
  | { kind: "import-namespace"; module: string }
  | { kind: "require-destructured"; module: string; imported: string; property: AnyPath }
  /** `const f = require("m").f`: one export, read off the required module. */
  | { kind: "require-member"; module: string; imported: string }
  | { kind: "require-module"; module: string }
  | { kind: "local" };

export function bindingOrigin(binding: AnyPath): BindingOrigin {
  const parentPath = binding.parent as AnyPath | null;
  if (!parentPath) return { kind: "local" };
  const parent = nodeOf(parentPath);
  const declaration = parentPath.parent ? nodeOf(parentPath.parent as AnyPath) : undefined;
  const importSource = declaration?.type === "ImportDeclaration" ? asNode(declaration["source"]) : undefined;
  if (importSource && isStringLiteral(importSource) && declaration?.["importKind"] !== "type" && parent["importKind"] !== "type") {
    const module = importSource.value;
    if (parent.type === "ImportSpecifier") {
      const imported = asNode(parent["imported"]);
      const importedName = identifierName(imported) ?? (isStringLiteral(imported) ? imported.value : undefined);
      if (importedName !== undefined) return { kind: "import-named", module, imported: importedName, specifier: parentPath };
    }
    if (parent.type === "ImportDefaultSpecifier") return { kind: "import-default", module, specifier: parentPath };
    if (parent.type === "ImportNamespaceSpecifier") return { kind: "import-namespace", module };
  }
  if (parent.type === "VariableDeclarator" && parent["id"] === binding.node) {
    const init = asNode(parent["init"]);
    const module = requiredModule(init);
    if (module !== undefined) return { kind: "require-module", module };
    if (init?.type === "MemberExpression") {
      const from = requiredModule(asNode(init["object"]));
      const property = asNode(init["property"]);
      const imported = init["computed"] === true ? (isStringLiteral(property) ? property.value : undefined) : identifierName(property);
      if (from !== undefined && imported !== undefined) return { kind: "require-member", module: from, imported };
    }
  }
  if ((parent.type === "ObjectProperty" || parent.type === "Property") && parent["value"] === binding.node && declaration?.type === "ObjectPattern") {
    const declarator = parentPath.parent?.parent ? nodeOf(parentPath.parent.parent as AnyPath) : undefined;
    const module = declarator?.type === "VariableDeclarator" ? requiredModule(asNode(declarator["init"])) : undefined;
    const key = asNode(parent["key"]);
    const imported = parent["computed"] ? undefined : identifierName(key) ?? (isStringLiteral(key) ? key.value : undefined);
    if (module !== undefined && imported !== undefined) return { kind: "require-destructured", module, imported, property: parentPath };
  }
  return { kind: "local" };
}

/** The identifiers among `candidates` (all named `name`) that refer to `binding`. */
export function referencesOf(candidates: readonly AnyPath[], binding: AnyPath, name: string): AnyPath[] {
  return candidates.filter(
    (path) => path.node !== binding.node && isReference(path) && resolveBinding(path, name)?.node === binding.node,
  );
}

/** An identifier used as a value, not a property key, member name, or declaration. */
export function isReference(path: AnyPath): boolean {
  const parentPath = path.parent as AnyPath | null;
  if (!parentPath) return true;
  const parent = nodeOf(parentPath);
  const key = path.name;
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && key === "property") return Boolean(parent["computed"]);
  if ((parent.type === "ObjectProperty" || parent.type === "Property" || parent.type === "ClassProperty" || parent.type === "ObjectMethod" || parent.type === "ClassMethod") && key === "key") {
    return Boolean(parent["computed"]);
  }
  if (parent.type.startsWith("Import") || parent.type.startsWith("Export") && key === "exported") return false;
  if (parent.type.startsWith("TS") && !parent.type.endsWith("Expression") && parent.type !== "TSTypeAssertion") return false;
  if (parent.type === "LabeledStatement" || parent.type === "BreakStatement" || parent.type === "ContinueStatement") return false;
  return true;
}
