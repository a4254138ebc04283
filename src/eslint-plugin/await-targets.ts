/**
 * `unawaited/await-targets`: the engine's findings as ESLint problems, its
 * edits as fixes. The rule runs `transformSource` on the file's text (the same
 * analysis as `unawaited fix`, not a second copy of it), so every `await`,
 * `sync-variant` and `manual` site is reported with the CLI's reason, at the
 * CLI's line and column.
 *
 *   createWebSocketManager(ctx).add(c)   in an async function  → `await` problem, fix `(await createWebSocketManager(ctx)).add(c)`
 *   registry.setAsync(m)                 in a sync function    → `syncVariant` problem, fix `registry.set(m)` (imports included)
 *   createWebSocketManager(ctx)          where await is not available and no sync twin exists → `manual` problem, no fix
 *
 * Each fix applies alone (engine.ts `SiteFix`): an await is its own fix;
 * switches of names imported from one module share their import edits, so
 * each of them carries the whole group's fix; ESLint applies it once and the
 * others are gone on its next pass.
 *
 * With `engine: "typed"` and typescript-eslint's parser services (a program),
 * the typed engine decides which calls are targets, from that program: the
 * one ESLint already built, not a second one. Without a program, the rule
 * matches by name and module, as the syntactic engine does.
 *
 * Left alone: Python files (ESLint does not lint Python) and unused ignore
 * comments (the CLI reports those).
 */
import type { Rule } from "eslint";
import { createRequire } from "node:module";
import * as path from "node:path";
import { ParseError, PrintError, transformSource, type EditKind, type SiteFix, type TransformRequest, type TransformResult } from "../engine";
import { createRangeMatcher } from "../javascript/facts/targets";
import { callsInProgram } from "../typed/index";
import { isUnawaitedError } from "../errors";
import type { ResolvedConfig } from "../config/schema";
import { engineValues, returnAwaitValues, topLevelAwaitValues } from "../config/values";
import { isPythonFile } from "../python/index";
import { applyEdits, shiftEdits } from "../text/edits";
import { ruleConfig } from "./config";

const EDITS: ReadonlySet<EditKind> = new Set(["await", "sync-variant"]);

const MESSAGE_IDS = { await: "await", "sync-variant": "syncVariant", "make-async": "makeAsync", manual: "manual" } as const;

export const awaitTargets: Rule.RuleModule = {
  meta: {
    type: "problem",
    fixable: "code",
    docs: {
      description: "Await forgotten calls of configured async functions; switch sync callers to their sync variants",
      recommended: true,
      // No docs URL: the package has no published home yet, and a link to a page that does not exist is worse than none.
    },
    messages: {
      await: "{{target}}: {{reason}}",
      syncVariant: "{{target}}: {{reason}}",
      makeAsync: "{{target}}: {{reason}}",
      manual: "{{target}}: {{reason}}",
      parseError: "unawaited cannot parse this file: {{message}}",
      typedFailed: "unawaited's typed engine failed on this file: {{message}}",
    },
    // A loose shape for editors and docs; the config's own validation (resolveConfig) names the field and says how to fix it.
    schema: [
      {
        type: "object",
        properties: {
          config: { type: "string", description: "a config file, relative to ESLint's working directory; no other option beside it" },
          $schema: { type: "string" },
          targets: { type: "array", items: { type: "object" } },
          returnAwait: { enum: [...returnAwaitValues] },
          topLevelAwait: { enum: [...topLevelAwaitValues] },
          engine: { enum: [...engineValues] },
          project: { type: "string" },
          allPromises: { type: "boolean" },
          promiseConsumers: { type: "array", items: { type: "string" } },
        },
      },
    ],
  },
  create(context) {
    const file = context.filename;
    if (isPythonFile(file)) return {};
    const config = configOrThrow(context, file);
    if (!config) return {};
    const text = context.sourceCode.text;
    const typed = config.engine === "typed" ? typedMatcher(context, config, file) : undefined;
    if (typed?.kind === "failed") {
      context.report({ messageId: "typedFailed", data: { message: typed.message }, loc: { line: 1, column: 0 } });
      return {};
    }
    // typescript-eslint refuses such a file itself, unless told to lint it without types.
    if (typed?.kind === "outside") return {};
    const request: TransformRequest = { source: text, file, config, edits: EDITS, ...(typed ? { matcher: typed.matcher } : {}) };
    let result: TransformResult;
    try {
      result = transformSource(request);
    } catch (error) {
      if (error instanceof ParseError) {
        context.report({ messageId: "parseError", data: { message: error.message }, loc: { line: error.line ?? 1, column: (error.column ?? 1) - 1 } });
        return {};
      }
      if (!(error instanceof PrintError)) throw error;
      // Our edits would break the file (a bug in unawaited): report the sites, offer no fix.
      result = transformSource({ ...request, checkOutput: false });
      result = { ...result, fixes: [] };
    }
    result.findings.forEach((finding, index) => {
      if (finding.action === "ok") return;
      const fix = result.fixes.find((candidate) => candidate.findings.includes(index));
      context.report({
        messageId: MESSAGE_IDS[finding.action],
        data: { target: finding.target, reason: finding.reason },
        loc: { line: finding.line, column: finding.column - 1 },
        ...(fix && finding.action !== "manual" ? { fix: (fixer: Rule.RuleFixer) => asFix(fixer, text, fix) } : {}),
      });
    });
    return {};
  },
};

type Typed =
  | { readonly kind: "matcher"; readonly matcher: NonNullable<TransformRequest["matcher"]> }
  | { readonly kind: "outside" }
  | { readonly kind: "failed"; readonly message: string };

/** The typed engine's matcher from the program typescript-eslint built; undefined without one. */
function typedMatcher(context: Rule.RuleContext, config: ResolvedConfig, file: string): Typed | undefined {
  const program = (context.sourceCode.parserServices as { program?: unknown } | undefined)?.program;
  if (!program) return undefined;
  const found = callsInProgram({ ts: typescriptFor(context.cwd), program }, config, file);
  if (found.kind !== "calls") return found;
  return { kind: "matcher", matcher: createRangeMatcher(found.calls) };
}

/**
 * The program's syntax kinds are those of the `typescript` typescript-eslint
 * loaded: the project's, found from ESLint's working directory as it finds
 * it; ours when the project has none there.
 */
function typescriptFor(cwd: string): unknown {
  try {
    return createRequire(path.join(cwd, "package.json"))("typescript");
  } catch {
    return require("typescript");
  }
}

function configOrThrow(context: Rule.RuleContext, file: string): ResolvedConfig | undefined {
  try {
    return ruleConfig({ option: context.options[0], file, cwd: context.cwd });
  } catch (error) {
    // ESLint shows only the message: the hint goes into it.
    if (isUnawaitedError(error)) throw new Error(`${error.message}${error.hint ? `\n${error.hint}` : ""}`, { cause: error });
    throw error;
  }
}

/** One replacement from the first edit's start to the last one's end, so ESLint applies the fix's edits together or not at all. */
function asFix(fixer: Rule.RuleFixer, text: string, fix: SiteFix): Rule.Fix {
  const start = fix.edits[0]!.start;
  const end = fix.edits[fix.edits.length - 1]!.end;
  return fixer.replaceTextRange([start, end], applyEdits(text.slice(start, end), shiftEdits(fix.edits, -start)));
}
