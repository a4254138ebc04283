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
import type { Site } from "../facts/analyze";
import { isModuleBinding } from "../facts/analyze";
import { asNode, calleeOf, nodeOf, unwrap, type AnyNode, type AnyPath } from "../facts/ast";
import { bindingOrigin, resolveBinding } from "../facts/bindings";
import { walk } from "../facts/walk";
import { insertion, replacement, type TextEdit } from "../../text/edits";

interface ImportChange {
  readonly binding: AnyPath;
  readonly sync: string;
  /** A call site, to see which names are visible where the import is used. */
  readonly site: AnyPath;
}

export interface SyncVariantContext {
  /** Babel's File node. */
  readonly ast: AnyNode;
  readonly source: string;
  readonly lineTerminator: string;
}

/**
 * The edits of some switches, applicable on their own: a switch of a name
 * imported from a module shares that module's import edits with every other
 * switch of a name from it, so they form one group; any other switch is a
 * group of one. Applying the groups one at a time (and analysing again in
 * between) gives the same text as applying them all at once.
 */
export interface SyncVariantGroup {
  readonly sites: readonly Site[];
  readonly edits: readonly TextEdit[];
}

export function syncVariantGroups(context: SyncVariantContext, sites: readonly Site[]): SyncVariantGroup[] {
  const groups: { sites: Site[]; edits: TextEdit[] }[] = [];
  const byModule = new Map<string, { sites: Site[]; edits: TextEdit[]; imports: Map<AnyNode, ImportChange> }>();
  const renamed = new Set<AnyNode>();
  for (const site of sites) {
    const sync = site.target.sync;
    if (sync === undefined) continue;
    const callNode = nodeOf(site.call);
    const callee = unwrap(calleeOf(callNode) ?? callNode);
    if (site.callee.kind === "member") {
      const property = asNode(callee["property"]);
      if (!property) continue;
      const quote = property.type === "Identifier" ? "" : context.source[property.start!] ?? "\"";
      groups.push({ sites: [site], edits: [replacement(property.start!, property.end!, `${quote}${sync}${quote}`)] });
      continue;
    }
    const rename = replacement(callee.start!, callee.end!, sync);
    renamed.add(callee);
    const binding = site.callee.binding;
    const origin = binding ? bindingOrigin(binding) : undefined;
    if (!binding || !origin || !isModuleBinding(origin)) {
      groups.push({ sites: [site], edits: [rename] });
      continue;
    }
    let group = byModule.get(origin.module);
    if (!group) {
      group = { sites: [], edits: [], imports: new Map() };
      byModule.set(origin.module, group);
      groups.push(group);
    }
    group.sites.push(site);
    group.edits.push(rename);
    if (!group.imports.has(nodeOf(binding))) group.imports.set(nodeOf(binding), { binding, sync, site: site.call });
  }
  // Whether an import is still used depends on every renamed callee, so import edits come after all renames.
  for (const group of byModule.values()) group.edits.push(...importEdits(context, [...group.imports.values()], renamed));
  return groups.map(({ sites: groupSites, edits }) => ({ sites: groupSites, edits }));
}

/** What happens to one import specifier (or `require` pattern property). */
type EntryPlan = "replace" | "insert-after" | "remove";

interface ListPlan {
  /** The named specifiers, or the pattern's properties, in source order. */
  readonly entries: readonly AnyNode[];
  readonly owner: AnyNode;
  readonly plans: Map<AnyNode, { plan: EntryPlan; sync: string }>;
}

function importEdits(context: SyncVariantContext, changes: readonly ImportChange[], renamed: ReadonlySet<AnyNode>): TextEdit[] {
  const edits: TextEdit[] = [];
  const lists = new Map<AnyNode, ListPlan>();
  // Two bindings of one export (`import { h }` and `import { h as h2 }`) need the sync name once.
  const provided = new Set<string>();
  for (const change of changes) {
    const origin = bindingOrigin(change.binding);
    if (!isModuleBinding(origin)) continue;
    const key = `${origin.module}\0${change.sync}`;
    const holderPath = origin.kind === "require-destructured" ? origin.property : origin.specifier;
    const holder = nodeOf(holderPath);
    const alreadyImported = resolveBinding(change.site, change.sync) !== undefined || provided.has(key);
    provided.add(key);
    const stillUsed = isStillUsed(context, nodeOf(change.binding)["name"] as string, nodeOf(change.binding), renamed);

    if (origin.kind === "import-default") {
      edits.push(...defaultImportEdits(context, holderPath, change.sync, { alreadyImported, stillUsed }));
      continue;
    }
    const plan: EntryPlan | undefined = !alreadyImported ? (stillUsed ? "insert-after" : "replace") : stillUsed ? undefined : "remove";
    if (!plan) continue;
    const owner = nodeOf(holderPath.parent as AnyPath);
    const list = lists.get(owner) ?? { entries: namedEntries(owner), owner, plans: new Map() };
    list.plans.set(holder, { plan, sync: change.sync });
    lists.set(owner, list);
  }
  for (const list of lists.values()) edits.push(...listEdits(context, list));
  return edits;
}

