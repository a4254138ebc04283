/**
 * Errors a user can act on. Each carries a stable code, a one-line title, a
 * hint that says how to fix it, and the exit code the CLI should use. Nothing
 * in src/ exits the process: bin/ maps these to `process.exitCode`.
 */
export type ErrorCode =
  | "CONFIG_NOT_FOUND"
  | "CONFIG_UNREADABLE"
  | "CONFIG_INVALID_JSON"
  | "CONFIG_INVALID"
  | "PATH_NOT_FOUND"
  | "DIRTY_TREE"
  | "USAGE"
  /** API only (transformSource): the source is not valid syntax for its language. */
  | "PARSE_ERROR"
  /** A bug in unawaited (the API wraps unexpected exceptions in it); exit code 3. */
  | "INTERNAL";

export class UnawaitedError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "UnawaitedError";
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 2;
  }
}

export function isUnawaitedError(error: unknown): error is UnawaitedError {
  return error instanceof UnawaitedError;
}
