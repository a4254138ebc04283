/**
 * Plain facts about one call site, as each language's analysis finds them
 * (JavaScript/TypeScript in src/javascript/facts/, Python in src/python/facts/). The
 * decision (decide.ts) reads only these: a difference between the languages
 * is a field here, never a second copy of a rule.
 */
import type { ReturnAwait } from "../config/values";

export interface LanguageFacts {
  /**
   * Whether a returned call's result flattens into the caller's: a promise
   * returned from an async function does (the caller's `await` gets the
   * value); a coroutine returned from an `async def` does not (the caller's
   * `await` gets a coroutine object).
   */
  readonly returnedValueFlattens: boolean;
  /** What a call of a target gives, in reasons: "promise", "coroutine". */
  readonly noun: string;
  /** Its type's name: "Promise", "coroutine". */
  readonly typeName: string;
}

export const JAVASCRIPT: LanguageFacts = { returnedValueFlattens: true, noun: "promise", typeName: "Promise" };
export const PYTHON: LanguageFacts = { returnedValueFlattens: false, noun: "coroutine", typeName: "coroutine" };

export type ScopeFacts =
  | { readonly kind: "async"; readonly where: string }
  | { readonly kind: "sync"; readonly where: string }
  /** `await` is a syntax error here even in an async function: a parameter default, a decorator. */
  | { readonly kind: "no-await"; readonly where: string }
  /** Python: a generator expression in an `async def`, which an `await` would turn into an async generator. */
  | { readonly kind: "generator-expression"; readonly where: string };

/** A use of the call's value *as a promise* (or coroutine), as the language sees it. */
export type PromiseUse =
  | { readonly kind: "awaited" }
  | { readonly kind: "void" }
  | { readonly kind: "chained"; readonly method: string }
  /** An argument of a function that takes promises: `Promise.all`, `asyncio.gather`, a configured consumer. */
  | { readonly kind: "consumed"; readonly by: string }
  /** A promise assertion: `expect(p).rejects`, `expect(p).to.eventually`, `p.should.be.rejected`, `assert.rejects(p)`. */
  | { readonly kind: "asserted"; readonly how: string }
  /**
   * Returned to the caller. `inTry`: from a block whose handler or cleanup
   * would miss a rejection that settles later (a `try` block, a `catch` with
   * a `finally`, `async with`). `fromAsync`: the return is in an async function.
   */
  | { readonly kind: "returned"; readonly inTry: boolean; readonly fromAsync: boolean }
  /** Python: iterated with each item awaited (`for t in tasks: await t`). */
  | { readonly kind: "iterated" }
  /** Declared as a promise: an annotation (`Awaitable[T]`), or the type checker's word. */
  | { readonly kind: "typed"; readonly detail: string };

/** How one later reference to a stored result uses it. */
export type StoredReference =
  | { readonly kind: "promise"; readonly line: number; readonly use: PromiseUse }
  /** As the value: `m.x` (other than then/catch/finally), `m[0]`, `m()`, `m + 1`. */
  | { readonly kind: "value"; readonly line: number }
  /** Passed to a function that is not a known consumer: it may take the promise or the value. */
  | { readonly kind: "argument"; readonly line: number }
  /** Used in a way the analysis does not follow (`await tasks.pop()`, `alias = task`). */
  | { readonly kind: "opaque"; readonly line: number };

export interface StoredFacts {
  /** The variable or member, as written: `pending`, `this.ready`. */
  readonly name: string;
  /** The references that run after the store, in source order. */
  readonly references: readonly StoredReference[];
}

/** What an `await` at the call itself would break or change, when it would. */
export type AwaitHazard =
  /** `a?.f().x`: awaiting would end the chain's short-circuit. */
  | { readonly kind: "optional-chain" }
  /** Python `async for x in f()`, `async with f()`: right for an async iterator or context manager, wrong for a coroutine. */
  | { readonly kind: "async-statement"; readonly statement: "async for" | "async with" }
  /** Python `f"{f()=}"`: the expression's text is printed. */
  | { readonly kind: "debug-f-string" };

export interface SiteFacts {
  readonly language: LanguageFacts;
  readonly scope: ScopeFacts;
  readonly returnAwait: ReturnAwait;
  /** How the call's own value is used as a promise, if it is. */
  readonly direct: PromiseUse | undefined;
  /** Where the value is stored, when it is, and how each later reference uses it. */
  readonly stored: StoredFacts | undefined;
  /** The call is a statement of its own: its value is dropped. */
  readonly floating: boolean;
  /** The call itself handles a rejection: `p.catch(h)`, `p.then(a, b)` (the method's name). */
  readonly handlesRejection: string | undefined;
  readonly hazard: AwaitHazard | undefined;
  /** A reviewer silenced this site with an ignore comment (decision/ignores.ts), with the reason written, if any. */
  readonly ignoredBy?: { readonly reason: string | undefined };
  /**
   * Why the resolver cannot back an edit here, when it cannot tell (typed
   * engine: a receiver typed `any`, so the call may not be the target; an
   * argument of a function typed `any`, which may want the promise; Python: a
   * receiver held by a plain `with`, a sync resource): an edit then becomes manual.
   */
  readonly unprovenEdit?: string;
  /** The configured sync variant, if any. */
  readonly syncVariant: string | undefined;
  /** Why the sync variant cannot be written at this call, if it cannot; asked only when it would be. */
  syncBlocker(): string | undefined;
  /**
   * Propagation on: whether the sync function around the call can be made
   * async (by what name it is called), or why not. Asked only in a sync
   * scope with no sync variant; absent when propagation is off.
   */
  readonly propagation?: () => PromotionFacts;
  /**
   * The callee is a function this run made async (propagation): its callers
   * were written for a value, so none of their uses is a deliberate promise use.
   */
  readonly calleeMadeAsync?: boolean;
}

export type PromotionFacts =
  | { readonly ok: true; readonly name: string }
  /** `readAsValue`: its callers read what it returns as a value, never as a promise (a getter, a property, `toJSON`, `__str__`). */
  | { readonly ok: false; readonly reason: string; readonly readAsValue?: true };

