/**
 * The one decision: from a call site's facts (facts.ts) to `await`,
 * `sync-variant`, `manual` or `ok`, with the reason. Both languages feed it;
 * the README's "Rules" table documents it, rule by rule, in this order:
 *
 *   0. silenced by an ignore comment: ok, with the comment's reason
 *  0b. an edit (await, sync variant) nothing can back (typed engine: a receiver typed `any`,
 *      an argument of a function typed `any`; Python: a receiver held by a plain `with`): manual
 *   1. a stored result used as the value (`m.x`, `m()`, `m + 1`) is not a promise use,
 *      whatever else uses it; passed on to an unknown function *and* used as a promise: manual
 *   2. stored, then used in a way the analysis cannot follow: manual
 *   3. used as a promise on purpose (awaited, void, chained, consumed, asserted,
 *      returned, iterated, typed): ok, in any scope, except rule 4
 *   4. returned from an async function: awaited when the value does not flatten
 *      (a coroutine), or under `returnAwait` (inside try, or "always")
 *   5. a handled rejection as a statement (`p.catch(h)`, `p.then(a, b)`): ok
 *   6. where `await` is not allowed (parameter default, decorator, generator expression): manual
 *   7. in an async scope: awaited, unless the syntax around the call would change (manual)
 *   8. in a sync scope: the sync variant, or manual without one (or when it cannot be written);
 *      with propagation on and no sync variant, the function around it is made async
 *      (make-async) when it can be and the call would then be fine under rule 7
 */
import type { Action } from "./findings";
import type { PromiseUse, SiteFacts, StoredReference } from "./facts";

export interface Decision {
  readonly action: Action;
  readonly reason: string;
  /** Set when an ignore comment decided it (rule 0). */
  readonly ignored?: true;
  /** make-async: the call itself is then awaited (rule 7 in the function made async); otherwise it is fine as it is. */
  readonly awaitCall?: boolean;
}

/** What the value's uses come to, before the scope is looked at. */
type Verdict =
  | { readonly kind: "none" }
  | { readonly kind: "deliberate"; readonly use: PromiseUse; readonly reason: string }
  | { readonly kind: "value"; readonly reason: string }
  | { readonly kind: "manual"; readonly reason: string };

export function decide(facts: SiteFacts): Decision {
  if (facts.ignoredBy) {
    const { reason } = facts.ignoredBy;
    return { action: "ok", reason: reason === undefined ? "ignored by a comment" : `ignored by a comment: ${reason}`, ignored: true };
  }
  const decision = decideEdit(facts);
  // Rule 0b: an edit needs the call to be the target; a deliberate use or a manual finding stands either way.
  if (facts.unprovenEdit !== undefined && (decision.action === "await" || decision.action === "sync-variant" || decision.action === "make-async")) {
    return { action: "manual", reason: facts.unprovenEdit };
  }
  return decision;
}

