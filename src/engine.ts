/**
 * The one rewriting path: parse → analyze → text edits at AST positions →
 * check the edited code parses. Transforms and the CLI both call
 * `transformSource`.
 *
 * Edits are applied to the source text rather than printed by recast: recast
 * reprints whole object patterns over several lines when a property is added
 * and adds its own parentheses around a replaced node (`((await f())).x`,
 * `...(await f())`). Text edits keep every byte we do not mean to change.
 */
import * as path from "node:path";
import { analyze, type Site } from "./javascript/facts/analyze";
import type { AnyNode } from "./javascript/facts/ast";
import type { Finding, Promotion } from "./decision/findings";
import { ignoreCommentsOf, mayHoldIgnoreComments } from "./javascript/facts/ignore-comments";
import type { FileWarning } from "./decision/ignores";
import { moduleKindOf } from "./javascript/facts/module-kind";
import { isPathModule } from "./javascript/facts/module-paths";
import { createSyntacticMatcher, type TargetMatcher } from "./javascript/facts/targets";
import { awaitAndPromotionFixes, callbackFindings, hierarchyMembersMadeAsync, promotionsOf, toFinding } from "./javascript/propagation";
import type { ResolvedConfig } from "./config/schema";
import { languageOf, parserChoiceFor, parserFor, type ModuleKind } from "./javascript/parsers";
import { syncVariantGroups } from "./javascript/edits/sync-variant";
import { applyEdits, orderEdits, shiftEdits, type TextEdit } from "./text/edits";
import { isPythonFile, transformPython } from "./python/index";
import { promotionKey, targetsOf, withSameNamed, withTargets } from "./decision/propagation";
import { mayHoldIgnoreComments as mayHoldPythonIgnores } from "./python/facts/ignore-comments";
import { mentionsWord, wordOccurrences } from "./text/words";

export { mentionsWord } from "./text/words";

/** Which kinds of edit a transform makes; the others are neither applied nor reported. */
export type EditKind = "await" | "sync-variant";

export interface TransformRequest {
  readonly source: string;
  /** Used for the parser choice, the module kind and the findings. */
  readonly file: string;
  readonly config: ResolvedConfig;
  readonly edits: ReadonlySet<EditKind>;
  /** Defaults to matching by name (and module); the typed engine passes its own. */
  readonly matcher?: TargetMatcher;
  /** Defaults to Node's rules for `file` (extension, nearest package.json). */
  readonly moduleKind?: ModuleKind;
  /**
   * Skip files that do not mention a target name before parsing them (default
   * true). Off only to measure what the prefilter saves.
   */
  readonly prefilter?: boolean;
  /**
   * Parse the edited code again before returning it (default true). Only
   * callers that neither show nor write the output (`check`, `list`) turn it
   * off, to save a second parse per changed file.
   */
  readonly checkOutput?: boolean;
}

export interface TransformResult {
  readonly output: string;
  readonly changed: boolean;
  readonly findings: readonly Finding[];
  /** The edits that make `output` of the source, in order and in its offsets (empty when unchanged): diffs are built from them. */
  readonly edits: readonly TextEdit[];
  /** Ignore comments that silenced no call site (decision/ignores.ts). */
  readonly warnings: readonly FileWarning[];
  /** Functions made async (propagation), with the calls that made them so. */
  readonly promoted: readonly Promotion[];
  /** `edits`, split into fixes that each apply alone (empty when unchanged): what an editor or the ESLint rule offers per finding. */
  readonly fixes: readonly SiteFix[];
}

/**
 * The edits some findings need, applicable without the others. An await is
 * its own fix; switches of names imported from one module share the import
 * edits, so they are one fix (in Python, all of a file's switches).
 */
export interface SiteFix {
  /** Indices into `findings`. */
  readonly findings: readonly number[];
  /** In order, in the same offsets as `edits`. */
  readonly edits: readonly TextEdit[];
}

/** The file is not valid syntax for its language; it is left untouched. */
export class ParseError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, line: number | undefined, column: number | undefined) {
    super(message);
    this.name = "ParseError";
    this.line = line;
    this.column = column;
  }
}

/** Our own edited output failed to parse: a bug in unawaited, never written. */
export class PrintError extends Error {
  constructor(message: string, readonly output: string) {
    super(message);
    this.name = "PrintError";
  }
}

const BOM = "\uFEFF";

/**
 * With propagation on, a function made async is a target for its callers in
 * the same file: the transform runs again on the original source with it
 * added, until no new function is made async (each is made async once, so a
 * recursion cycle ends too). The runner does the same across files.
 */
