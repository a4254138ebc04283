/** The human report: one line per site or problem, then a summary line. */
import type { Finding } from "../analysis/findings";
import type { FileResult, RunResult, RunSummary } from "../runner/run";
import { displayPath } from "./paths";

const ACTION_LABEL: Readonly<Record<Finding["action"], string>> = {
  await: "await",
  "sync-variant": "sync",
  manual: "manual",
  ok: "ok",
};

export interface TextReportOptions {
  readonly cwd: string;
  /** Also list sites that are already fine. */
  readonly includeOk: boolean;
}

export function siteLines(result: RunResult, options: TextReportOptions): string[] {
  const lines: string[] = [];
  for (const file of result.files) {
    if (file.status === "error" || file.status === "skipped") {
      lines.push(problemLine(file, options.cwd));
      continue;
    }
    for (const finding of file.findings) {
      if (finding.action === "ok" && !options.includeOk) continue;
      lines.push(`${displayPath(finding.file, options.cwd)}:${finding.line}:${finding.column}  ${ACTION_LABEL[finding.action].padEnd(6)}  ${finding.target}: ${finding.reason}`);
    }
  }
  return lines;
}

function problemLine(file: FileResult, cwd: string): string {
  const where = file.line !== undefined ? `:${file.line}:${file.column ?? 1}` : "";
  const label = file.status === "error" ? "error" : "skip";
  return `${displayPath(file.file, cwd)}${where}  ${label.padEnd(6)}  ${file.message ?? ""}`;
}

export function summaryLine(summary: RunSummary): string {
  const f = summary.files;
  const s = summary.sites;
  const files = `${f.scanned} file${f.scanned === 1 ? "" : "s"} scanned: ${f.changed} ${summary.written ? "changed" : "to change"}, ${f.unchanged} unchanged, ${f.skipped} skipped, ${f.failed} failed`;
  const sites = `sites: ${s.awaited} awaited, ${s.switched} switched to sync, ${s.manual} manual, ${s.ok} already fine`;
  const tail = summary.written ? "" : " (dry run: nothing written)";
  return `unawaited: ${files}; ${sites}; ${summary.durationMs} ms${tail}`;
}
