/**
 * The shared decision (src/decision/decide.ts) as a table: facts in, action
 * out. The same facts give the same action in both languages except where a
 * language fact says otherwise (a coroutine does not flatten).
 */
import { describe, expect, it } from "vitest";
import type { Action } from "../src/decision/findings";
import { decide } from "../src/decision/decide";
import { JAVASCRIPT, PYTHON, type LanguageFacts, type SiteFacts } from "../src/decision/facts";

const ASYNC = { kind: "async", where: "an async function" } as const;
const SYNC = { kind: "sync", where: "a sync function" } as const;

function facts(language: LanguageFacts, overrides: Partial<SiteFacts>): SiteFacts {
  return {
    language,
    scope: ASYNC,
    returnAwait: "in-try-catch",
    direct: undefined,
    stored: undefined,
    floating: false,
    handlesRejection: undefined,
    hazard: undefined,
    syncVariant: undefined,
    syncBlocker: () => undefined,
    ...overrides,
  };
}

interface Row {
  readonly name: string;
  readonly facts: Partial<SiteFacts>;
  readonly javascript: Action;
  readonly python: Action;
}

const CAN = () => ({ ok: true, name: "readConfig" }) as const;
const CANNOT = () => ({ ok: false, reason: "readConfig cannot be made async: it is a constructor" }) as const;
const READ_AS_VALUE = () => ({ ok: false, reason: "size cannot be made async: it is a getter, which cannot be async", readAsValue: true }) as const;

const returned = (fromAsync: boolean, inTry = false) => ({ kind: "returned", inTry, fromAsync }) as const;

const ROWS: readonly Row[] = [
  { name: "a value use in an async scope", facts: {}, javascript: "await", python: "await" },
  { name: "floating in an async scope", facts: { floating: true }, javascript: "await", python: "await" },
  { name: "awaited", facts: { direct: { kind: "awaited" } }, javascript: "ok", python: "ok" },
  { name: "returned from an async function", facts: { direct: returned(true) }, javascript: "ok", python: "await" },
  { name: "returned from an async function, returnAwait never", facts: { direct: returned(true), returnAwait: "never" }, javascript: "ok", python: "await" },
  { name: "returned inside try", facts: { direct: returned(true, true) }, javascript: "await", python: "await" },
  { name: "returned from a sync function", facts: { scope: SYNC, direct: returned(false) }, javascript: "ok", python: "ok" },
  {
    name: "stored, used as the value and as a promise",
    facts: { stored: { name: "m", references: [{ kind: "value", line: 2 }, { kind: "promise", line: 3, use: { kind: "awaited" } }] } },
    javascript: "await",
    python: "await",
  },
  {
    name: "stored, passed to a function and used as a promise",
    facts: { stored: { name: "m", references: [{ kind: "argument", line: 2 }, { kind: "promise", line: 3, use: { kind: "awaited" } }] } },
    javascript: "manual",
    python: "manual",
  },
  {
    name: "stored, then returned from the async function",
    facts: { stored: { name: "m", references: [{ kind: "promise", line: 3, use: returned(true) }] } },
    javascript: "ok",
    python: "await",
  },
  {
    name: "stored in a sync scope, then returned from an async function",
    facts: { scope: SYNC, syncVariant: "load", stored: { name: "self.m", references: [{ kind: "promise", line: 3, use: returned(true) }] } },
    javascript: "ok",
    python: "manual",
  },
  {
    name: "stored, used only in ways the analysis cannot follow",
    facts: { stored: { name: "m", references: [{ kind: "opaque", line: 2 }] } },
    javascript: "manual",
    python: "manual",
  },
  { name: "a floating chain that handles the rejection", facts: { floating: true, handlesRejection: "catch" }, javascript: "ok", python: "ok" },
  { name: "a chain that handles the rejection, used as a value", facts: { handlesRejection: "catch" }, javascript: "await", python: "await" },
  { name: "where await is not allowed", facts: { scope: { kind: "no-await", where: "a parameter default value" } }, javascript: "manual", python: "manual" },
  { name: "a deliberate use where await is not allowed", facts: { scope: { kind: "generator-expression", where: "a generator expression" }, direct: { kind: "consumed", by: "asyncio.gather" } }, javascript: "ok", python: "ok" },
  { name: "an await would change the syntax around it", facts: { hazard: { kind: "optional-chain" } }, javascript: "manual", python: "manual" },
  { name: "sync scope without a sync variant", facts: { scope: SYNC }, javascript: "manual", python: "manual" },
  { name: "sync scope with a sync variant", facts: { scope: SYNC, syncVariant: "load" }, javascript: "sync-variant", python: "sync-variant" },
  { name: "sync scope, the sync variant cannot be written", facts: { scope: SYNC, syncVariant: "load", syncBlocker: () => "load is taken" }, javascript: "manual", python: "manual" },
  // Propagation.
  { name: "propagation: sync scope without a sync variant, the function can be made async", facts: { scope: SYNC, propagation: CAN }, javascript: "make-async", python: "make-async" },
  { name: "propagation: the function cannot be made async (a stop)", facts: { scope: SYNC, propagation: CANNOT }, javascript: "manual", python: "manual" },
  { name: "propagation: a sync variant still wins", facts: { scope: SYNC, syncVariant: "load", propagation: CAN }, javascript: "sync-variant", python: "sync-variant" },
  { name: "propagation: made async, the call would then be manual", facts: { scope: SYNC, propagation: CAN, hazard: { kind: "optional-chain" } }, javascript: "manual", python: "manual" },
  { name: "propagation: returned from a function that can be made async", facts: { scope: SYNC, direct: returned(false), propagation: CAN }, javascript: "make-async", python: "make-async" },
  { name: "propagation: returned from a callback", facts: { scope: SYNC, direct: returned(false), propagation: CANNOT }, javascript: "ok", python: "ok" },
  { name: "propagation: a function made async, returned from a callback", facts: { scope: SYNC, direct: returned(false), propagation: CANNOT, calleeMadeAsync: true }, javascript: "manual", python: "manual" },
  { name: "propagation: returned from a getter, read as a value", facts: { scope: SYNC, direct: returned(false), propagation: READ_AS_VALUE }, javascript: "manual", python: "manual" },
  { name: "propagation: deliberate uses stay ok", facts: { scope: SYNC, direct: { kind: "consumed", by: "Promise.all" }, propagation: CAN }, javascript: "ok", python: "ok" },
];

