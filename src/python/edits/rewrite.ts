/**
 * Python edits, as text ranges (text-edits.ts): `await` before a call,
 * parenthesised where a primary follows; the sync variant's name for the
 * async one; and the `from m import …` lists that go with it:
 *
 *   from m import load_async            →  from m import load
 *   from m import load_async (still used) →  from m import load_async, load
 *   from m import load, load_async      →  from m import load
 *   from m import load_async as la      →  from m import load as la   (every use switched)
 */
import { insertion, replacement, type TextEdit } from "../../text/edits";
import type { PySite, SyncSite } from "../facts/analyze";
import { isField, isLocallyBound, moduleBindings } from "../facts/scopes";
import { scopeOwner, type ImportBinding, type ModuleImports } from "../facts/imports";
import type { PyNode } from "../parser";
import { parentOf } from "../parser";

export function pythonAwaitEdits(site: PySite): TextEdit[] {
  const { call, start } = site;
  // Two calls may open at one offset (`f(x).f(y)`): the outer call's await goes first.
  const rank = -call.endIndex;
  if (!site.needsParens) return [insertion(start.startIndex, "await ", rank)];
  return [insertion(start.startIndex, "(await ", rank), insertion(call.endIndex, ")", 0)];
}

/**
 * Why the sync variant cannot be written at this site, if it cannot: the
 * new name must mean the configured sync function where it is written.
 */
export function pythonSyncBlocker(site: SyncSite, root: PyNode, imports: ModuleImports, cache: Map<string, PyNode[]>): string | undefined {
  const sync = site.target.sync!;
  if (site.callee.kind === "member") return undefined;
  if (isLocallyBound(site.call, sync)) return `${sync} is a local name in ${site.scope.where}; rename it, or switch the call by hand`;
  const binding = site.callee.binding;
  const callee = site.callee.name.text;
  // `def f(save_async): save_async()`: the call is to a parameter or local, not to the module's function.
  if (isLocallyBound(site.call, callee, binding?.owner)) return `${callee} is a local name in ${site.scope.where}, not the configured function; switch the call by hand`;
  if (binding) {
    const twins = imports.bindings.filter((b) => b.owner.id === binding.owner.id && b.local === binding.local);
    if (twins.some((b) => !isUnconditional(b.statement))) {
      return `${callee} is imported inside an if, try or with block; switch the call and the imports by hand`;
    }
  }
  let bound = cache.get(sync);
  if (!bound) {
    bound = moduleBindings(root, sync);
    cache.set(sync, bound);
  }
  const others = bound.filter((node) => !isSyncImport(node, binding, sync));
  if (binding) {
    if (others.length > 0) return `${sync} already means something else in this file (line ${others[0]!.startPosition.row + 1}); switch the call by hand`;
    return undefined;
  }
  // Not imported: defined in this file (or by a wildcard import); the sync variant must be too.
  if (others.length > 0 || imports.hasWildcard) return undefined;
  return `${sync} is not defined or imported in this file; import it, or switch the call by hand`;
}

/** A statement directly in a module or function body: it runs whenever the scope does. */
function isUnconditional(statement: PyNode): boolean {
  const parent = parentOf(statement);
  return parent?.type === "module" || (parent?.type === "block" && parentOf(parent)?.type === "function_definition");
}

/** `from m import sync` (unaliased) in the module the async name comes from. */
function isSyncImport(node: PyNode, binding: ImportBinding | undefined, sync: string): boolean {
  if (!binding) return false;
  const entry = parentOf(node)?.type === "dotted_name" ? parentOf(node) : null;
  const statement = parentOf(entry);
  return statement?.type === "import_from_statement" && statement.childForFieldName("module_name")?.text.replace(/\s+/g, "") === binding.module && entry!.text === sync;
}

export function pythonSyncEdits(sites: readonly PySite[], root: PyNode, source: string, imports: ModuleImports): TextEdit[] {
  const edits: TextEdit[] = [];
  const byBinding = new Map<string, { binding: ImportBinding; sites: PySite[] }>();
  for (const site of sites) {
    const sync = site.target.sync!;
    if (site.callee.kind === "member") {
      edits.push(replacement(site.callee.property.startIndex, site.callee.property.endIndex, sync));
      continue;
    }
    const binding = site.callee.binding;
    if (!binding) {
      edits.push(replacement(site.callee.name.startIndex, site.callee.name.endIndex, sync));
      continue;
    }
    // One group per name and module in one scope: `from m import f` twice is one binding, written twice.
    const key = `${binding.owner.id}\0${binding.local}\0${binding.module}\0${binding.imported}`;
    const group = byBinding.get(key) ?? { binding, sites: [] };
    group.sites.push(site);
    byBinding.set(key, group);
  }
  const removals: ImportBinding[] = [];
  for (const { binding, sites: switched } of byBinding.values()) {
    const sync = switched[0]!.target.sync!;
    const twins = imports.bindings.filter((b) => b.owner.id === binding.owner.id && b.local === binding.local && b.module === binding.module && b.imported === binding.imported);
    const kept = twins.at(-1) ?? binding;
    const others = twins.filter((b) => b !== kept);
    const switchedIds = new Set(switched.map((site) => (site.callee.kind === "identifier" ? site.callee.name.id : -1)));
    const stillUsed = references(root, binding.local).some((ref) => !switchedIds.has(ref.id));
    // The sync name must be imported before any switched call that runs while the module loads.
    const firstSite = Math.min(...switched.filter((site) => site.scope.owner.type === "module" || scopeOwner(site.call).type === "module").map((site) => site.call.startIndex));
    const alreadyImported = imports.bindings.some((b) => b.module === binding.module && b.imported === sync && b.local === sync && b.owner.id === binding.owner.id && b.statement.endIndex <= firstSite);
    if (binding.aliased && !stillUsed && !alreadyImported) {
      // Every use switched: keep the alias, import the sync variant under it; the calls stay as they are.
      edits.push(replacement(kept.nameNode.startIndex, kept.nameNode.endIndex, sync));
      removals.push(...others);
      continue;
    }
    for (const site of switched) {
      if (site.callee.kind === "identifier") edits.push(replacement(site.callee.name.startIndex, site.callee.name.endIndex, sync));
    }
    if (stillUsed) {
      if (!alreadyImported) edits.push(insertion(kept.entry.endIndex, `, ${sync}`));
    } else if (alreadyImported) {
      removals.push(...twins);
    } else {
      edits.push(replacement(kept.nameNode.startIndex, kept.nameNode.endIndex, sync));
      removals.push(...others);
    }
  }
  edits.push(...removalEdits(removals, source));
  return edits;
}

