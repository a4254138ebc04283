/**
 * `--format github`: GitHub Actions workflow commands, so each site shows as
 * an annotation on its line in the pull request's diff and the run's summary.
 * Sites to fix and manual sites are warnings, files that failed are errors;
 * sites already fine and skipped files are not annotated.
 */
import type { Action } from "../decision/findings";
import type { FileResult } from "../runner/run";
import { displayPath } from "./paths";

const TITLES: Readonly<Record<Exclude<Action, "ok">, string>> = {
  await: "unawaited: await",
  "sync-variant": "unawaited: use the sync variant",
  manual: "unawaited: manual fix needed",
};

export interface GithubExtras {
  /** With --repos: repositories that failed alone. */
  readonly failedRoots?: readonly { path: string; message: string }[];
  /** Warnings for targets that matched no call site. */
  readonly unmatched?: readonly string[];
}

export function githubAnnotations(files: readonly FileResult[], cwd: string, extras: GithubExtras = {}): string {
  const lines: string[] = [
    ...(extras.failedRoots ?? []).map((failure) => command("error", { title: "unawaited: repository failed" }, `${displayPath(failure.path, cwd)}: ${failure.message}`)),
    ...(extras.unmatched ?? []).map((text) => command("warning", { title: "unawaited: target matched nothing" }, text)),
  ];
  for (const file of files) {
    const name = displayPath(file.file, cwd);
    for (const finding of file.findings) {
      if (finding.action === "ok") continue;
      lines.push(command("warning", { file: name, line: finding.line, col: finding.column, title: TITLES[finding.action] }, `${finding.target}: ${finding.reason}`));
    }
    for (const warning of file.warnings ?? []) {
      lines.push(command("warning", { file: name, line: warning.line, col: warning.column, title: "unawaited: unused ignore comment" }, warning.message));
    }
    if (file.status === "error" || file.status === "rejected") {
      lines.push(command("error", { file: name, ...(file.line !== undefined ? { line: file.line, col: file.column ?? 1 } : {}), title: `unawaited: ${file.status === "error" ? "file failed" : "edit rejected"}` }, file.message ?? file.status));
    }
  }
  return lines.map((line) => `${line}\n`).join("");
}

/** `::level key=value,…::message`, escaped as the runner reads it: `%`, CR and LF everywhere, `:` and `,` in values too. */
function command(level: "warning" | "error", properties: Readonly<Record<string, string | number>>, message: string): string {
  const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const props = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  return `::${level} ${props}::${escapeData(message)}`;
}
