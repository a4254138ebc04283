/**
 * Propagation across the files of a run (run.ts): each round makes the
 * functions made async in the last one targets, and runs the files that
 * mention them again, until a round makes no new function async.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { HierarchyMemberMadeAsync, ResolvedConfig, Target } from "../config/schema";
import type { Promotion } from "../decision/findings";
import { mentionsOf, promotionKey, targetsOf, withSameNamed, withTargets } from "../decision/propagation";
import { anyWordPattern } from "../text/words";
import type { FileResult } from "./run";

export interface PropagateOptions {
  readonly signal?: AbortSignal | undefined;
  /** Runs one file from its original source with this config (run.ts's processFile). */
  readonly process: (file: string, config: ResolvedConfig) => FileResult;
  /**
   * Whether a caller must spell the name of a function made async (the
   * syntactic engine): then a round runs only the files that do. The typed
   * engine finds callers by symbol, also under an alias a barrel gave, and
   * asks every file.
   */
  readonly byName: boolean;
  /** The other members of a method's class hierarchy, made async with it (typed engine). */
  readonly hierarchy?: (promotion: Promotion) => readonly HierarchyMemberMadeAsync[];
}

/**
 * Propagation across files, to a fixed point: each function made async is a
 * target for the files that mention its name, which run again (from their
 * original source, with every target so far, so a file's edits of all rounds
 * come out as one output) until a round makes no new function async. Each
 * function is made async once, so cycles end.
 */
export function propagated(first: readonly FileResult[], base: ResolvedConfig, options: PropagateOptions): { results: FileResult[]; interrupted: boolean } {
  const results = new Map(first.map((result) => [result.file, result]));
  // Each file is read once for all rounds: a round only asks which files mention its new names.
  const sources = new Map<string, string | undefined>();
  const sourceOf = (file: string, result: FileResult) => {
    if (result.before !== undefined) return result.before;
    if (!sources.has(file)) sources.set(file, readSource(file));
    return sources.get(file);
  };
  const seen = new Set<string>();
  const targets: Target[] = [];
  const alsoAsync: HierarchyMemberMadeAsync[] = [];
  const members = new Set<string>();
  const memberKey = (file: string, at: number) => `${file}\0${at}`;
  for (;;) {
    const fresh = [...results.values()].flatMap((r) => r.promoted ?? []).filter((p) => !seen.has(promotionKey(p)));
    if (fresh.length === 0) break;
    for (const promotion of fresh) {
      if (seen.has(promotionKey(promotion))) continue;
      seen.add(promotionKey(promotion));
      const made = targetsOf(promotion);
      // By name, a method's callers may reach another method of that name: say where those are.
      const sources = function* () {
        for (const [file, result] of results) yield [file, sourceOf(file, result)] as const;
      };
      targets.push(...(options.byName ? withSameNamed(made, promotion, sources()) : made));
      if (promotion.declaredAt !== undefined) members.add(memberKey(promotion.file, promotion.declaredAt));
    }
    for (const promotion of fresh) {
      for (const member of options.hierarchy?.(promotion) ?? []) {
        if (members.has(memberKey(member.file, member.at))) continue;
        members.add(memberKey(member.file, member.at));
        alsoAsync.push(member);
      }
    }
    const names = [...new Set(fresh.flatMap(mentionsOf))];
    // One pass over each file for all of the round's names, not one per name.
    const mentions = anyWordPattern(names);
    const config = withTargets(base, targets, alsoAsync);
    for (const [file, result] of results) {
      if (options.signal?.aborted) return { results: [...results.values()], interrupted: true };
      if (result.status === "skipped" || result.status === "error") continue;
      if (options.byName) {
        const source = sourceOf(file, result);
        if (source === undefined || !mentions.test(source)) continue;
      }
      results.set(file, options.process(file, config));
    }
  }
  return { results: [...results.values()], interrupted: false };
}

function readSource(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * A cascade is written whole or not at all: when `--verify` rejects (or cannot
 * check) one file of a run that made functions async, every changed file of
 * that run is held back too, since its callers or callees may need the edits
 * that were refused. Without a function made async, files stand alone.
 */
export function wholeCascades(results: readonly FileResult[]): FileResult[] {
  const cascade = results.some((result) => result.findings.some((finding) => finding.action === "make-async"));
  const refused = results.find((result) => result.status === "rejected" || (result.status === "error" && result.message?.startsWith("--verify:")));
  if (!cascade || !refused) return [...results];
  const because = `not written: part of a --propagate cascade in which --verify refused ${path.basename(refused.file)}`;
  return results.map((result): FileResult => (result.status === "changed" ? { ...result, status: "rejected", newDiagnostics: result.newDiagnostics ?? [], message: because } : result));
}