/**
 * What reads `name` anywhere in the file, other than the import entries that
 * bind it; a string that is exactly the name counts too (`__all__ = ["f"]`
 * re-exports it).
 */
function references(root: PyNode, name: string): PyNode[] {
  return root.descendantsOfType(["identifier", "string_content"]).filter((node): node is PyNode => {
    if (!node || node.text !== name) return false;
    if (node.type === "string_content") return true;
    const parent = parentOf(node);
    if (!parent) return true;
    if (parent.type === "dotted_name" || parent.type === "aliased_import") return false;
    if (parent.type === "attribute" && isField(parent, "attribute", node)) return false;
    if (parent.type === "keyword_argument" && isField(parent, "name", node)) return false;
    return true;
  });
}

/** Drops import entries nothing uses any more; a statement left empty goes with its line. */
function removalEdits(removals: readonly ImportBinding[], source: string): TextEdit[] {
  const ranges: [number, number][] = [];
  const edits: TextEdit[] = [];
  const byStatement = new Map<number, { statement: PyNode; entries: Set<number> }>();
  for (const binding of removals) {
    const group = byStatement.get(binding.statement.id) ?? { statement: binding.statement, entries: new Set<number>() };
    group.entries.add(binding.entry.id);
    byStatement.set(binding.statement.id, group);
  }
  for (const { statement, entries } of byStatement.values()) {
    const list = statement.childrenForFieldName("name").filter((entry): entry is PyNode => entry !== null);
    if (list.every((entry) => entries.has(entry.id))) {
      edits.push(statementRemoval(statement, source));
      continue;
    }
    let lastKept = list.length - 1;
    while (entries.has(list[lastKept]!.id)) lastKept--;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i]!;
      if (!entries.has(entry.id)) continue;
      const line = ownLine(entry, source);
      // An entry on a line of its own (a parenthesised list) goes with its line, comment included.
      if (line) ranges.push(line);
      else if (i < lastKept) ranges.push([entry.startIndex, list[i + 1]!.startIndex]);
      else ranges.push([list[lastKept]!.endIndex, entry.endIndex]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < ranges.length; i++) {
    const [start] = ranges[i]!;
    let end = ranges[i]![1];
    while (i + 1 < ranges.length && ranges[i + 1]![0] <= end) end = Math.max(end, ranges[++i]![1]);
    edits.push(replacement(start, end, ""));
  }
  return edits;
}

/** The line range of `entry` (with its line break) when nothing but a comma and a comment share the line. */
function ownLine(entry: PyNode, source: string): [number, number] | undefined {
  const { start, end, lineEnd } = lineOf(entry, source);
  if (source.slice(start, entry.startIndex).trim() !== "") return undefined;
  // `from m import a, \` above: the line continues a statement without parentheses.
  if (/\\\r?\n?$/.test(source.slice(Math.max(0, start - 3), start))) return undefined;
  if (!/^\s*,?\s*(#.*)?$/.test(source.slice(entry.endIndex, lineEnd))) return undefined;
  return [start, end];
}

function lineOf(node: PyNode, source: string): { start: number; lineEnd: number; end: number } {
  // Columns count UTF-16 units, like offsets: the line starts `column` units back.
  const start = node.startIndex - node.startPosition.column;
  const match = /\r\n|\n|\r/g;
  match.lastIndex = node.endIndex;
  const found = match.exec(source);
  const lineEnd = found ? found.index : source.length;
  return { start, lineEnd, end: found ? found.index + found[0].length : source.length };
}

/**
 * Removes a whole import statement: with its line when it has one; with the
 * `;` that joins it to a neighbour; as `pass` when it is all its block holds.
 */
function statementRemoval(statement: PyNode, source: string): TextEdit {
  const { start, lineEnd, end } = lineOf(statement, source);
  const siblings = parentOf(statement)?.namedChildren.filter((c) => c !== null && c.type !== "comment") ?? [];
  if (parentOf(statement)?.type === "block" && siblings.length === 1) return replacement(statement.startIndex, statement.endIndex, "pass");
  const before = source.slice(start, statement.startIndex);
  const after = source.slice(statement.endIndex, lineEnd);
  if (before.trim() === "" && /^\s*(#.*)?$/.test(after)) return replacement(start, end, "");
  const following = /^[ \t]*;[ \t]*/.exec(after);
  if (following) return replacement(statement.startIndex, statement.endIndex + following[0].length, "");
  const preceding = /[ \t]*;[ \t]*$/.exec(before);
  if (preceding) return replacement(statement.startIndex - preceding[0].length, statement.endIndex, "");
  return replacement(statement.startIndex, statement.endIndex, "pass");
}