describe("decide", () => {
  for (const row of ROWS) {
    it(row.name, () => {
      expect({ javascript: decide(facts(JAVASCRIPT, row.facts)).action, python: decide(facts(PYTHON, row.facts)).action }).toEqual({
        javascript: row.javascript,
        python: row.python,
      });
    });
  }

  it("make-async says whether the call itself is awaited: a coroutine returned from the async def is", () => {
    expect(decide(facts(JAVASCRIPT, { scope: SYNC, propagation: CAN })).awaitCall).toBe(true);
    expect(decide(facts(JAVASCRIPT, { scope: SYNC, direct: returned(false), propagation: CAN })).awaitCall).toBe(false);
    expect(decide(facts(PYTHON, { scope: SYNC, direct: returned(false), propagation: CAN })).awaitCall).toBe(true);
  });

  it("asks whether the function can be made async only where no sync variant decides", () => {
    let asked = 0;
    const propagation = () => {
      asked++;
      return CAN();
    };
    decide(facts(JAVASCRIPT, { propagation }));
    decide(facts(JAVASCRIPT, { scope: SYNC, syncVariant: "load", propagation }));
    expect(asked).toBe(0);
    decide(facts(JAVASCRIPT, { scope: SYNC, propagation }));
    expect(asked).toBe(1);
  });

  it("asks for the sync variant's blocker only when the sync variant would be the decision", () => {
    let asked = 0;
    const syncBlocker = () => {
      asked++;
      return undefined;
    };
    decide(facts(JAVASCRIPT, { syncVariant: "load", syncBlocker }));
    decide(facts(JAVASCRIPT, { scope: SYNC, syncVariant: "load", syncBlocker, direct: { kind: "awaited" } }));
    expect(asked).toBe(0);
    decide(facts(JAVASCRIPT, { scope: SYNC, syncVariant: "load", syncBlocker }));
    expect(asked).toBe(1);
  });
});
