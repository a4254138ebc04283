/**
 * `fAsync()` → `f()` in sync scopes, as text edits. A member call renames its
 * property; an identifier callee is renamed, and when it was imported (or
 * destructured from `require`) the sync name is imported from the same
 * module and the async name dropped once nothing else uses it:
 *
 *   import { loadAsync } from "./cfg"            →  import { load } from "./cfg"
 *   import { loadAsync } from "./cfg" (still used) →  import { loadAsync, load } from "./cfg"
 *   import { load, loadAsync } from "./cfg"      →  import { load } from "./cfg"
 *   const { loadAsync } = require("./cfg")       →  const { load } = require("./cfg")
 */
import type { JSCodeshift } from "jscodeshift";
import type { Site } from "../analysis/analyze";
import { isModuleBinding } from "../analysis/analyze";
import { asNode, nodeOf, unwrap, type AnyNode, type AnyPath } from "../analysis/ast";
import { bindingOrigin, resolveBinding } from "../analysis/bindings";
import { insertion, replacement, type TextEdit } from "./text-edits";

interface ImportChange {
  readonly binding: AnyPath;
  readonly sync: string;
  /** A call site, to see which names are visible where the import is used. */
  readonly site: AnyPath;
}

export interface SyncVariantContext {
  readonly j: JSCodeshift;
  readonly root: AnyPath;
  readonly source: string;
  readonly lineTerminator: string;
}

export function syncVariantEdits(context: SyncVariantContext, sites: readonly Site[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const imports = new Map<AnyNode, ImportChange>();
  const renamed = new Set<AnyNode>();
  for (const site of sites) {
    const sync = site.target.sync;
    if (sync === undefined) continue;
    const callNode = nodeOf(site.call);
    const callee = unwrap(asNode(callNode["callee"]) ?? callNode);
    if (site.callee.kind === "member") {
      const property = asNode(callee["property"]);
      if (!property) continue;
      const quote = property.type === "Identifier" ? "" : context.source[property.start!] ?? "\"";
      edits.push(replacement(property.start!, property.end!, `${quote}${sync}${quote}`));
      continue;
    }
    edits.push(replacement(callee.start!, callee.end!, sync));
    renamed.add(callee);
    const binding = site.callee.binding;
    if (binding && isModuleBinding(bindingOrigin(binding)) && !imports.has(nodeOf(binding))) {
      imports.set(nodeOf(binding), { binding, sync, site: site.call });
    }
  }
  for (const change of imports.values()) edits.push(...importEdits(context, change, renamed));
  return edits;
}

function importEdits(context: SyncVariantContext, change: ImportChange, renamed: ReadonlySet<AnyNode>): TextEdit[] {
  const origin = bindingOrigin(change.binding);
  if (!isModuleBinding(origin)) return [];
  const holderPath = origin.kind === "require-destructured" ? origin.property : origin.specifier;
  const holder = nodeOf(holderPath);
  const list = (holderPath as AnyPath & { parentPath: AnyPath }).parentPath.value as AnyNode[];
  const existing = resolveBinding(change.site, change.sync);
  const alreadyImported = existing !== undefined;
  const local = nodeOf(change.binding)["name"] as string;
  const stillUsed = isStillUsed(context, local, nodeOf(change.binding), renamed);

  if (origin.kind === "import-default") {
    // `import load from "m"` has no named list to join: the sync name gets its own import.
    if (alreadyImported) return [];
    if (!stillUsed && list.length === 1) return [replacement(holder.start!, holder.end!, `{ ${change.sync} }`)];
    const declaration = nodeOf(holderPath.parent as AnyPath);
    const specifier = context.source.slice(asNode(declaration["source"])!.start!, asNode(declaration["source"])!.end!);
    return [insertion(declaration.end!, `${context.lineTerminator}import { ${change.sync} } from ${specifier};`)];
  }
  if (!alreadyImported && !stillUsed) return [replacement(holder.start!, holder.end!, change.sync)];
  if (!alreadyImported) return [insertion(holder.end!, `${separatorAfter(context, list, holder)}${change.sync}`)];
  if (!stillUsed) return removal(context, list, holder, holderPath);
  return [];
}

/** `, ` on one line; a line break and the same indentation in a list written one per line. */
function separatorAfter(context: SyncVariantContext, list: readonly AnyNode[], holder: AnyNode): string {
  const index = list.indexOf(holder);
  const neighbour = index > 0 ? list[index - 1] : list[index + 1];
  if (!neighbour) return ", ";
  const between = index > 0
    ? context.source.slice(neighbour.end!, holder.start!)
    : context.source.slice(holder.end!, neighbour.start!);
  if (!between.includes("\n")) return ", ";
  const lineStart = context.source.lastIndexOf("\n", holder.start! - 1) + 1;
  const indent = /^[ \t]*/.exec(context.source.slice(lineStart))?.[0] ?? "";
  return `,${context.lineTerminator}${indent}`;
}

/** Removes a specifier or pattern property with its comma; a lone import specifier takes its declaration along. */
function removal(context: SyncVariantContext, list: readonly AnyNode[], holder: AnyNode, holderPath: AnyPath): TextEdit[] {
  const index = list.indexOf(holder);
  const next = list[index + 1];
  const previous = index > 0 ? list[index - 1] : undefined;
  if (next) return [replacement(holder.start!, next.start!, "")];
  if (previous) return [replacement(previous.end!, holder.end!, "")];
  const declaration = nodeOf(holderPath.parent as AnyPath);
  if (declaration.type !== "ImportDeclaration") return [];
  let end = declaration.end!;
  if (context.source.startsWith(context.lineTerminator, end)) end += context.lineTerminator.length;
  return [replacement(declaration.start!, end, "")];
}

/**
 * Conservative: any identifier spelled like the binding counts as a use,
 * except property names and the renamed callees. Keeping an unused import is
 * harmless; dropping a used one breaks the code.
 */
function isStillUsed(context: SyncVariantContext, name: string, declaration: AnyNode, renamed: ReadonlySet<AnyNode>): boolean {
  const { j } = context;
  let used = false;
  j(context.root as never).find(j.Identifier, { name }).forEach((path) => {
    const node = path.node as unknown as AnyNode;
    if (used || node === declaration || renamed.has(node)) return;
    const parent = nodeOf(path.parent as AnyPath);
    const key = path.name;
    if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && key === "property" && !parent["computed"]) return;
    // A shorthand `{ a }` has a separate value node that is visited on its own.
    if ((parent.type === "ObjectProperty" || parent.type === "Property") && key === "key" && !parent["computed"]) return;
    if (parent.type === "ImportSpecifier" && key === "imported") return;
    used = true;
  });
  return used;
}
