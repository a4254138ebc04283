/**
 * Propagation's fixed point, in terms of plain data: a function made async
 * (a Promotion) becomes a target for the rest of the run, and the config is
 * the original one with those targets added. The engine iterates within a
 * file, the runner across files; both start each round from the original
 * source with all targets so far, so every round's edits come out as one
 * consistent output.
 */
import * as path from "node:path";
import type { Finding, Promotion } from "./findings";
import type { HierarchyMemberMadeAsync, ResolvedConfig, Target } from "../config/schema";
import { SHORT_NAME_LENGTH, WELL_KNOWN_NAMES } from "../text/common-names";

const WELL_KNOWN: ReadonlySet<string> = new Set(WELL_KNOWN_NAMES);

/**
 * Why a method of this name is not made async, if it is not: its callers are
 * found by name on any receiver, and a short or common name (`get`, `run`,
 * `load`) is called on unrelated objects all over a code base (the names
 * `init --discover` skips for the same reason).
 */
export function commonMethodName(name: string): string | undefined {
  if (name.length > SHORT_NAME_LENGTH && !WELL_KNOWN.has(name)) return undefined;
  return `its callers would be found by the name ${name} alone, which is called on unrelated objects everywhere: make it async by hand`;
}

/** Identifies a function across rounds: its file, name and where it starts. */
export function promotionKey(promotion: Promotion): string {
  return `${promotion.file}\0${promotion.name}\0${promotion.line}:${promotion.column}`;
}

/**
 * The function as targets: by import of its file (and by binding in it), or
 * a method by name; a default export also as the module's `default`.
 */
export function targetsOf(promotion: Promotion): Target[] {
  const propagated = { kind: promotion.kind, file: promotion.file, start: promotion.nameStart, chain: promotion.chain, ...(promotion.declaredAt !== undefined && promotion.declaredAt >= 0 ? { at: promotion.declaredAt } : {}) };
  if (promotion.kind === "method") return [{ name: promotion.name, propagated: { ...propagated, line: promotion.line } }];
  const module = promotion.module ?? promotion.file;
  const named: Target = { name: promotion.name, module, propagated };
  return promotion.defaultExport ? [named, { name: "default", module, propagated }] : [named];
}

/**
 * Words a file that may call the function must hold, for the runner's
 * prefilter: its name; for a default export, also its file's name, which
 * the import specifier spells (`import g from "./greet"`).
 */
export function mentionsOf(promotion: Promotion): string[] {
  if (!promotion.defaultExport) return [promotion.name];
  const stem = path.basename(promotion.file).replace(/\.[^.]*$/, "");
  return stem === "index" ? [promotion.name, path.basename(path.dirname(promotion.file))] : [promotion.name, stem];
}

export function withTargets(config: ResolvedConfig, targets: readonly Target[], alsoAsync: readonly HierarchyMemberMadeAsync[] = []): ResolvedConfig {
  if (targets.length === 0 && alsoAsync.length === 0) return config;
  return { ...config, targets: [...config.targets, ...targets], ...(alsoAsync.length > 0 ? { alsoAsync: [...(config.alsoAsync ?? []), ...alsoAsync] } : {}) };
}

/** A member of a method's class hierarchy, as the typed engine reports it (typed/hierarchy.ts). */
export interface HierarchyMemberFact {
  /** `Store.load`. */
  readonly label: string;
  /** As the report shows it (relative). */
  readonly where: string;
  readonly kind: "method" | "signature" | "other";
  /** Declared in a library or a declaration file. */
  readonly external: boolean;
  /** One of the files this run edits. */
  readonly inRun: boolean;
  /** It declares a return type that is not a promise: its callers read a value. */
  readonly returnsValue: boolean;
}

/**
 * Why a method cannot be made async with its hierarchy (the typed engine:
 * every class and interface member it overrides, implements or is
 * overridden by; itself first), or undefined when it can: all of them are
 * then made async together. `undefined` members: the checker failed on it.
 */