function decideEdit(facts: SiteFacts): Decision {
  const verdict = usesOf(facts);
  if (verdict.kind === "manual") return { action: "manual", reason: verdict.reason };
  if (verdict.kind === "deliberate") {
    const use = verdict.use;
    if (use.kind === "returned" && !use.fromAsync) return returnedFromSync(facts, verdict.reason);
    if (use.kind !== "returned" || !use.fromAsync) return { action: "ok", reason: verdict.reason };
    const why = returnMustAwait(use, facts);
    if (why === undefined) return { action: "ok", reason: verdict.reason };
    if (facts.scope.kind === "async") return { action: "await", reason: why };
  }
  if (facts.floating && facts.handlesRejection !== undefined) {
    return { action: "ok", reason: `its rejection is handled by .${facts.handlesRejection}()` };
  }
  const { scope } = facts;
  if (scope.kind === "no-await") {
    return { action: "manual", reason: `in ${scope.where}, where await is not allowed; move the call out of it by hand` };
  }
  if (scope.kind === "generator-expression") {
    return { action: "manual", reason: `in ${scope.where}, where await would turn it into an async generator; rewrite by hand (a list comprehension, or asyncio.gather)` };
  }
  if (scope.kind === "async") {
    const hazard = hazardReason(facts);
    if (hazard) return { action: "manual", reason: hazard };
    if (verdict.kind === "value") return { action: "await", reason: verdict.reason };
    return {
      action: "await",
      reason: facts.floating ? floatingReason(facts) : `the result is used as a value in ${scope.where}`,
    };
  }
  if (facts.syncVariant === undefined) {
    const promotion = facts.propagation?.();
    const noVariant = `called in ${scope.where}, where await is not available, and no sync variant is configured`;
    if (promotion?.ok) {
      const { propagation: _propagation, ...rest } = facts;
      const asAsync = decideEdit({ ...rest, scope: { kind: "async", where: "an async function" } });
      if (asAsync.action === "manual") return { action: "manual", reason: `${noVariant}; ${promotion.name} could be made async, but then: ${asAsync.reason}` };
      const awaitCall = asAsync.action === "await";
      return { action: "make-async", reason: `${noVariant}: ${promotion.name} is made async${awaitCall ? " and the call awaited" : ""}`, awaitCall };
    }
    return {
      action: "manual",
      reason: `${noVariant}; the result is a ${facts.language.typeName}${promotion ? `; ${promotion.reason}` : ""}`,
    };
  }
  const blocked = facts.syncBlocker();
  if (blocked) return { action: "manual", reason: blocked };
  return { action: "sync-variant", reason: `called in ${scope.where}, where await is not available: use the sync variant ${facts.syncVariant}` };
}

/**
 * Rule 3 with propagation: a sync function that returns the promise is async
 * in all but name, and its callers get a promise. It is made async (its type
 * then says so, and its callers are followed) when it can be; otherwise (a
 * callback such as `.then(() => load())`) the return stays deliberate.
 */
function returnedFromSync(facts: SiteFacts, reason: string): Decision {
  const promotion = facts.scope.kind === "sync" ? facts.propagation?.() : undefined;
  if (!promotion?.ok) {
    // Returning what was a value until this run made the callee async changes what the caller gets: a person decides.
    // So does returning a target's promise from a getter (or the like) in a migration: its readers expect a value.
    if (facts.calleeMadeAsync || (promotion && !promotion.ok && promotion.readAsValue)) {
      return { action: "manual", reason: `returned from ${facts.scope.where}, which now hands its callers a ${facts.language.noun} instead of a value${promotion ? `; ${promotion.reason}` : ""}` };
    }
    return { action: "ok", reason };
  }
  const awaitCall = !facts.language.returnedValueFlattens;
  return {
    action: "make-async",
    reason: `${reason}: ${promotion.name} hands it to its callers, so it is made async${awaitCall ? ` and the call awaited (a ${facts.language.noun} does not flatten)` : ""} and its callers are followed`,
    awaitCall,
  };
}

