/**
 * What a Python file imports, for module targets (`"module":
 * "app.ws.factory"`) and for recognising asyncio's functions. Every import
 * statement counts, at top level or inside a function. A relative import
 * (`from ..ws import factory`) is resolved against the file's package, so it
 * matches the absolute name too.
 */
import type { PyNode } from "../parser";
import { parentOf } from "../parser";

/** A name bound by `from m import name [as local]`. */
export interface ImportBinding {
  readonly local: string;
  readonly imported: string;
  /** The module as written: `app.ws.factory`, `.factory`, `..`. */
  readonly module: string;
  /** The absolute module, when a relative one could be resolved. */
  readonly absolute: string | undefined;
  readonly statement: PyNode;
  /** The `name` or `name as local` entry in the statement's list. */
  readonly entry: PyNode;
  /** The imported name's identifier inside `entry`. */
  readonly nameNode: PyNode;
  readonly aliased: boolean;
  /** The function whose scope the import binds in, or the module. */
  readonly owner: PyNode;
}

export interface ModuleRef {
  readonly module: string;
  readonly absolute: string | undefined;
}

export interface ModuleImports {
  /**
   * The `from m import …` binding `local` has at `at`: the nearest enclosing
   * function's own import, else the module's; of several, the last one
   * before `at` (the one in force when a module-level line runs), or the
   * last one of all for code in a function, which runs after the module.
   */
  fromImport(local: string, at: PyNode): ImportBinding | undefined;
  /** Every `from m import …` binding. */
  readonly bindings: readonly ImportBinding[];
  /** The module an expression stands for: `factory`, `ws.factory`, `asyncio`. */
  moduleOfExpression(expression: PyNode, at: PyNode): ModuleRef | undefined;
  /** Whether the file has `from m import *` (any name may come from there). */
  readonly hasWildcard: boolean;
}

export function moduleMatches(ref: ModuleRef | undefined, module: string): boolean {
  return ref !== undefined && (ref.module === module || ref.absolute === module);
}

export function collectImports(root: PyNode, packageName: string | undefined): ModuleImports {
  const bindings: ImportBinding[] = [];
  /** Local names bound to modules: `import a.b as x` → x; `import a.b` → a (the chain is written out at the call). */
  const moduleAliases = new Map<string, ModuleRef>();
  const plainImported = new Set<string>();
  let hasWildcard = false;
  for (const statement of root.descendantsOfType(["import_statement", "import_from_statement"])) {
    if (!statement) continue;
    if (statement.type === "import_statement") {
      for (const entry of statement.childrenForFieldName("name")) {
        if (!entry) continue;
        if (entry.type === "aliased_import") {
          const name = entry.childForFieldName("name")?.text;
          const alias = entry.childForFieldName("alias")?.text;
          if (name && alias) moduleAliases.set(alias, { module: name, absolute: name });
        } else {
          plainImported.add(entry.text.split(".")[0]!);
          moduleAliases.set(entry.text, { module: entry.text, absolute: entry.text });
        }
      }
      continue;
    }
    const moduleNode = statement.childForFieldName("module_name");
    if (!moduleNode) continue;
    const module = moduleNode.text.replace(/\s+/g, "");
    const absolute = resolveRelative(module, packageName);
    if (statement.namedChildren.some((c) => c?.type === "wildcard_import")) hasWildcard = true;
    for (const entry of statement.childrenForFieldName("name")) {
      if (!entry) continue;
      const nameNode = entry.type === "aliased_import" ? entry.childForFieldName("name") : entry;
      const aliasNode = entry.type === "aliased_import" ? entry.childForFieldName("alias") : null;
      if (!nameNode) continue;
      const imported = nameNode.text;
      const local = aliasNode?.text ?? imported;
      bindings.push({ local, imported, module, absolute, statement, entry, nameNode, aliased: aliasNode !== null, owner: scopeOwner(statement) });
      // `from app.ws import factory`: factory may be a module.
      moduleAliases.set(local, { module: join(module, imported), absolute: absolute === undefined ? undefined : join(absolute, imported) });
    }
  }
  const byLocal = new Map<string, ImportBinding[]>();
  for (const binding of bindings) byLocal.set(binding.local, [...(byLocal.get(binding.local) ?? []), binding]);
  return {
    bindings,
    hasWildcard,
    fromImport(local, at) {
      const candidates = byLocal.get(local);
      if (!candidates) return undefined;
      const nearest = scopeOwner(at);
      for (let owner = nearest; ; owner = scopeOwner(owner)) {
        const own = candidates.filter((b) => b.owner.id === owner.id);
        if (own.length > 0) {
          if (owner.id !== nearest.id) return own.at(-1);
          return own.filter((b) => b.statement.startIndex < at.startIndex).at(-1) ?? own.at(-1);
        }
        if (owner.type === "module") return undefined;
      }
    },
    moduleOfExpression(expression) {
      const text = expression.text;
      if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(text)) return undefined;
      const direct = moduleAliases.get(text);
      if (direct) return direct;
      // `a.b.c` with `import a.b.c` (or `import a`): the chain names the module.
      const head = text.split(".")[0]!;
      if (plainImported.has(head)) return { module: text, absolute: text };
      // `factory.sub` with `from app.ws import factory`.
      const dot = text.indexOf(".");
      const base = dot === -1 ? undefined : moduleAliases.get(head);
      return base ? { module: base.module + text.slice(dot), absolute: base.absolute === undefined ? undefined : base.absolute + text.slice(dot) } : undefined;
    },
  };
}

/** The function (or lambda) whose local scope `node` is in, or the module. */
export function scopeOwner(node: PyNode): PyNode {
  for (let current: PyNode | null = parentOf(node); current; current = parentOf(current)) {
    if (current.type === "function_definition" || current.type === "lambda" || current.type === "module") return current;
  }
  return node;
}

function join(module: string, name: string): string {
  return module.endsWith(".") ? module + name : `${module}.${name}`;
}

/** `..ws.factory` in package `app.handlers` → `app.ws.factory`. Absolute names are returned as they are. */
function resolveRelative(module: string, packageName: string | undefined): string | undefined {
  const dots = /^\.*/.exec(module)![0].length;
  if (dots === 0) return module;
  if (packageName === undefined) return undefined;
  const parts = packageName === "" ? [] : packageName.split(".");
  if (dots - 1 > parts.length) return undefined;
  const base = parts.slice(0, parts.length - (dots - 1));
  const rest = module.slice(dots);
  return [...base, ...(rest ? [rest] : [])].join(".") || undefined;
}
