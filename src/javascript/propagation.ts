/**
 * Propagation's JavaScript side of the engine (engine.ts): from the analysed
 * sites to findings with their chains, the functions made async (Promotion
 * records the runner turns into targets), the fixes that make them async, and
 * the references to a function made async elsewhere that are passed as
 * callbacks here.
 */
import * as path from "node:path";
import type { FileWarning } from "../decision/ignores";
import type { Finding, Promotion } from "../decision/findings";
import { callbackReferenceFinding } from "../decision/propagation";
import type { HierarchyMemberMadeAsync, ResolvedConfig } from "../config/schema";
import { orderEdits, type TextEdit } from "../text/edits";
import type { Site } from "./facts/analyze";
import { asNode, nodeOf, unwrap, type AnyNode } from "./facts/ast";
import { callbackReferences } from "./facts/callback-references";
import { awaitEdits } from "./edits/await";
import { makeAsyncEdits, overloadsBefore, overloadSignatures, promiseReturnTypeEdits } from "./edits/make-async";

/** The file's ignore comments, as far as this step claims lines of them. */
interface Ignores {
  claim(line: number): string | undefined;
  unused(): readonly FileWarning[];
}

/** A site's finding; with propagation, the chain from the configured target and, where it stopped, why. */
export function toFinding(site: Site, file: string): Finding {
  const end = site.promotes?.name ?? site.stoppedAt;
  const chain = end === undefined ? undefined : [...chainOf(site), end];
  // A chain longer than "target → this function" says why the callee became a target at all.
  const reason = chain && chain.length > 2 ? `${site.reason} (chain: ${chain.join(" → ")})` : site.reason;
  return {
    file, line: site.line, column: site.column, target: targetName(site), action: site.action, reason,
    ...(site.ignored ? { ignored: true as const } : {}),
    ...(chain ? { chain } : {}),
    ...(site.stopReason !== undefined ? { stop: site.stopReason } : {}),
  };
}

/** Fixes by finding index: each await alone, except in a function made async, which is one fix with its `async` and awaits (they need each other). */
export function awaitAndPromotionFixes(sites: readonly Site[], source: string): { findings: number[]; edits: TextEdit[] }[] {
  const fixes: { findings: number[]; edits: TextEdit[] }[] = [];
  const promoted = new Map<unknown, { findings: number[]; edits: TextEdit[] }>();
  for (const site of sites) {
    if (site.promotes && !promoted.has(site.promotes.path.node)) {
      const overloads = overloadSignatures(site.promotes.path).flatMap((signature) => promiseReturnTypeEdits(signature, source));
      promoted.set(site.promotes.path.node, { findings: [], edits: [...makeAsyncEdits(nodeOf(site.promotes.path), source), ...overloads] });
    }
  }
  sites.forEach((site, index) => {
    const fn = site.promotes?.path.node ?? (site.scope.kind !== "forbidden" ? site.scope.function?.node : undefined);
    const inPromoted = fn === undefined ? undefined : promoted.get(fn);
    const awaited = site.action === "await" || (site.action === "make-async" && site.awaitCall === true);
    if (inPromoted && (awaited || site.action === "make-async")) {
      inPromoted.findings.push(index);
      if (awaited) inPromoted.edits.push(...awaitEdits(site.call, source));
    } else if (site.action === "await") {
      fixes.push({ findings: [index], edits: orderEdits(awaitEdits(site.call, source)) });
    }
  });
  for (const fix of promoted.values()) fixes.push({ findings: fix.findings, edits: orderEdits(fix.edits) });
  return fixes;
}

/** The functions made async in this file, each once, with every call that made it so. */
export function promotionsOf(sites: readonly Site[], file: string): Promotion[] {
  const byFunction = new Map<unknown, { promotion: Promotion; calls: Promotion["calls"][number][] }>();
  for (const site of sites) {
    const fn = site.promotes;
    if (!fn) continue;
    const propagated = site.target.propagated;
    const call = {
      target: targetName(site),
      ...(propagated ? { targetFile: propagated.file } : {}),
      ...(propagated?.at !== undefined ? { targetAt: propagated.at } : {}),
      line: site.line,
      column: site.column,
    };
    const known = byFunction.get(fn.path.node);
    if (known) {
      known.calls.push(call);
      continue;
    }
    const calls = [call];
    byFunction.set(fn.path.node, {
      calls,
      promotion: {
        file, name: fn.name, kind: fn.kind, nameStart: fn.nameStart, declaredAt: fn.declaredAt, line: fn.line, column: fn.column, chain: [...chainOf(site), fn.name], calls,
        ...(fn.defaultExport ? { defaultExport: true as const } : {}),
      },
    });
  }
  return [...byFunction.values()].map((entry) => entry.promotion);
}

