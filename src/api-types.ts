/**
 * The API's public types (api.ts), declared here on their own so the
 * published declarations stand alone: a consumer's type check reads this
 * file and errors.ts, never Babel's, ts-morph's or zod's types. api.ts
 * converts the internal records into these, so the compiler reports any
 * drift between the two.
 */

/** What happens, or should, at a matched call site. `make-async`: propagation makes the sync function around it async. */
export type Action = "await" | "sync-variant" | "make-async" | "manual" | "ok";

/** Which kinds of edit to make: awaiting in async scopes, switching to the sync variant in sync ones. */
export type EditKind = "await" | "sync-variant";

/** How targets are found: by name (`syntactic`) or by symbol and type (`typed`, with TypeScript's checker). */
export type Engine = "syntactic" | "typed";

/** Whether a file is an ES module (top-level await allowed) or CommonJS. */
export type ModuleKind = "esm" | "commonjs";

/** One matched call site. Plain data. */
export interface Finding {
  /** The file as the run named it: absolute for `fix`, `check` and `list`; as given to `transformSource`. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, as editors count for `file:line:col`. */
  readonly column: number;
  /** The target's name. */
  readonly target: string;
  readonly action: Action;
  /** Why: a sentence a reviewer can act on. */
  readonly reason: string;
  /** Present when an ignore comment made the site `ok`. */
  readonly ignored?: true;
  /** Propagation: from the configured target to the function made async (`make-async`) or the one that could not be (`manual`). */
  readonly chain?: readonly string[];
  /** Propagation: why the function cannot be made async, on a `manual` site where it stopped. */
  readonly stop?: string;
}