export function hierarchyBlock(members: readonly HierarchyMemberFact[] | undefined): { reason: string; readAsValue: boolean } | undefined {
  if (members === undefined) return { reason: "the type checker cannot place it in its class hierarchy, so what it overrides or implements is unknown: make it async by hand", readAsValue: false };
  if (members.length <= 1) return undefined;
  const all = members.map((member) => member.label).join(", ");
  const together = `the methods of its hierarchy (${all}) must become async together`;
  const blocked = (member: HierarchyMemberFact, reason: string) => ({ reason: `${together}, and ${member.label} ${reason}`, readAsValue: member.returnsValue });
  for (const member of members.slice(1)) {
    if (member.external) return blocked(member, `is declared in ${member.where}, a declaration file this run does not change`);
    if (!member.inRun) return blocked(member, `(${member.where}) is outside the files of this run: run on them too, or make them async by hand`);
    if (member.kind === "other") return blocked(member, `(${member.where}) is not a class or interface method this run can make async`);
  }
  return undefined;
}

/** Where a function another file made async is handed over as a value (`arr.map(f)`), in either language. */
export interface CallbackReference {
  readonly target: Target;
  /** "passed as a callback to arr.map(), which does not await it", "stored as a value in an object (as cb), …". */
  readonly how: string;
  readonly line: number;
  readonly column: number;
}

/**
 * A function made async by propagation, passed as a callback here: its
 * caller there does not await it and no call site shows it, so the
 * reference is `manual` with the chain (or `ok` under an ignore comment).
 */
export function callbackReferenceFinding(reference: CallbackReference, file: string, ignored: string | undefined): Finding {
  const base = { file, line: reference.line, column: reference.column, target: reference.target.name };
  if (ignored !== undefined) return { ...base, action: "ok", reason: ignored ? `ignored by a comment: ${ignored}` : "ignored by a comment", ignored: true };
  const chain = reference.target.propagated?.chain ?? [reference.target.name];
  const stop = reference.how;
  return {
    ...base,
    action: "manual",
    reason: `${reference.target.name} is made async by propagation, but here it is ${stop}; fix by hand (chain: ${chain.join(" → ")})`,
    chain: [...chain, "a callback"],
    stop,
  };
}

/**
 * A method's targets, with the other definitions of its name in `sources`
 * (file, text): by name, a call on another receiver may reach one of those
 * (PropagatedTarget.sameNamed). Functions are returned as they are.
 */
export function withSameNamed(targets: readonly Target[], promotion: Promotion, sources: Iterable<readonly [string, string | undefined]>): Target[] {
  if (promotion.kind !== "method") return [...targets];
  const others: string[] = [];
  for (const [file, source] of sources) {
    if (source === undefined || !source.includes(promotion.name)) continue;
    for (const line of methodDefinitionLines(source, promotion.name, /\.py$/i.test(file))) {
      if (file === promotion.file && Math.abs(line - promotion.line) <= 1) continue;
      others.push(`${path.relative(path.dirname(promotion.file), file) || path.basename(file)}:${line}`);
    }
  }
  if (others.length === 0) return [...targets];
  return targets.map((target) => (target.propagated ? { ...target, propagated: { ...target.propagated, sameNamed: others } } : target));
}

/**
 * The lines that define a method (or function) of this name: `def name(` in
 * Python; in JavaScript a method, object method or arrow property with a
 * body (`name(…) {`, `async name(…): T {`, `name = (…) =>`). A reading of
 * the text: a definition it misses only keeps the name matching as before.
 */
function methodDefinitionLines(source: string, name: string, python: boolean): number[] {
  const escaped = name.replace(/[$]/g, "\\$");
  const pattern = python
    ? new RegExp(`^[ \\t]*(?:async[ \\t]+)?def[ \\t]+${escaped}[ \\t]*\\(`, "gm")
    : new RegExp(`^[ \\t]*(?:(?:public|private|protected|static|async|override|readonly)[ \\t]+)*(?:${escaped}[ \\t]*(?:<[^>\\n]*>)?\\([^\\n]*\\)[^\\n;=]*\\{|${escaped}[ \\t]*=[ \\t]*(?:async[ \\t]*)?(?:\\([^\\n]*\\)|[\\w$]+)[ \\t]*(?::[^\\n=]*)?=>)`, "gm");
  const lines: number[] = [];
  for (const match of source.matchAll(pattern)) lines.push(source.slice(0, match.index).split("\n").length);
  return lines;
}

/** Why a call by a method's name may not reach the method this run made async (PropagatedTarget.sameNamed). */
export function sameNamedReason(name: string, others: readonly string[]): string {
  const where = `${others.slice(0, 3).join(", ")}${others.length > 3 ? ", …" : ""}`;
  return `another method named ${name} is defined (${where}): cannot tell this call reaches the one this run made async; fix it by hand if it does`;
}
