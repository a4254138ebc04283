/**
 * Which declaration an identifier refers to. ast-types' scopes are
 * function-level, so a `let`/`const`/`class` declared in an inner block would
 * appear to shadow the whole function; `resolveBinding` corrects for that by
 * checking the block actually encloses the reference.
 */
import type { ASTPath } from "jscodeshift";
import { asNode, contains, identifierName, isStringLiteral, nodeOf, requiredModule, type AnyNode, type AnyPath } from "./ast";

interface Scope {
  readonly node: AnyNode;
  readonly parent: Scope | null;
  declares(name: string): boolean;
  getBindings(): Record<string, AnyPath[]>;
}

function scopeOf(path: AnyPath): Scope | null {
  return (path as unknown as { scope: Scope | null }).scope;
}

const BLOCK_TYPES: ReadonlySet<string> = new Set([
  "BlockStatement",
  "StaticBlock",
  "SwitchStatement",
  "ForStatement",
  "ForInStatement",
  "ForOfStatement",
]);

/** The identifier path that declares `name` as seen from `from`, or undefined for a global. */
export function resolveBinding(from: AnyPath, name: string): AnyPath | undefined {
  const fromNode = nodeOf(from);
  for (let scope = scopeOf(from); scope; scope = scope.parent) {
    // ast-types cannot scan `catch {}` (no parameter): such a scope declares nothing.
    if (scope.node.type === "CatchClause" && !scope.node["param"]) continue;
    if (!scope.declares(name)) continue;
    let best: { binding: AnyPath; region: AnyNode } | undefined;
    for (const binding of scope.getBindings()[name] ?? []) {
      const region = declarationRegion(binding, scope);
      if (region !== scope.node && !contains(region, fromNode)) continue;
      // Regions that hold `from` are nested: the innermost one starts last.
      if (!best || (region.start ?? 0) > (best.region.start ?? 0)) best = { binding, region };
    }
    if (best) return best.binding;
  }
  return undefined;
}

/**
 * Where a declaration is visible: its block for `let`/`const`/`class`, the
 * whole scope otherwise (and for a block that is the function's own body).
 */
function declarationRegion(binding: AnyPath, scope: Scope): AnyNode {
  if (!isBlockScoped(binding)) return scope.node;
  let current: AnyPath | null = binding.parent as AnyPath | null;
  while (current && nodeOf(current) !== scope.node) {
    const node = nodeOf(current);
    if (BLOCK_TYPES.has(node.type)) {
      const parent = current.parent ? nodeOf(current.parent as AnyPath) : undefined;
      return parent === scope.node ? scope.node : node;
    }
    current = current.parent as AnyPath | null;
  }
  return scope.node;
}

function isBlockScoped(binding: AnyPath): boolean {
  let current: AnyPath | null = binding.parent as AnyPath | null;
  while (current) {
    const node = nodeOf(current);
    if (node.type === "VariableDeclaration") return node["kind"] !== "var";
    if (node.type === "ClassDeclaration") return true;
    if (node.type === "VariableDeclarator" || node.type === "ObjectPattern" || node.type === "ArrayPattern"
      || node.type === "ObjectProperty" || node.type === "Property" || node.type === "AssignmentPattern"
      || node.type === "RestElement") {
      current = current.parent as AnyPath | null;
      continue;
    }
    return false;
  }
  return false;
}

/** What a binding is, as far as module matching cares. */
export type BindingOrigin =
  | { kind: "import-named"; module: string; imported: string; specifier: AnyPath }
  | { kind: "import-default"; module: string; specifier: AnyPath }
  | { kind: "import-namespace"; module: string }
  | { kind: "require-destructured"; module: string; imported: string; property: AnyPath }
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
    const module = requiredModule(asNode(parent["init"]));
    if (module !== undefined) return { kind: "require-module", module };
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
export function isReference(path: ASTPath): boolean {
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