/** A function another file made async (propagation), passed here as a callback: manual, at the reference (facts/callback-references.ts). */
export function callbackFindings(ast: AnyNode, input: { readonly file: string; readonly config: ResolvedConfig; readonly ignores: Ignores }): Finding[] {
  const file = path.resolve(input.file);
  return callbackReferences(ast, input.config.targets, { file, fromDir: path.dirname(file) })
    .map((reference) => callbackReferenceFinding(reference, input.file, input.ignores.claim(reference.line)));
}

/** A function made async is reported by its own name, also where a default import (target `default`) matched it. */
function targetName(site: Site): string {
  return site.target.propagated?.chain[site.target.propagated.chain.length - 1] ?? site.target.name;
}

function chainOf(site: Site): readonly string[] {
  return site.target.propagated?.chain ?? [site.target.name];
}

const MEMBER_TYPES: ReadonlySet<string> = new Set(["ClassMethod", "ClassPrivateMethod", "TSDeclareMethod", "TSMethodSignature", "ObjectMethod", "ClassProperty", "ObjectProperty"]);

/**
 * Members of a class hierarchy made async with a method propagation made
 * async in another round or file (config.alsoAsync, typed engine): a method
 * becomes async, an interface or abstract method gets `Promise<…>` as its
 * return type. Each is a `make-async` finding and fix, and a function made
 * async whose callers the run follows. `promoted`: functions this file's
 * own calls make async already.
 */
export function hierarchyMembersMadeAsync(ast: AnyNode, source: string, input: { readonly file: string; readonly entries: readonly HierarchyMemberMadeAsync[]; readonly promoted: ReadonlySet<unknown> }): { findings: Finding[]; fixes: TextEdit[][]; promotions: Promotion[] } {
  const findings: Finding[] = [];
  const fixes: TextEdit[][] = [];
  const promotions: Promotion[] = [];
  for (const entry of input.entries) {
    const found = memberAt(ast, entry.at);
    if (!found) continue;
    const { member, siblings } = found;
    const fn = member.type === "ClassProperty" || member.type === "ObjectProperty" ? unwrapFunction(asNode(member["value"])) : member;
    if (!fn || input.promoted.has(fn)) continue;
    const overloads = member === fn && siblings ? overloadsBefore(fn, siblings, siblings.indexOf(fn)).flatMap((signature) => promiseReturnTypeEdits(signature, source)) : [];
    const edits = entry.kind === "method" ? (fn["async"] === true ? [] : [...makeAsyncEdits(fn, source), ...overloads]) : promiseReturnTypeEdits(fn, source);
    if (edits.length === 0) continue;
    const start = member.loc?.start ?? { line: 0, column: 0 };
    const chain = [...entry.chain, entry.label];
    findings.push({
      file: input.file, line: start.line, column: start.column + 1, target: entry.chain[entry.chain.length - 1] ?? entry.label, action: "make-async",
      reason: `${entry.label} ${entry.kind === "method" ? "is made async" : "returns a Promise"} with the method this run made async, whose hierarchy it shares (${entry.hierarchy.join(", ")}) (chain: ${chain.join(" → ")})`,
      chain,
    });
    fixes.push(orderEdits(edits));
    const name = entry.label.slice(entry.label.lastIndexOf(".") + 1);
    promotions.push({ file: path.resolve(input.file), name, label: entry.label, kind: "method", nameStart: -1, declaredAt: entry.at, line: start.line, column: start.column + 1, chain,
      // Drawn as an edge to the method that brought it along (report/graph.ts).
      calls: [{ target: entry.chain[entry.chain.length - 1] ?? name, targetFile: entry.byFile, targetAt: entry.byAt, line: start.line, column: start.column + 1 }] });
  }
  return { findings, fixes, promotions };
}

/** The class, interface or object member whose key starts at `at`, and the members it is listed with. */
function memberAt(ast: AnyNode, at: number): { member: AnyNode; siblings: readonly AnyNode[] | undefined } | undefined {
  let found: { member: AnyNode; siblings: readonly AnyNode[] | undefined } | undefined;
  const visit = (node: AnyNode, siblings: readonly AnyNode[] | undefined): void => {
    if (found || (node.start ?? 0) > at || (node.end ?? Infinity) < at) return;
    if (MEMBER_TYPES.has(node.type) && asNode(node["key"])?.start === at) {
      found = { member: node, siblings };
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === "loc" || key === "leadingComments" || key === "trailingComments") continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach((item) => asNode(item) && visit(item as AnyNode, value as AnyNode[]));
      else if (asNode(value)) visit(value as AnyNode, undefined);
    }
  };
  visit(ast, undefined);
  return found;
}

function unwrapFunction(value: AnyNode | undefined): AnyNode | undefined {
  const bare = value ? unwrap(value) : undefined;
  return bare && (bare.type === "ArrowFunctionExpression" || bare.type === "FunctionExpression") ? bare : undefined;
}
