/**
 * The config's enumerations and defaults, apart from the zod schema
 * (schema.ts), so the common path can check a config without loading zod
 * (plain.ts).
 */
export const returnAwaitValues = ["in-try-catch", "always", "never"] as const;
export const topLevelAwaitValues = ["auto", "always", "never"] as const;
export const engineValues = ["syntactic", "typed"] as const;
/** Propagation: make a sync caller async where it has no sync variant; `internal` keeps a package entry point's exports as they are. */
export const propagateValues = ["off", "internal", "all"] as const;

export type ReturnAwait = (typeof returnAwaitValues)[number];
export type TopLevelAwait = (typeof topLevelAwaitValues)[number];
export type Engine = (typeof engineValues)[number];
export type Propagate = (typeof propagateValues)[number];

/** A JavaScript identifier (also what Python names look like). */
export const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A `promiseConsumers` entry: a name (`promiseAll`), a dotted path
 * (`utils.settle`), or an imported name (`@acme/async#pMap`, `app.aio#gather_all`).
 */
export const PROMISE_CONSUMER = /^(?:\S+#[A-Za-z_$][\w$]*|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/;

export const DEFAULTS = {
  returnAwait: "in-try-catch",
  topLevelAwait: "auto",
  engine: "syntactic",
  allPromises: false,
  promiseConsumers: [],
  propagate: "off",
} as const satisfies { returnAwait: ReturnAwait; topLevelAwait: TopLevelAwait; engine: Engine; allPromises: boolean; promiseConsumers: readonly string[]; propagate: Propagate };