function usesOf(facts: SiteFacts): Verdict {
  const noun = facts.language.noun;
  if (facts.direct) return { kind: "deliberate", use: facts.direct, reason: describeUse(facts.direct, noun) };
  const stored = facts.stored;
  if (!stored) return { kind: "none" };
  // A later `return m` from an async def hands the caller a coroutine: for this rule it is a value use.
  const asValue = (reference: StoredReference) => reference.kind === "value"
    || (reference.kind === "promise" && reference.use.kind === "returned" && reference.use.fromAsync && !facts.language.returnedValueFlattens);
  // Only worth saying when something else uses it as a promise; otherwise it is the plain value-use case.
  const value = stored.references.some((r) => r.kind === "promise") ? stored.references.find(asValue) : undefined;
  if (value) {
    const returned = value.kind === "promise";
    if (returned && facts.scope.kind !== "async") {
      // `self.task = f()` in __init__, returned by an async method: the store has no await to take.
      return {
        kind: "manual",
        reason: `stored in ${stored.name}, which line ${value.line} returns from an async function: a ${noun} does not flatten, and ${facts.scope.where} cannot await it; fix by hand`,
      };
    }
    return {
      kind: "value",
      reason: returned
        ? `stored in ${stored.name}, which line ${value.line} returns from ${facts.scope.where}: a ${facts.language.noun} does not flatten, so it is awaited where it is stored`
        : `stored in ${stored.name}, which line ${value.line} uses as the value: awaited where it is stored`,
    };
  }
  const promise = stored.references.find((r): r is Extract<StoredReference, { kind: "promise" }> => r.kind === "promise");
  const argument = stored.references.find((r) => r.kind === "argument");
  if (promise && argument) {
    return {
      kind: "manual",
      reason: `stored in ${stored.name}, which line ${argument.line} passes to a function and line ${promise.line} uses as a ${facts.language.noun}: only a person can tell whether that function wants the ${facts.language.noun} or its value`,
    };
  }
  if (promise) {
    return { kind: "deliberate", use: promise.use, reason: `stored in ${stored.name}, which is used as a ${noun} at line ${promise.line} (${describeUse(promise.use, noun)})` };
  }
  const opaque = stored.references.find((r) => r.kind === "opaque");
  if (opaque) {
    return {
      kind: "manual",
      reason: `stored in ${stored.name}, which line ${opaque.line} uses in a way unawaited cannot follow (awaited through an expression, or copied to another name); check by hand`,
    };
  }
  return { kind: "none" };
}

/** Why a call returned from an async function must be awaited, if it must. */
function returnMustAwait(use: Extract<PromiseUse, { kind: "returned" }>, facts: SiteFacts): string | undefined {
  if (!facts.language.returnedValueFlattens) {
    return `returned from ${facts.scope.where}: a ${facts.language.noun} does not flatten, so the caller's await would get the ${facts.language.noun} itself`;
  }
  if (facts.returnAwait === "always") return "returned: awaited because returnAwait is \"always\"";
  if (facts.returnAwait === "in-try-catch" && use.inTry) return "returned inside try: awaited so the catch/finally sees its rejection";
  return undefined;
}

function hazardReason(facts: SiteFacts): string | undefined {
  const hazard = facts.hazard;
  if (!hazard) return undefined;
  switch (hazard.kind) {
    case "optional-chain":
      return "inside an optional chain that continues after the call (a?.f().x): awaiting it would end the chain's short-circuit; rewrite by hand";
    case "async-statement":
      return `used by ${hazard.statement}: right if it returns an async ${hazard.statement === "async with" ? "context manager" : "iterator"}, wrong if it is a coroutine; check by hand`;
    case "debug-f-string":
      return "inside an f-string's = specifier, which prints the expression's text: awaiting changes what it prints; rewrite by hand";
  }
}

function floatingReason(facts: SiteFacts): string {
  return facts.language.returnedValueFlattens
    ? `a floating promise in ${facts.scope.where}: its completion and errors are not waited for`
    : `a coroutine never awaited in ${facts.scope.where}: it does not run, and its errors are lost`;
}

export function describeUse(use: PromiseUse, noun: string): string {
  switch (use.kind) {
    case "awaited":
      return "already awaited";
    case "void":
      return "explicitly discarded with void";
    case "chained":
      return `used as a ${noun}: chained with .${use.method}()`;
    case "consumed":
      return `used as a ${noun}: passed to ${use.by}`;
    case "asserted":
      return `used as a ${noun}: asserted with ${use.how}`;
    case "returned":
      return `returned as a ${noun} to the caller`;
    case "iterated":
      return "iterated, and each item awaited";
    case "typed":
      return `used as a ${noun}: ${use.detail}`;
  }
}
