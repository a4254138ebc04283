/**
 * SARIF 2.1.0 for code-scanning UIs: one result per site that needs work
 * (await, sync-variant, make-async, manual); files that failed are tool notifications.
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

/**
 * The rules, with the help a code-scanning UI shows beside a result. No
 * helpUri: the package has no published home yet, and its docs/ folder is
 * named instead (a link to a page that does not exist is worse than none).
 */
const RULES: readonly { id: Exclude<Action, "ok"> | "unused-ignore"; name: string; text: string; help: string; level: "warning" | "note" }[] = [
  {
    id: "await",
    name: "UnawaitedAsyncCall",
    text: "A call of an async function in an async scope is not awaited: its result is a Promise.",
    help: "The call hands back a Promise (or a Python coroutine) where the code goes on to use a value: a member of it is not a function, a check is always truthy, an error is never caught. The fix awaits the call, parenthesised where the expression needs it: `(await f()).x`. Calls that use the promise on purpose (awaited later, `Promise.all`, `.then`, returned, `void`) are not reported. Rules: docs/rules.md in the unawaited package.",
    level: "warning",
  },
  {
    id: "sync-variant",
    name: "AsyncCallInSyncScope",
    text: "A call of an async function in a sync scope, where a sync variant exists.",
    help: "A sync function cannot await the call, so its result is a Promise nobody waits for. The configured sync variant does the same work synchronously: the fix calls it instead and updates the imports. Rules: docs/rules.md in the unawaited package.",
    level: "warning",
  },
  {
    id: "make-async",
    name: "AsyncCallMakesCallerAsync",
    text: "A call of an async function in a sync function with no sync variant: propagation makes the function async.",
    help: "With propagation on (--propagate, or \"propagate\" in the config), a sync function that calls an async function it cannot await, and has no sync variant for, is made async (`async function`, `Promise<T>` as its return type, `async def` in Python); the call is awaited, and the function's own callers are followed the same way, across files. The message gives the chain from the configured target. Rules: docs/rules.md in the unawaited package.",
    level: "warning",
  },
  {
    id: "manual",
    name: "AsyncCallNeedsManualFix",
    text: "A call of an async function that unawaited cannot fix: a person must decide.",
    help: "The call is in a place where an await is not possible or not safe to add by rule (a sync function with no sync variant, a parameter default, a receiver whose type is unknown, a value handed to a function that may want the promise). The message says which; make the caller async, add a sync variant to the config, or silence the site with `// unawaited-ignore-next-line: reason` after review. Rules: docs/rules.md in the unawaited package.",
    level: "warning",
  },
  {
    id: "unused-ignore",
    name: "UnusedIgnoreComment",
    text: "An unawaited ignore comment that silences no call site: stale or misplaced.",
    help: "An ignore comment silences the call sites of its line (`/* unawaited-ignore */`, `# unawaited: ignore[reason]`) or of the next line (`// unawaited-ignore-next-line`). This one silences none: the call moved or was fixed, and the comment would hide the next regression on that line. Remove it or move it. Usage: docs/usage.md in the unawaited package.",
    level: "warning",
  },
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
  const results = files.flatMap((file) => {
    // One line index per file, shared by its results' fixes.
    const lines = file.before === undefined ? undefined : lineStarts(file.before);
    return [
      ...file.findings.flatMap((finding, index) => {
        if (finding.action === "ok") return [];
        const fix = lines && sarifFix(file, index, lines, cwd);
        return [{ ...result(finding.action, finding.file, finding, `${finding.target}: ${finding.reason}`), ...(fix ? { fixes: [fix] } : {}) }];
      }),
      ...(file.warnings ?? []).map((warning) => result("unused-ignore", file.file, warning, warning.message)),
    ];
  });
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
      columnKind: "utf16CodeUnits",
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

function describeFix(action: string, others: number): string {
  const plural = others === 1 ? "" : "s";
  // A function made async is one fix with the awaits in it, which need it (and it them).
  if (action === "make-async") return `make the function async and await the call${others > 0 ? ` (with ${others} other site${plural} in that function)` : ""}`;
  const shared = action === "await" && others > 0 ? ` (with ${others} other site${plural} in the function made async)` : others > 0 ? ` (with ${others} other site${plural} that share its import edits)` : "";
  return `${action === "await" ? "await the call" : "use the sync variant"}${shared}`;
}

/**
 * The edits that fix one result, as a SARIF fix: replacements in lines and
 * UTF-16 columns of the file as it is (the run's columnKind), so a
 * code-scanning UI can offer them. Only for a fix that applies alone.
 */
function sarifFix(file: FileResult, index: number, lines: readonly number[], cwd: string): object | undefined {
  const fix = file.fixes?.find((candidate) => candidate.findings.includes(index));
  if (!fix) return undefined;
  const at = (offset: number) => {
    let line = 0;
    for (let low = 0, high = lines.length - 1; low <= high; ) {
      const mid = (low + high) >> 1;
      if (lines[mid]! <= offset) { line = mid; low = mid + 1; } else high = mid - 1;
    }
    return { line: line + 1, column: offset - lines[line]! + 1 };
  };
  const finding = file.findings[index]!;
  const others = fix.findings.length - 1;
  return {
    description: { text: describeFix(finding.action, others) },
    artifactChanges: [{
      artifactLocation: { uri: uriOf(file.file, cwd), uriBaseId: "%SRCROOT%" },
      replacements: fix.edits.map((edit) => {
        const start = at(edit.start);
        const end = at(edit.end);
        return {
          deletedRegion: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
          ...(edit.text !== "" ? { insertedContent: { text: edit.text } } : {}),
        };
      }),
    }],
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function tool(version: string): object {
  return {
    driver: {
      name: "unawaited",
      version,
      rules: RULES.map((rule) => ({
        id: rule.id,
        name: rule.name,
        shortDescription: { text: rule.text },
        help: { text: rule.help, markdown: rule.help },
        defaultConfiguration: { level: rule.level },
      })),
    },
  };
}
