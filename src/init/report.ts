/**
 * What `unawaited init` shows: the discovered targets with where they are
 * declared and their call sites by action, the names it skipped and why,
 * and the config. Text and JSON are made from the same data; nothing here
 * prints.
 */
import type { TargetInput } from "../config/schema";
import { displayPath } from "../report/paths";
import type { Location, SkippedName } from "./candidates";
import type { DiscoveredTarget, SiteCounts, TargetDiscovery } from "./discovery";

export interface InitConfig {
  readonly targets: readonly TargetInput[];
}

/** The config: discovered targets, then those given with --target (which win over a discovered one of the same name). */
export function initConfig(discovered: readonly DiscoveredTarget[], given: readonly TargetInput[]): InitConfig {
  const byName = new Map<string, TargetInput>();
  for (const target of discovered) byName.set(target.name, { name: target.name, ...(target.sync !== undefined ? { sync: target.sync } : {}) });
  for (const target of given) byName.set(target.name, target);
  return { targets: [...byName.values()] };
}

export function configText(config: InitConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

const ACTIONS = ["await", "sync-variant", "manual", "ok"] as const;

/** `5 calls: 3 await, 1 sync-variant, 1 manual` (only the actions that occur). */
export function callsText(sites: SiteCounts): string {
  const total = ACTIONS.reduce((sum, action) => sum + sites[action], 0);
  const parts = ACTIONS.filter((action) => sites[action] > 0).map((action) => `${sites[action]} ${action}`);
  return `${total} call${total === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

export function locationText(declared: readonly Location[], cwd: string): string {
  const first = declared[0];
  if (!first) return "";
  const more = declared.length > 1 ? ` (+${declared.length - 1} more)` : "";
  return `${displayPath(first.file, cwd)}:${first.line}${more}`;
}

/** The discovery as lines: targets, then skipped names, then files that could not be read. */
export function discoveryLines(discovery: TargetDiscovery, cwd: string): string[] {
  const lines: string[] = [];
  const { targets, skipped, failed } = discovery;
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  lines.push(`Found ${plural(targets.length, "target")} in ${plural(discovery.files, "file")}: async functions called somewhere without await`);
  lines.push(...table(targets.map((t) => [t.sync === undefined ? t.name : `${t.name} => ${t.sync}`, locationText(t.declared, cwd), callsText(t.sites)])));
  for (const target of targets) if (target.note !== undefined) lines.push(`  note: ${target.name}: ${target.note}`);
  if (skipped.length > 0) {
    lines.push(`Skipped ${plural(skipped.length, "name")}:`);
    lines.push(...table(skipped.map((s) => [s.name, locationText(s.declared, cwd), s.detail])));
  }
  if (failed.length > 0) {
    lines.push(`Could not read ${plural(failed.length, "file")} (their declarations and calls are not counted):`);
    lines.push(...failed.map((f) => `  ${displayPath(f.file, cwd)}: ${f.message}`));
  }
  return lines;
}

/** Rows as aligned columns, indented by two. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")}`);
}

export interface InitJsonInput {
  readonly file: string;
  readonly written: boolean;
  readonly config: InitConfig;
  readonly discovery: TargetDiscovery | undefined;
  readonly cwd: string;
}

/** One JSON document: the config file, whether it was written, the targets with their counts, the skipped names, the config. */
export function initJson(input: InitJsonInput): unknown {
  const { discovery, cwd } = input;
  const where = (declared: readonly Location[]) => declared.map((l) => ({ file: displayPath(l.file, cwd), line: l.line }));
  return {
    file: displayPath(input.file, cwd),
    written: input.written,
    targets: (discovery?.targets ?? []).map((t) => ({
      name: t.name,
      ...(t.sync !== undefined ? { sync: t.sync } : {}),
      declared: where(t.declared),
      sites: t.sites,
      ...(t.note !== undefined ? { note: t.note } : {}),
    })),
    skipped: (discovery?.skipped ?? []).map((s: SkippedName) => ({ name: s.name, reason: s.reason, detail: s.detail, declared: where(s.declared) })),
    failed: (discovery?.failed ?? []).map((f) => ({ file: displayPath(f.file, cwd), message: f.message })),
    config: input.config,
  };
}
