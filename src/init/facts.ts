/**
 * What `unawaited init --discover` learns from a file's declarations, as
 * plain data: each named function or method, whether calling it gives a
 * promise (or coroutine), and where a sync twin of it would have to live.
 * The language steps (declarations-js.ts, declarations-py.ts) produce these;
 * candidates.ts decides from them.
 */

/**
 * `async`: calling it gives a promise or a coroutine (`async`, or a declared
 * `Promise<…>`/`PromiseLike<…>` return type; Python `async def`).
 * `sync`: an ordinary function, not returning a declared promise.
 * `other`: neither counts, e.g. an async generator (iterated, never awaited).
 */
export type CallKind = "async" | "sync" | "other";

export interface FunctionFact {
  readonly name: string;
  /** Absolute path. */
  readonly file: string;
  /** 1-based line of the name. */
  readonly line: number;
  readonly kind: CallKind;
  /**
   * Where a sync twin must be declared to count as this function's twin: the
   * module (`<file>`) for functions, one class or object literal
   * (`<file>:<offset>`) for methods.
   */
  readonly container: string;
  readonly language: "js" | "python";
}
