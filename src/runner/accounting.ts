/**
 * Every target accounts for itself: how many call sites it matched, by
 * action. A target that matched nothing is most often a mistake in the config
 * (a typo, the wrong `module`), and a CI gate that passes because of one is
 * how a fixed bug comes back; so for each such target the files are read once
 * more for a likely cause: a near-miss name that does occur, or the name
 * imported from another module.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { importedModulePath, isPathModule, sameModule } from "../javascript/facts/module-paths";
import { displayModule } from "../report/paths";
import type { Action } from "../decision/findings";
import type { Target } from "../config/schema";
import { closeness } from "../text/closeness";
import { mentionsWord } from "../text/words";
import type { RootResult } from "./run";

export interface TargetAccount {
  readonly name: string;
  readonly module?: string;
  /** Call sites matched, by action. */
  readonly sites: Readonly<Record<Action, number>>;
  /** The config says its migration is finished (`"done": true`): matching nothing is expected. */
  readonly done: boolean;
  /** For a target that matched nothing: what the files suggest was meant. */
  readonly hint?: string;
}

/** `cwd`: what a hint's module paths are relative to. */
export function accountTargets(roots: readonly RootResult[], cwd = process.cwd()): TargetAccount[] {
  const accounts = new Map<string, { target: Target; sites: Record<Action, number>; roots: RootResult[] }>();
  for (const root of roots) {
    for (const target of root.root.config.targets) {
      const key = `${target.name}\0${target.module ?? ""}`;
      const account = accounts.get(key) ?? { target, sites: { await: 0, "sync-variant": 0, "make-async": 0, manual: 0, ok: 0 }, roots: [] };
      account.roots.push(root);
      accounts.set(key, account);
    }
  }
  // Findings name their target; two targets of one name (in two modules) share its count.
  for (const account of accounts.values()) {
    for (const root of account.roots) {
      for (const file of root.files) {
        for (const finding of file.findings) if (finding.target === account.target.name) account.sites[finding.action]++;
      }
    }
  }
  return [...accounts.values()].map(({ target, sites, roots: where }) => {
    const matched = Object.values(sites).some((count) => count > 0);
    const typed = where.some((root) => root.root.config.engine === "typed");
    const hint = matched || target.done === true ? undefined : unmatchedHint(target, where.flatMap((root) => root.files.map((file) => file.file)), { cwd, typed });
    return { name: target.name, ...(target.module !== undefined ? { module: target.module } : {}), sites, done: target.done === true, ...(hint !== undefined ? { hint } : {}) };
  });
}

export function isUnmatched(account: TargetAccount): boolean {
  return !account.done && Object.values(account.sites).every((count) => count === 0);
}

const IDENTIFIERS = /[A-Za-z_$][\w$]*/g;
const ES_IMPORT = /import\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*(["'])([^"']+)\2/g;
const REQUIRE = /\{([^}]*)\}\s*=\s*require\(\s*(["'])([^"']+)\2\s*\)/g;
const PY_IMPORT = /^\s*from\s+([\w.]+)\s+import\s+\(?([^)\n]*)/gm;

/** A near-miss name that occurs in the files, or the modules the name is imported from instead of `module`. */
function unmatchedHint(target: Target, files: readonly string[], options: { readonly cwd: string; readonly typed: boolean }): string | undefined {
  const { cwd } = options;
  const nearMiss = new Map<string, number>();
  // The typed engine takes a call for a target only when it returns a promise: a function not yet async matches nothing.
  let exact = 0;
  const otherModules = new Map<string, number>();
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const seen = new Set<string>();
    if (options.typed && mentionsWord(text, target.name)) exact++;
    for (const [word] of text.matchAll(IDENTIFIERS)) {
      if (word === target.name || seen.has(word) || Math.abs(word.length - target.name.length) > 2) continue;
      seen.add(word);
      if (closeness(word, target.name) !== undefined) nearMiss.set(word, (nearMiss.get(word) ?? 0) + 1);
    }
    if (target.module === undefined) continue;
    const modules = new Set<string>();
    // A path module is a file: any spelling of it in this file's directory is not "another module".
    const dir = path.dirname(file);
    for (const [, names, , specifier] of [...text.matchAll(ES_IMPORT), ...text.matchAll(REQUIRE)]) {
      if (importedNames(names!).includes(target.name) && !sameModule(target.module, specifier!, dir)) modules.add(suggestedModule(target.module, specifier!, { dir, cwd }));
    }
    for (const [, specifier, names] of text.matchAll(PY_IMPORT)) {
      if (importedNames(names!).includes(target.name) && specifier !== target.module) modules.add(specifier!);
    }
    for (const specifier of modules) otherModules.set(specifier, (otherModules.get(specifier) ?? 0) + 1);
  }
  const hints: string[] = [];
  if (exact > 0) hints.push(`${target.name} occurs in ${count(exact, "file")}, but the type checker sees none of its calls return a promise (is it async yet? the typed engine matches calls that return one)`);
  const best = [...nearMiss].sort((a, b) => closeness(a[0], target.name)! - closeness(b[0], target.name)! || b[1] - a[1])[0];
  if (best) hints.push(`did you mean ${best[0]}? (it occurs in ${count(best[1], "file")})`);
  for (const [specifier, inFiles] of [...otherModules].sort((a, b) => b[1] - a[1]).slice(0, 3)) {
    hints.push(`${target.name} is imported from '${specifier}' in ${count(inFiles, "file")}: did you mean that module?`);
  }
  return hints.length > 0 ? hints.join("; ") : undefined;
}

/** For a path module, the file the import names, as a path for the config (from `cwd`); else the specifier as written. */
function suggestedModule(module: string, specifier: string, where: { readonly dir: string; readonly cwd: string }): string {
  if (!isPathModule(module)) return specifier;
  const file = importedModulePath(specifier, where.dir);
  return file === undefined ? specifier : displayModule(file, where.cwd);
}

/** `a, b as c, type d` → the imported names a, b, d. */
function importedNames(list: string): string[] {
  return list.split(",").map((part) => part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!.trim()).filter(Boolean);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