function namedEntries(owner: AnyNode): AnyNode[] {
  if (owner.type === "ImportDeclaration") return (owner["specifiers"] as AnyNode[]).filter((s) => s.type === "ImportSpecifier");
  return owner["properties"] as AnyNode[];
}

/** `import load from "m"` has no named list to join: the sync name gets braces or its own import. */
function defaultImportEdits(context: SyncVariantContext, holderPath: AnyPath, sync: string, state: { alreadyImported: boolean; stillUsed: boolean }): TextEdit[] {
  if (state.alreadyImported) return [];
  const holder = nodeOf(holderPath);
  const declaration = nodeOf(holderPath.parent as AnyPath);
  if (!state.stillUsed && (declaration["specifiers"] as AnyNode[]).length === 1) return [replacement(holder.start!, holder.end!, `{ ${sync} }`)];
  const source = asNode(declaration["source"])!;
  return [insertion(declaration.end!, `${context.lineTerminator}import { ${sync} } from ${context.source.slice(source.start!, source.end!)};`)];
}

function listEdits(context: SyncVariantContext, list: ListPlan): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const [entry, { plan, sync }] of list.plans) {
    if (plan === "replace") edits.push(replacement(entry.start!, entry.end!, sync));
    if (plan === "insert-after") edits.push(insertion(entry.end!, `${separatorAfter(context, list.entries, entry)}${sync}`));
  }
  const removed = list.entries.map((entry) => list.plans.get(entry)?.plan === "remove");
  for (let i = 0; i < list.entries.length; i++) {
    if (!removed[i]) continue;
    let k = i;
    while (k + 1 < list.entries.length && removed[k + 1]) k++;
    edits.push(...removeRun(context, list, i, k));
    i = k;
  }
  return edits;
}

/**
 * Removes entries i..k (a run) with their commas. Before a kept entry the run
 * takes its trailing comma; at the end of the list, the comma before it. A
 * comment after a removed entry stays.
 */
function removeRun(context: SyncVariantContext, list: ListPlan, i: number, k: number): TextEdit[] {
  const { entries, owner } = list;
  const first = entries[i]!;
  const last = entries[k]!;
  const next = entries[k + 1];
  const previous = i > 0 ? entries[i - 1] : undefined;
  if (next) {
    const between = context.source.slice(last.end!, next.start!);
    if (/\/[/*]/.test(between)) {
      const comma = context.source.indexOf(",", last.end!);
      let end = comma + 1;
      while (context.source[end] === " " || context.source[end] === "\t") end++;
      return [removal(first.start!, end)];
    }
    return [removal(first.start!, next.start!)];
  }
  if (previous) return [removal(previous.end!, last.end!)];
  if (owner.type !== "ImportDeclaration") return []; // Keep a `require` pattern whole rather than leave `{}`.
  const defaultSpecifier = (owner["specifiers"] as AnyNode[]).find((s) => s.type === "ImportDefaultSpecifier");
  if (defaultSpecifier) {
    // `import def, { h } from "m"` → `import def from "m"`.
    const close = context.source.indexOf("}", last.end!);
    return [removal(defaultSpecifier.end!, close + 1)];
  }
  let end = owner.end!;
  if (context.source.startsWith(context.lineTerminator, end)) end += context.lineTerminator.length;
  return [removal(owner.start!, end)];
}

/** Removals sort after insertions at the same offset, so an insertion is never swallowed. */
function removal(start: number, end: number): TextEdit {
  return { start, end, text: "", rank: 1 };
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

/**
 * Conservative: any identifier spelled like the binding counts as a use,
 * except property names and the renamed callees. Keeping an unused import is
 * harmless; dropping a used one breaks the code.
 */
function isStillUsed(context: SyncVariantContext, name: string, declaration: AnyNode, renamed: ReadonlySet<AnyNode>): boolean {
  let used = false;
  // Types included: `typeof loadAsync` in a type still needs the import.
  walk(context.ast, { skipTypes: false }, (node, keys, ancestors) => {
    if (used || node.type !== "Identifier" || node["name"] !== name || node === declaration || renamed.has(node)) return;
    const parent = ancestors[ancestors.length - 1];
    const key = keys[keys.length - 1];
    if (!parent) return;
    if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && key === "property" && !parent["computed"]) return;
    // A shorthand `{ a }` has a separate value node that is visited on its own.
    if ((parent.type === "ObjectProperty" || parent.type === "Property") && key === "key" && !parent["computed"]) return;
    if (parent.type === "ImportSpecifier" && key === "imported") return;
    used = true;
  });
  return used;
}
