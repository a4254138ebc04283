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
import { insertion, replacement, type TextEdit } from "../rewrite/text-edits";
import { isField, isLocallyBound, type PySite } from "./analyze";
import type { ImportBinding, ModuleImports } from "./imports";
import type { PyNode } from "./parser";

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
export function pythonSyncBlocker(site: PySite, root: PyNode, imports: ModuleImports): string | undefined {
  const sync = site.target.sync!;
  if (site.callee.kind === "member") return undefined;
  if (isLocallyBound(site.call, sync)) return `${sync} is a local name in ${site.scope.where}; rename it, or switch the call by hand`;
  const binding = site.callee.binding;
  const existing = imports.fromImport(sync);
  const topLevel = topLevelNames(root);
  if (binding) {
    if (existing && (existing.module !== binding.module || existing.imported !== sync)) {
      return `${sync} already means ${existing.module}.${existing.imported} here; switch the call by hand`;
    }
    if (!existing && topLevel.has(sync)) return `${sync} is already defined in this file; switch the call by hand`;
    return undefined;
  }
  // Not imported: defined in this file (or by a wildcard import); the sync variant must be too.
  if (existing || topLevel.has(sync) || imports.hasWildcard) return undefined;
  return `${sync} is not defined or imported in this file; import it, or switch the call by hand`;
}

/** Names bound at module level by def, class or assignment (not imports). */
function topLevelNames(root: PyNode): Set<string> {
  const names = new Set<string>();
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    const definition = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    if (definition?.type === "function_definition" || definition?.type === "class_definition") {
      const name = definition.childForFieldName("name");
      if (name) names.add(name.text);
    }
    if (statement.type === "expression_statement") {
      const assignment = statement.namedChildren[0];
      const left = assignment?.type === "assignment" ? assignment.childForFieldName("left") : null;
      if (left?.type === "identifier") names.add(left.text);
    }
  }
  return names;
}

export function pythonSyncEdits(sites: readonly PySite[], root: PyNode, source: string, imports: ModuleImports): TextEdit[] {
  const edits: TextEdit[] = [];
  const byBinding = new Map<ImportBinding, PySite[]>();
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
    byBinding.set(binding, [...(byBinding.get(binding) ?? []), site]);
  }
  const removals: ImportBinding[] = [];
  for (const [binding, switched] of byBinding) {
    const sync = switched[0]!.target.sync!;
    const switchedIds = new Set(switched.map((site) => (site.callee.kind === "identifier" ? site.callee.name.id : -1)));
    const stillUsed = references(root, binding.local).some((ref) => !switchedIds.has(ref.id));
    const alreadyImported = imports.bindings.some((b) => b.module === binding.module && b.imported === sync && b.local === sync);
    if (binding.aliased && !stillUsed && !alreadyImported) {
      // Every use switched: keep the alias, import the sync variant under it; the calls stay as they are.
      edits.push(replacement(binding.nameNode.startIndex, binding.nameNode.endIndex, sync));
      continue;
    }
    for (const site of switched) {
      if (site.callee.kind === "identifier") edits.push(replacement(site.callee.name.startIndex, site.callee.name.endIndex, sync));
    }
    if (alreadyImported) {
      if (!stillUsed) removals.push(binding);
    } else if (stillUsed) {
      edits.push(insertion(binding.entry.endIndex, `, ${sync}`));
    } else {
      edits.push(replacement(binding.nameNode.startIndex, binding.nameNode.endIndex, sync));
    }
  }
  edits.push(...removalEdits(removals, source));
  return edits;
}

/** Identifiers that read `name` anywhere in the file, other than the import entries that bind it. */
function references(root: PyNode, name: string): PyNode[] {
  return root.descendantsOfType("identifier").filter((node): node is PyNode => {
    if (!node || node.text !== name) return false;
    const parent = node.parent;
    if (!parent) return true;
    if (parent.type === "dotted_name" || parent.type === "aliased_import") return false;
    if (parent.type === "attribute" && isField(parent, "attribute", node)) return false;
    if (parent.type === "keyword_argument" && isField(parent, "name", node)) return false;
    return true;
  });
}

/** Drops import entries nothing uses any more; a statement left empty goes with its line. */
function removalEdits(removals: readonly ImportBinding[], source: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const byStatement = new Map<number, { statement: PyNode; entries: Set<number> }>();
  for (const binding of removals) {
    const group = byStatement.get(binding.statement.id) ?? { statement: binding.statement, entries: new Set<number>() };
    group.entries.add(binding.entry.id);
    byStatement.set(binding.statement.id, group);
  }
  for (const { statement, entries } of byStatement.values()) {
    const list = statement.childrenForFieldName("name").filter((entry): entry is PyNode => entry !== null);
    const kept = list.filter((entry) => !entries.has(entry.id));
    if (kept.length === 0) {
      edits.push(statementRemoval(statement, source));
      continue;
    }
    // An entry goes with the separator after it; entries after the last kept one go with the separator before them.
    let lastKept = list.length - 1;
    while (entries.has(list[lastKept]!.id)) lastKept--;
    for (let i = 0; i < lastKept; i++) {
      if (entries.has(list[i]!.id)) edits.push(replacement(list[i]!.startIndex, list[i + 1]!.startIndex, ""));
    }
    if (lastKept < list.length - 1) edits.push(replacement(list[lastKept]!.endIndex, list[list.length - 1]!.endIndex, ""));
  }
  return edits;
}

/** The statement and, when it has its own line, the line with it. */
function statementRemoval(statement: PyNode, source: string): TextEdit {
  const lineStart = source.lastIndexOf("\n", statement.startIndex - 1) + 1;
  let lineEnd = source.indexOf("\n", statement.endIndex);
  if (lineEnd === -1) lineEnd = source.length;
  const before = source.slice(lineStart, statement.startIndex);
  const after = source.slice(statement.endIndex, lineEnd).replace(/\r$/, "");
  if (before.trim() === "" && after.trim() === "") return replacement(lineStart, Math.min(lineEnd + 1, source.length), "");
  return replacement(statement.startIndex, statement.endIndex, "pass");
}
