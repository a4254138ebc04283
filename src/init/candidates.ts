/**
 * From declarations (facts.ts) to the names worth a target: one decision,
 * made on facts from both languages. A target matches calls by name across
 * the whole code base, so a careless one makes noise everywhere; the guards
 * below keep a name out unless its calls are very likely to be the async
 * function's.
 *
 *   async fetchUser, nowhere a sync fetchUser      candidate
 *   loadAsync + sync load in the same module/class candidate loadAsync, sync twin load
 *   load_async + load, read + readSync, read + read_sync (Python): the same
 *   async load in one class, sync load in another  skipped: declared-sync
 *   go, id (one or two characters)                 skipped: short
 *   then, main, get, … (WELL_KNOWN_NAMES)          skipped: well-known
 *   __aenter__ (Python special methods)            skipped: special
 *   a name the config cannot hold (non-ASCII)      skipped: not-identifier
 */
import { SHORT_NAME_LENGTH, WELL_KNOWN_NAMES } from "../text/common-names";
import { IDENTIFIER } from "../config/values";
import type { FunctionFact } from "./facts";

export interface Location {
  /** Absolute path. */
  readonly file: string;
  readonly line: number;
}

export interface Candidate {
  readonly name: string;
  /** The sync twin, declared beside every async declaration of the name. */
  readonly sync?: string;
  readonly declared: readonly Location[];
  /** Why a twin was left out, when one exists beside some declarations only. */
  readonly note?: string;
}

export type SkipReason = "short" | "well-known" | "special" | "not-identifier" | "declared-sync" | "awaited" | "not-called";

export interface SkippedName {
  readonly name: string;
  readonly reason: SkipReason;
  /** A sentence for the report. */
  readonly detail: string;
  readonly declared: readonly Location[];
}

const WELL_KNOWN: ReadonlySet<string> = new Set(WELL_KNOWN_NAMES);

export interface CandidateChoice {
  readonly candidates: readonly Candidate[];
  readonly skipped: readonly SkippedName[];
}

export function chooseCandidates(facts: readonly FunctionFact[], displayLocation: (location: Location) => string): CandidateChoice {
  const byName = new Map<string, FunctionFact[]>();
  for (const fact of facts) byName.set(fact.name, [...(byName.get(fact.name) ?? []), fact]);
  const syncIn = new Set(facts.filter((f) => f.kind === "sync").map((f) => `${f.container}\0${f.name}`));
  const candidates: Candidate[] = [];
  const skipped: SkippedName[] = [];
  for (const [name, declared] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const asyncFacts = declared.filter((f) => f.kind === "async");
    if (asyncFacts.length === 0) continue;
    const locations = asyncFacts.map(locationOf);
    const skip = (reason: SkipReason, detail: string) => skipped.push({ name, reason, detail, declared: locations });
    const sync = declared.find((f) => f.kind === "sync");
    if (name.length <= SHORT_NAME_LENGTH) skip("short", "one or two characters: matched by name, it would catch unrelated calls");
    else if (WELL_KNOWN.has(name)) skip("well-known", "a well-known name: matched by name, it would catch unrelated calls");
    else if (/^__\w+__$/.test(name)) skip("special", "a special method: Python calls it itself");
    else if (!IDENTIFIER.test(name)) skip("not-identifier", "not an ASCII identifier, which a config target cannot name");
    else if (sync) skip("declared-sync", `also declared as a sync function at ${displayLocation(locationOf(sync))}: its calls would be taken for the async one's`);
    else candidates.push(withTwin(name, asyncFacts, (container, twin) => syncIn.has(`${container}\0${twin}`)));
  }
  return { candidates, skipped };
}

function withTwin(name: string, asyncFacts: readonly FunctionFact[], isSyncIn: (container: string, twin: string) => boolean): Candidate {
  const declared = asyncFacts.map(locationOf);
  const twins = asyncFacts.map((fact) => twinNames(name, fact.language).find((twin) => isSyncIn(fact.container, twin)));
  const first = twins[0];
  if (first !== undefined && twins.every((twin) => twin === first)) return { name, sync: first, declared };
  const found = twins.find((twin) => twin !== undefined);
  if (found === undefined) return { name, declared };
  return { name, declared, note: `sync twin ${found} left out: it is not declared beside every ${name}` };
}

/** The names a sync twin of `name` has by convention, most specific first. */
export function twinNames(name: string, language: FunctionFact["language"]): string[] {
  const twins: string[] = [];
  if (name.length > "Async".length && name.endsWith("Async")) twins.push(name.slice(0, -"Async".length));
  if (name.length > "_async".length && name.endsWith("_async")) twins.push(name.slice(0, -"_async".length));
  twins.push(`${name}Sync`);
  if (language === "python") twins.push(`${name}_sync`);
  return twins;
}

function locationOf(fact: FunctionFact): Location {
  return { file: fact.file, line: fact.line };
}
