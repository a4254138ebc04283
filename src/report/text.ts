/** The human report: one line per site or problem, then summary lines. */
import type { Action, Finding } from "../decision/findings";
import type { TargetAccount } from "../runner/accounting";
import type { FileResult, RunSummary } from "../runner/run";
import type { Palette } from "./colors";
import { isNotInProject } from "../typed/verify";
import { displayPath } from "./paths";

const ACTION_LABEL: Readonly<Record<Action, string>> = {
  await: "await",
  "sync-variant": "sync",
  "make-async": "async",
  manual: "manual",
  ok: "ok",
};

export interface TextOptions {
  readonly cwd: string;
  readonly colors: Palette;
}

function label(action: Action, colors: Palette): string {
  const text = ACTION_LABEL[action].padEnd(6);
  switch (action) {
    case "await":
    case "sync-variant":
    case "make-async":
      return colors.green(text);
    case "manual":
      return colors.yellow(text);
    case "ok":
      return colors.dim(text);
  }
}

/** `file:line:col  action  target: reason`, for the findings `include` accepts. */
export function siteLines(files: readonly FileResult[], include: (finding: Finding) => boolean, options: TextOptions): string[] {
  const lines: string[] = [];
  for (const file of files) {
    for (const finding of file.findings) {
      if (!include(finding)) continue;
      lines.push(`${displayPath(finding.file, options.cwd)}:${finding.line}:${finding.column}  ${label(finding.action, options.colors)}  ${finding.target}: ${finding.reason}`);
    }
  }
  return lines;
}

/** Ignore comments that silenced nothing: `file:line:col  warning  message`. */
export function warningLines(files: readonly FileResult[], options: TextOptions): string[] {
  return files.flatMap((file) => (file.warnings ?? []).map((warning) =>
    `${displayPath(file.file, options.cwd)}:${warning.line}:${warning.column}  ${options.colors.yellow("warning")}  ${warning.message}`));
}

/** Files that failed or were skipped, with the reason (and the position of a parse error). */
export function problemLines(files: readonly FileResult[], options: TextOptions): string[] {
  const lines: string[] = [];
  for (const file of files) {
    if (file.status !== "error" && file.status !== "skipped" && file.status !== "rejected") continue;
    const where = file.line !== undefined ? `:${file.line}:${file.column ?? 1}` : "";
    const tag = file.status === "skipped" ? options.colors.dim("skip  ") : options.colors.red(file.status === "error" ? "error " : "reject");
    lines.push(`${displayPath(file.file, options.cwd)}${where}  ${tag}  ${file.message ?? ""}`);
    for (const diagnostic of file.status === "rejected" ? (file.newDiagnostics ?? []).filter((d) => !isNotInProject(d)) : []) {
      lines.push(`${displayPath(diagnostic.file ?? file.file, options.cwd)}:${diagnostic.line}  ${options.colors.red("TS" + diagnostic.code)}  ${diagnostic.message}`);
    }
  }
  return lines;
}

/** `unawaited list`: every site, grouped by file. */
export function listLines(files: readonly FileResult[], options: TextOptions): string[] {
  const lines: string[] = [];
  for (const file of files) {
    if (file.findings.length === 0) continue;
    lines.push(options.colors.bold(displayPath(file.file, options.cwd)));
    for (const finding of file.findings) {
      const position = `${finding.line}:${finding.column}`.padEnd(8);
      lines.push(`  ${position}${label(finding.action, options.colors)}  ${finding.target}: ${finding.reason}`);
    }
  }
  return lines;
}

export type SummaryMode = "written" | "dry" | "patch" | "check" | "list";

export function summaryText(summary: RunSummary, mode: SummaryMode): string {
  const f = summary.files;
  const s = summary.sites;
  const verb = mode === "written" ? "changed" : mode === "check" ? "need changes" : "to change";
  const verification = f.verified !== undefined ? `, ${f.verified} verified, ${f.rejected ?? 0} rejected by --verify` : "";
  const files = `${f.scanned} file${f.scanned === 1 ? "" : "s"} scanned: ${f.changed} ${verb}${verification}, ${f.unchanged} unchanged, ${f.skipped} skipped, ${f.failed} failed`;
  const ignored = s.ignored > 0 ? ` (${s.ignored} ignored by comments)` : "";
  const unused = summary.unusedIgnores > 0 ? `; ${summary.unusedIgnores} unused ignore comment${summary.unusedIgnores === 1 ? "" : "s"}` : "";
  const madeAsync = (s.madeAsync ?? 0) > 0 ? `, ${s.madeAsync} to make async` : "";
  const madeAsyncWritten = (s.madeAsync ?? 0) > 0 ? `, ${s.madeAsync} made async` : "";
  const sites = `sites: ${s.awaited} to await, ${s.switched} to switch to sync${madeAsync}, ${s.manual} manual, ${s.ok} already fine${ignored}`;
  const writtenSites = `sites: ${s.awaited} awaited, ${s.switched} switched to sync${madeAsyncWritten}, ${s.manual} manual, ${s.ok} already fine${ignored}`;
  return `${files}; ${mode === "written" ? writtenSites : sites}${unused}`;
}

export function summaryLine(summary: RunSummary, mode: SummaryMode, colors: Palette): string {
  const tail = mode === "written" ? "" : mode === "patch" ? " (patch only: source files not written)" : ` (${mode === "dry" ? "dry run" : mode}: nothing written)`;
  const interrupted = summary.interrupted ? colors.yellow(" — interrupted: files written so far are whole, the rest untouched") : "";
  return `${colors.bold("unawaited:")} ${summaryText(summary, mode)}; ${summary.durationMs} ms${tail}${interrupted}`;
}

/** `targets: createWebSocketManager 10 (4 await, 1 manual, 5 ok), cookies 0`: every target's call sites, by action. */
export function targetsLine(targets: readonly TargetAccount[], colors: Palette): string {
  const parts = targets.map((target) => {
    const counts = (Object.entries(target.sites) as [Action, number][]).filter(([, n]) => n > 0);
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    const name = target.module !== undefined ? `${target.module}#${target.name}` : target.name;
    if (total === 0) return target.done ? `${name} 0 (done)` : colors.yellow(`${name} 0`);
    return `${name} ${total} (${counts.map(([action, n]) => `${n} ${action}`).join(", ")})`;
  });
  return `targets: ${parts.join(", ")}`;
}

/** Why a target that matched nothing deserves a look, with what the files suggest. */
export function unmatchedMessage(target: TargetAccount): string {
  const name = target.module !== undefined ? `${target.name} (module '${target.module}')` : target.name;
  return `target ${name} matched no call site${target.hint ? `; ${target.hint}` : ""}`;
}

export function rootSummaryLine(root: string, summary: RunSummary, mode: SummaryMode, colors: Palette): string {
  return `${colors.bold(root)}: ${summaryText(summary, mode)}`;
}
