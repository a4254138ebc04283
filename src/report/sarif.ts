/**
 * SARIF 2.1.0 for code-scanning UIs: one result per site that needs work
 * (await, sync-variant, manual); files that failed are tool notifications.
 */
import { pathToFileURL } from "node:url";
import type { Action } from "../decision/findings";
import type { UnawaitedError } from "../errors";
import type { TargetAccount } from "../runner/accounting";
import type { FileResult } from "../runner/run";
import { displayPath } from "./paths";

/** A relative URI: each path segment escaped, so `#`, `?` and `%` in names stay part of the path. */
function uriOf(file: string, cwd: string): string {
  return displayPath(file, cwd).split("/").map((segment) => (segment === ".." || segment === "." ? segment : encodeURIComponent(segment))).join("/");
}

const RULES: readonly { id: Exclude<Action, "ok"> | "unused-ignore"; name: string; text: string; level: "warning" | "note" }[] = [
  { id: "await", name: "UnawaitedAsyncCall", text: "A call of an async function in an async scope is not awaited: its result is a Promise.", level: "warning" },
  { id: "sync-variant", name: "AsyncCallInSyncScope", text: "A call of an async function in a sync scope, where a sync variant exists.", level: "warning" },
  { id: "manual", name: "AsyncCallNeedsManualFix", text: "A call of an async function that unawaited cannot fix: a person must decide.", level: "warning" },
  { id: "unused-ignore", name: "UnusedIgnoreComment", text: "An unawaited ignore comment that silences no call site: stale or misplaced.", level: "warning" },
];

export interface SarifExtras {
  /** With --repos: repositories that failed alone. */
  readonly failedRoots?: readonly { path: string; message: string }[];
  /** Every target's call sites, by action (in the run's properties). */
  readonly targets?: readonly TargetAccount[];
  /** Warnings for targets that matched no call site. */
  readonly unmatched?: readonly string[];
}

export function sarifReport(files: readonly FileResult[], cwd: string, version: string, extras: SarifExtras = {}): object {
  const { failedRoots = [], targets = [], unmatched = [] } = extras;
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  const result = (ruleId: Exclude<Action, "ok"> | "unused-ignore", file: string, at: { line: number; column: number }, text: string) => ({
    ruleId,
    ruleIndex: ruleIndex.get(ruleId),
    level: "warning",
    message: { text },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: uriOf(file, cwd), uriBaseId: "%SRCROOT%" },
        region: { startLine: at.line, startColumn: at.column },
      },
    }],
  });
  const results = files.flatMap((file) => [
    ...file.findings
      .filter((finding) => finding.action !== "ok")
      .map((finding) => result(finding.action as Exclude<Action, "ok">, finding.file, finding, `${finding.target}: ${finding.reason}`)),
    ...(file.warnings ?? []).map((warning) => result("unused-ignore", file.file, warning, warning.message)),
  ]);
  const notifications = files
    .filter((file) => file.status === "error")
    .map((file) => ({
      level: "error",
      message: { text: file.message ?? "failed" },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: uriOf(file.file, cwd), uriBaseId: "%SRCROOT%" },
          ...(file.line !== undefined ? { region: { startLine: file.line, startColumn: file.column ?? 1 } } : {}),
        },
      }],
    }));
  for (const failure of failedRoots) {
    notifications.push({
      level: "error",
      message: { text: `repository failed: ${failure.message}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(failure.path, cwd), uriBaseId: "%SRCROOT%" } } }],
    });
  }
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: tool(version),
      originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(cwd).href.replace(/\/?$/, "/")}` } },
      invocations: [{
        executionSuccessful: notifications.length === 0,
        toolExecutionNotifications: notifications,
        toolConfigurationNotifications: unmatched.map((text) => ({ level: "warning", descriptor: { id: "unmatched-target" }, message: { text } })),
      }],
      results,
      properties: { targets },
    }],
  };
}

/** A run that could not start (bad usage or config, a dirty tree): no results, the error as a configuration notification. */
export function fatalSarifReport(error: UnawaitedError, version: string): object {
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: tool(version),
      invocations: [{
        executionSuccessful: false,
        exitCode: error.exitCode,
        toolConfigurationNotifications: [{ level: "error", descriptor: { id: error.code }, message: { text: error.hint ? `${error.message} (${error.hint})` : error.message } }],
      }],
      results: [],
    }],
  };
}

function tool(version: string): object {
  return {
    driver: {
      name: "unawaited",
      version,
      informationUri: "https://www.npmjs.com/package/unawaited",
      rules: RULES.map((rule) => ({
        id: rule.id,
        name: rule.name,
        shortDescription: { text: rule.text },
        defaultConfiguration: { level: rule.level },
      })),
    },
  };
}
