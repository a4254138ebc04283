/**
 * Propagation's fixed point, in terms of plain data: a function made async
 * (a Promotion) becomes a target for the rest of the run, and the config is
 * the original one with those targets added. The engine iterates within a
 * file, the runner across files; both start each round from the original
 * source with all targets so far, so every round's edits come out as one
 * consistent output.
 */
import * as path from "node:path";
import type { Promotion } from "./findings";
import type { ResolvedConfig, Target } from "../config/schema";
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
  const propagated = { kind: promotion.kind, file: promotion.file, start: promotion.nameStart, chain: promotion.chain };
  if (promotion.kind === "method") return [{ name: promotion.name, propagated }];
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

export function withTargets(config: ResolvedConfig, targets: readonly Target[]): ResolvedConfig {
  return targets.length === 0 ? config : { ...config, targets: [...config.targets, ...targets] };
}