/** A warning about a file that is not a call site: an ignore comment that silences nothing. */
export interface FileWarning {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A type error the edits would add (`verify`), in the file or in one that imports it; code 0: the file is not in the TypeScript project, so it cannot be checked. */
export interface NewDiagnostic {
  readonly code: number;
  readonly message: string;
  /** 1-based, in `file`. */
  readonly line: number;
  /** Set when the error is in an unchanged file that imports the rejected one (absolute path). */
  readonly file?: string;
}

/** A target as in unawaited.config.json. */
export interface TargetConfig {
  /** The async function's name (`"default"` for a default export). */
  readonly name: string;
  /** Its sync variant: calls in sync code switch to it. */
  readonly sync?: string;
  /** The module it comes from: a specifier (`"next/headers"`), or a path starting with `.` or `/`. */
  readonly module?: string;
  /** Typed engine: the type the call's receiver must have. */
  readonly type?: string;
  /** No call site is left, on purpose: matching nothing is then expected. */
  readonly done?: boolean;
  /** Typed engine: a member call on an `any`/`unknown` receiver is this target. */
  readonly anyReceiver?: boolean;
}

/** A config as in unawaited.config.json; it is validated, and the defaults filled in, as the file would be. */
export interface Config {
  readonly targets?: readonly TargetConfig[];
  /** When a returned promise is awaited. Default: `"in-try-catch"`. */
  readonly returnAwait?: "in-try-catch" | "always" | "never";
  /** Whether a module's top level counts as an async scope. Default: `"auto"` (ES modules only). */
  readonly topLevelAwait?: "auto" | "always" | "never";
  readonly engine?: Engine;
  /** tsconfig.json for the typed engine. */
  readonly project?: string;
  /** Typed engine: every call that returns a promise is a target. */
  readonly allPromises?: boolean;
  /** Functions whose arguments are promises on purpose: `promiseAll`, `utils.settle`, `p-map#pMap`. */
  readonly promiseConsumers?: readonly string[];
  /** Make sync callers async where a target call has no sync variant, across files. Default: `"off"`. */
  readonly propagate?: "off" | "internal" | "all";
}

/** How many call sites a target matched, by action. */
export interface TargetAccount {
  readonly name: string;
  /** As configured; a path module relative to `cwd`. */
  readonly module?: string;
  readonly sites: Readonly<Record<Action, number>>;
  /** The config says its migration is finished. */
  readonly done: boolean;
  /** For a target that matched nothing: what the files suggest was meant (a near-miss name, another module). */
  readonly hint?: string;
}

/** `rejected`: changed, but `verify` found new type errors; never written. */
export type FileStatus = "changed" | "rejected" | "unchanged" | "skipped" | "error";

/** Counts over the whole run. */
export interface RunSummary {
  readonly files: {
    readonly scanned: number;
    readonly changed: number;
    readonly unchanged: number;
    readonly skipped: number;
    readonly failed: number;
    /** With `verify`: changed files whose edits add no type errors, and those whose edits do. */
    readonly verified?: number;
    readonly rejected?: number;
  };
  /** `ignored`: of the `ok` sites, those an ignore comment silenced. */
  readonly sites: { readonly awaited: number; readonly switched: number; readonly manual: number; readonly ok: number; readonly ignored: number };
  /** Ignore comments that silenced no call site. */
  readonly unusedIgnores: number;
  /** Source files were written. */
  readonly written: boolean;
  readonly interrupted: boolean;
  readonly durationMs: number;
}

/** Options `fix`, `check` and `list` share: the command line's, as values. Every field is optional. */
export interface RunOptions {
  /** What relative paths (in `paths`, `config`, `repos`, `project`, target modules) are relative to. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Files and directories to scan, each a root with its own config (`[paths..]`). Default: `["."]`. */
  readonly paths?: readonly string[];
  /** A text file listing repositories, one path a line (`--repos`); each runs, and fails, on its own. */
  readonly repos?: string;
  /** One config file for every path (`--config`). Default: `unawaited.config.json` (or package.json's `"unawaited"` key) found upward from each path. */
  readonly config?: string;
  /** Inline targets, `[module#]name[=>sync]` (`--target`); they replace the config's targets, and no config file is needed. */
  readonly targets?: readonly string[];
  /** `"i/n"`: only this slice of the files (of the repositories, with `repos`), as `--shard`. */
  readonly shard?: string;
  /** Extensions to scan, e.g. `["ts", "tsx"]` or `[".py"]` (`--extensions`). Default: every supported one. */
  readonly extensions?: readonly string[];
  /** .gitignore-style patterns to skip, relative to each path (`--ignore`). */
  readonly ignore?: readonly string[];
  /** Honour .gitignore files (`--no-gitignore` is `false`). Default: `true`. */
  readonly gitignore?: boolean;
  /** Larger files are skipped: bytes, or a size such as `"512KiB"` (`--max-file-size`). Default: `"1MiB"`. */
  readonly maxFileSize?: number | string;
  /** How targets are found: by name (`"syntactic"`) or by symbol and type (`"typed"`, needs a tsconfig). Overrides every config. */
  readonly engine?: Engine;
  /** tsconfig.json for the typed engine (`--project`). Default: found upward from each path. */
  readonly project?: string;
  /** Typed engine: every call that returns a promise is a target (`--all-promises`). */
  readonly allPromises?: boolean;
  /** Make sync callers async where a target call has no sync variant, across files (`--propagate`). Overrides every config. */
  readonly propagate?: "off" | "internal" | "all";
  /** Type-check each changed file, and the files that import it, with its edits; edits that add type errors are `"rejected"`, never written (`--verify`). */
  readonly verify?: boolean;
  /** Aborting stops the run between files; the result then says `interrupted`, and files written so far are whole. */
  readonly signal?: AbortSignal;
  /** Called after each file. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** `fix`'s options. Without `dry`, `patch` or `patchDir`, `fix` writes the changed files. */
export interface FixOptions extends RunOptions {
  /** Write nothing; read the changes from each file's `diff` or `after`. */
  readonly dry?: boolean;
  /** Write one patch of all changes to this file (for `git apply`) instead of the sources. */
  readonly patch?: string;
  /** Write `<dir>/<repo-name>.patch` per path instead of the sources. */
  readonly patchDir?: string;
  /** Write even where files to be changed have uncommitted changes (or are ignored by git). Default: refuse with `DIRTY_TREE`. */
  readonly force?: boolean;
}

/** `check`'s options: what may be left for `passed` to stay true. */
export interface CheckOptions extends RunOptions {
  /** Sites that need a person (`manual`) do not fail the check (`--allow-manual`). */
  readonly allowManual?: boolean;
  /** A target that matched no call site does not fail the check (`--allow-unmatched`). */
  readonly allowUnmatched?: boolean;
}

export type ListOptions = RunOptions;

/** One scanned file (or one skipped before scanning). */
export interface FileReport {
  /** Absolute. */
  readonly file: string;
  /** Relative to `cwd`, with `/` separators: how the CLI shows it. */
  readonly path: string;
  /**
   * `changed`: has edits (written, unless dry or patches were asked for);
   * `rejected`: has edits that `verify` refused; `unchanged`; `skipped` (too
   * large, binary, not in the TypeScript project, not written after an
   * interrupt…: see `message`); `error`: could not be read, parsed or written.
   */
  readonly status: FileStatus;
  /** Every matched call site, with the action taken or advised and why. */
  readonly findings: readonly Finding[];
  /** The text before and after the edits, for `changed` and `rejected` files. */
  readonly before?: string;
  readonly after?: string;
  /** The edits as a unified diff with paths relative to `cwd` (`git apply` takes it from there); for `changed` and `rejected` files. */
  readonly diff?: string;
  /** Why the file was skipped, failed or rejected. */
  readonly message?: string;
  /** For a parse error: where (1-based). */
  readonly line?: number;
  readonly column?: number;
  /** Ignore comments that silenced no call site. */
  readonly warnings: readonly FileWarning[];
  /** With `verify`, for changed files: the type errors the edits would add (empty: verified). */
  readonly newDiagnostics?: readonly NewDiagnostic[];
}

/** A file that failed, or (with `repos`) a repository that could not run or was not written. */
export interface RunError {
  readonly kind: "file" | "repository";
  /** Absolute. */
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** What `fix`, `check` and `list` return. */
export interface RunReport {
  readonly command: "fix" | "check" | "list";
  /** Every file, sorted by path within each root. */
  readonly files: readonly FileReport[];
  /** Files with status `error`, and repositories that failed. */
  readonly errors: readonly RunError[];
  /** Counts of files and sites; `written` says whether sources were written. */
  readonly summary: RunSummary;
  /** How many call sites each target matched, by action; module paths relative to `cwd`. */
  readonly targets: readonly TargetAccount[];
  /** Targets that matched no call site (not judged for a shard or an interrupted run), each with a hint when one is found. */
  readonly unmatched: readonly TargetAccount[];
  /** Config warnings: a target type the syntactic engine ignores, a path module that names no file. */
  readonly warnings: readonly string[];
  /** The signal aborted the run: the files not reached are missing, those not written say so. */
  readonly interrupted: boolean;
}

export interface FixReport extends RunReport {
  readonly command: "fix";
  /** Patch files written (absolute), with `patch` or `patchDir`. */
  readonly patches: readonly string[];
}

export interface CheckReport extends RunReport {
  readonly command: "check";
  /**
   * What `unawaited check` exits 0 for: nothing left to await or switch, no
   * manual site (unless `allowManual`), no unmatched target (unless
   * `allowUnmatched`), no failed repository, not interrupted.
   */
  readonly passed: boolean;
}

export interface ListReport extends RunReport {
  readonly command: "list";
}

/** `transformSource`'s options. `config` or `targets` (or both) must say what to look for. */
export interface TransformSourceOptions {
  /**
   * The file's name: its extension picks the language and parser (.ts, .tsx,
   * .mts, .cts, .js, .jsx, .mjs, .cjs, .py); its directory resolves targets
   * whose module is a path. The file need not exist: it is never read (its nearest package.json may be, for `moduleKind`).
   */
  readonly file: string;
  /** A config as in unawaited.config.json (validated, defaults filled in; a path module is relative to `process.cwd()`). */
  readonly config?: Config;
  /** Target specs `[module#]name[=>sync]`; they replace `config.targets`. */
  readonly targets?: readonly string[];
  /** Which edits to make: `["await"]` is the await-async-calls transform, `["sync-variant"]` use-sync-variant. Default: both. */
  readonly edits?: readonly EditKind[];
  /** Whether the module's top level may `await` (with `topLevelAwait: "auto"`). Default: Node's rules for `file` (extension, nearest package.json). */
  readonly moduleKind?: ModuleKind;
}

export interface TransformSourceResult {
  /** The edited text; the source itself when nothing changed. */
  readonly output: string;
  readonly changed: boolean;
  /** Every matched call site, with `file` as given. */
  readonly findings: readonly Finding[];
  /** Ignore comments that silenced no call site. */
  readonly warnings: readonly FileWarning[];
}