export function transformSource(request: TransformRequest): TransformResult {
  let result = transformOnce(request);
  if (request.config.propagate === "off" || request.matcher) return result;
  const seen = new Set<string>();
  let config = request.config;
  for (;;) {
    const fresh = result.promoted.filter((p) => !seen.has(promotionKey(p)));
    if (fresh.length === 0) return result;
    for (const promotion of fresh) seen.add(promotionKey(promotion));
    // A function whose name occurs once in the file (its declaration) has no caller here: no second pass.
    if (!fresh.some((promotion) => (promotion.name === "default" && promotion.defaultExport) || occursTwice(request.source, promotion.name))) return result;
    const own = [[path.resolve(request.file), request.source]] as const;
    config = withTargets(config, fresh.flatMap((promotion) => withSameNamed(targetsOf(promotion), promotion, own)));
    result = transformOnce({ ...request, config });
  }
}

function occursTwice(source: string, name: string): boolean {
  const occurrences = wordOccurrences(source, name);
  return !occurrences.next().done && !occurrences.next().done;
}

function transformOnce(request: TransformRequest): TransformResult {
  const hasBom = request.source.startsWith(BOM);
  const source = hasBom ? request.source.slice(1) : request.source;
  const unchanged = (findings: readonly Finding[], warnings: readonly FileWarning[] = [], promoted: readonly Promotion[] = []): TransformResult => ({ output: request.source, changed: false, findings, edits: [], warnings, fixes: [], promoted });
  const finished = (edited: string, findings: readonly Finding[], fixes: readonly SiteFix[], warnings: readonly FileWarning[], promoted: readonly Promotion[] = []): TransformResult => {
    const output = hasBom ? BOM + edited : edited;
    if (output === request.source) return unchanged(findings, warnings, promoted);
    const shift = (edits: readonly TextEdit[]): readonly TextEdit[] => (hasBom ? shiftEdits(edits, BOM.length) : edits);
    const edits = orderEdits(fixes.flatMap((fix) => fix.edits));
    return { output, changed: true, findings, edits: shift(edits), warnings, fixes: fixes.map((fix) => ({ findings: fix.findings, edits: shift(fix.edits) })), promoted };
  };
  const python = isPythonFile(request.file);
  if (!python && languageOf(request.file) === undefined) return unchanged([]);
  const matcher = request.matcher ?? syntacticMatcherFor(request.config, request.file);
  const alsoAsync = request.config.alsoAsync?.filter((entry) => entry.file === path.resolve(request.file)) ?? [];
  const mentioned = !matcher.names || matcher.names.some((name) => mentionsWord(source, name)) || mentionsDefaultTarget(request.config) || alsoAsync.length > 0;
  // A file with an ignore comment is read even when no target is named in it: the comment is then unused, and says so.
  const ignoreComments = python ? mayHoldPythonIgnores(source) : mayHoldIgnoreComments(source);
  if (!mentioned && !ignoreComments && request.prefilter !== false) return unchanged([]);
  if (python) {
    const result = transformPython({
      source,
      file: request.file,
      config: request.config,
      awaits: request.edits.has("await"),
      syncVariants: request.edits.has("sync-variant"),
      checkOutput: request.checkOutput !== false,
    });
    if (result.kind === "parse-error") throw new ParseError(result.message, result.line, result.column);
    if (result.kind === "print-error") throw new PrintError(result.message, result.output);
    if (result.fixes.length === 0) return unchanged(result.findings, result.warnings, result.promoted);
    return finished(result.output, result.findings, result.fixes, result.warnings, result.promoted);
  }
  const moduleKind = request.moduleKind ?? moduleKindOf(request.file);
  const choice = parserChoiceFor(request.file, moduleKind)!;

  const parser = parserFor(choice);
  let ast: AnyNode;
  try {
    ast = parser.parse(source) as AnyNode;
  } catch (error) {
    throw toParseError(error);
  }

  // `.cjs` and `.cts` files are CommonJS whatever the config says: no top-level await there.
  const commonJsByName = /\.c[jt]s$/i.test(request.file);
  const topLevelAsync = (request.config.topLevelAwait === "always" && !commonJsByName)
    || (request.config.topLevelAwait === "auto" && moduleKind === "esm");
  const ignores = ignoreCommentsOf(ast, source);
  // Propagation needs both edits: the function made async, and the awaits in it.
  const propagates = request.config.propagate !== "off" && request.edits.has("await") && request.edits.has("sync-variant");
  const propagate = propagates
    ? { propagate: { file: path.resolve(request.file), mode: request.config.propagate as "internal" | "all", ...(matcher.bySymbol ? { bySymbol: true } : {}), ...(matcher.hierarchy ? { hierarchy: matcher.hierarchy } : {}) } }
    : {};
  const sites = analyze(ast, source, { config: request.config, matcher, topLevelAsync, ignores, ...propagate })
    .filter((site) => isReported(site, request.edits));
  const findings = sites.map((site) => toFinding(site, request.file));
  const callbacks = propagates ? callbackFindings(ast, { file: request.file, config: request.config, ignores }) : [];
  // After the sites' findings: fixes refer to those by index.
  findings.push(...callbacks);
  const warnings = ignores.unused();

  const lineTerminator = source.includes("\r\n") ? "\r\n" : "\n";
  const fixes: SiteFix[] = awaitAndPromotionFixes(sites, source);
  const promoted = promotionsOf(sites, path.resolve(request.file));
  if (alsoAsync.length > 0) {
    const promotedHere = new Set(sites.flatMap((site) => (site.promotes ? [site.promotes.path.node] : [])));
    const members = hierarchyMembersMadeAsync(ast, source, { file: request.file, entries: alsoAsync, promoted: promotedHere });
    members.fixes.forEach((edits, index) => fixes.push({ findings: [findings.length + index], edits }));
    findings.push(...members.findings);
    promoted.push(...members.promotions);
  }
  const switches = sites.filter((site) => site.action === "sync-variant");
  if (switches.length > 0) {
    for (const group of syncVariantGroups({ ast, source, lineTerminator }, switches)) {
      fixes.push({ findings: group.sites.map((site) => sites.indexOf(site)), edits: orderEdits(group.edits) });
    }
  }
  if (fixes.length === 0) return unchanged(findings, warnings, promoted);

  const edited = applyEdits(source, fixes.flatMap((fix) => fix.edits));
  if (request.checkOutput !== false) {
    try {
      parser.parse(edited);
    } catch (error) {
      throw new PrintError(`edited code does not parse: ${(error as Error).message}`, edited);
    }
  }
  return finished(edited, findings, fixes, warnings, promoted);
}

