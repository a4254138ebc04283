/**
 * A function propagation made async in a file, as plain data: the runner
 * makes it a target for the rest of the run, the graph draws it.
 */
export interface Promotion {
  /** Absolute path of its file. */
  readonly file: string;
  readonly name: string;
  readonly kind: "function" | "method";
  /** Offset of the identifier binding its name in the file, or -1. */
  readonly nameStart: number;
  /** Offset of its name as declared (a method's key too), or -1 (JavaScript and TypeScript: the typed engine's handle on its declaration). */
  readonly declaredAt?: number;
  readonly line: number;
  readonly column: number;
  /** From the configured target to this function. */
  readonly chain: readonly string[];
  /** How other files import its module, when not by its path: a dotted Python module (`app.users`). */
  readonly module?: string;
  /** Its module's default export: importers call it by a name of their own. */
  readonly defaultExport?: true;
  /** How reports name it when its name alone is ambiguous: `LocalNamer.nameOf`, a member of a hierarchy made async with another. */
  readonly label?: string;
  /**
   * The calls in it that made it async: which target, declared where (a
   * function made async earlier: its file, and its name's offset there), and
   * where the call is.
   */
  readonly calls: readonly { readonly target: string; readonly targetFile?: string; readonly targetAt?: number; readonly line: number; readonly column: number }[];
}

/** What analysis reports about each matched call site. Plain data, no formatting. */
/**
 * `make-async`: the call is in a sync function with no sync variant, and
 * propagation makes that function async (the call is then awaited by the
 * usual rules, and the function's own callers become targets).
 */
export type Action = "await" | "sync-variant" | "make-async" | "manual" | "ok";

export interface Finding {
  /** The file as the caller named it. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, as editors count for `file:line:col`. */
  readonly column: number;
  /** The configured target's name. */
  readonly target: string;
  readonly action: Action;
  /** Why: a sentence a reviewer can act on. */
  readonly reason: string;
  /** Present (true) when an ignore comment made the site `ok`. */
  readonly ignored?: true;
  /**
   * Propagation: from the configured target to the function made async
   * (`make-async`) or the one that could not be (a `manual` stop):
   * ["load", "readConfig", "main"].
   */
  readonly chain?: readonly string[];
  /** A `manual` site where propagation stopped: why the function (the chain's last) cannot be made async. */
  readonly stop?: string;
}
