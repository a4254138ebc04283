/** What analysis reports about each matched call site. Plain data, no formatting. */
export type Action = "await" | "sync-variant" | "manual" | "ok";

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
}