/**
 * A transform reports the sites it is responsible for: the await transform
 * owns async scopes (and parameter defaults, where await is impossible), the
 * sync-variant transform owns sync scopes.
 */
function isReported(site: Site, edits: ReadonlySet<EditKind>): boolean {
  if (site.scope.kind === "sync") return edits.has("sync-variant");
  return edits.has("await");
}

const matchers = new WeakMap<ResolvedConfig, Map<string, TargetMatcher>>();

/**
 * One syntactic matcher per config, not one per file; per directory when a
 * target's module is a path, since relative imports are resolved from there.
 */
function syntacticMatcherFor(config: ResolvedConfig, file: string): TargetMatcher {
  const byDir = matchers.get(config) ?? new Map<string, TargetMatcher>();
  matchers.set(config, byDir);
  const shape = targetShapeOf(config);
  const resolved = path.resolve(file);
  const dir = shape.pathModules ? path.dirname(resolved) : "";
  // Functions made async (propagation) are matched in their own file by binding: one matcher per file then.
  const own = shape.propagatedFiles.has(resolved) ? resolved : undefined;
  const key = own === undefined ? dir : `${dir}\0${own}`;
  let matcher = byDir.get(key);
  if (!matcher) {
    matcher = createSyntacticMatcher(config.targets, dir === "" ? undefined : dir, own);
    byDir.set(key, matcher);
  }
  return matcher;
}

const targetShapes = new WeakMap<ResolvedConfig, { readonly pathModules: boolean; readonly propagatedFiles: ReadonlySet<string> }>();

/** Per config, once: whether a target's module is a path, and the files of functions made async. */
function targetShapeOf(config: ResolvedConfig): { readonly pathModules: boolean; readonly propagatedFiles: ReadonlySet<string> } {
  let shape = targetShapes.get(config);
  if (!shape) {
    shape = {
      pathModules: config.targets.some((t) => t.module !== undefined && isPathModule(t.module)),
      propagatedFiles: new Set(config.targets.flatMap((t) => (t.propagated ? [t.propagated.file] : []))),
    };
    targetShapes.set(config, shape);
  }
  return shape;
}

function mentionsDefaultTarget(config: ResolvedConfig): boolean {
  return config.targets.some((t) => t.name === "default");
}

function toParseError(error: unknown): ParseError {
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  const message = (error as Error).message ?? String(error);
  return new ParseError(message.replace(/\s*\(\d+:\d+\)$/, ""), loc?.line, loc === undefined ? undefined : loc.column + 1);
}
