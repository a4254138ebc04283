/**
 * The config, declared once. The TypeScript types are derived from the schema;
 * defaults live in `DEFAULTS`, apart from the shape, so `resolveConfig` is the
 * only place that fills them in. zod is loaded on first use only: a plainly
 * valid config never needs it (plain.ts).
 */
import type { z as Zod } from "zod";
import { engineValues, IDENTIFIER, PROMISE_CONSUMER, propagateValues, returnAwaitValues, topLevelAwaitValues } from "./values";

export { DEFAULTS, engineValues, propagateValues, returnAwaitValues, topLevelAwaitValues } from "./values";
export type { Engine, Propagate, ReturnAwait, TopLevelAwait } from "./values";
import type { Engine, Propagate, ReturnAwait, TopLevelAwait } from "./values";

function build(z: typeof Zod) {
  const identifier = z
    .string()
    .regex(IDENTIFIER, { message: "must be a JavaScript identifier, e.g. \"createWebSocketManager\"" });

  const targetSchema = z
    .object({
      name: z
        .string({ invalid_type_error: "must be a string: the async function's name, e.g. \"createWebSocketManager\"" })
        .refine((name) => name === "default" || IDENTIFIER.test(name), {
          message: "must be a JavaScript identifier (or \"default\" for a default export), e.g. \"createWebSocketManager\"",
        }),
      sync: identifier.optional(),
      module: z.string().min(1, { message: "must be a module specifier, e.g. \"next/headers\", or a file path relative to the config, e.g. \"./src/ws/websocket-manager\"" }).optional(),
      /** A class or interface: only member calls on receivers of this type match (typed engine). */
      type: identifier.optional(),
      /** The migration of this target is finished: matching no call site is expected, not a mistake. */
      done: z.boolean({ invalid_type_error: "must be true or false: true when no call of this target is left, on purpose" }).optional(),
      /** Typed engine: a member call by this name on an `any`/`unknown` receiver is a target (otherwise manual). */
      anyReceiver: z.boolean({ invalid_type_error: "must be true or false: true when a call on an untyped (any) receiver is this target" }).optional(),
    })
    .strict()
    .refine((t) => t.sync === undefined || t.sync !== t.name, {
      message: "\"sync\" must differ from \"name\": it names the synchronous twin of the async function",
      path: ["sync"],
    });

  const configSchema = z
    .object({
      $schema: z.string().optional(),
      targets: z.array(targetSchema, { invalid_type_error: "must be a list of targets, e.g. [{ \"name\": \"createWebSocketManager\" }]" }).optional(),
      returnAwait: z.enum(returnAwaitValues).optional(),
      topLevelAwait: z.enum(topLevelAwaitValues).optional(),
      engine: z.enum(engineValues).optional(),
      /** Make a sync caller async where a target call has no sync variant (syntactic engine). */
      propagate: z.enum(propagateValues).optional(),
      /** tsconfig.json for the typed engine, relative to the config file. */
      project: z.string().min(1, { message: "must be a path to a tsconfig.json" }).optional(),
      allPromises: z.boolean().optional(),
      /** Functions whose arguments are promises on purpose (`promiseAll([...])`): names, `a.b` paths or `module#name`. */
      promiseConsumers: z
        .array(
          z.string({ invalid_type_error: "must be a string, e.g. \"promiseAll\"" }).regex(PROMISE_CONSUMER, {
            message: "must be a function name (\"promiseAll\"), a dotted path (\"utils.settle\") or module#name (\"p-map#default\")",
          }),
          { invalid_type_error: "must be a list of function names, e.g. [\"promiseAll\", \"utils.settle\", \"p-map#pMap\"]" },
        )
        .optional(),
    })
    .strict()
    .refine((c) => (c.targets?.length ?? 0) > 0 || c.allPromises === true, {
      message: "needs at least one target, e.g. [{ \"name\": \"createWebSocketManager\" }] (or \"allPromises\": true)",
      path: ["targets"],
    });
  return { targetSchema, configSchema };
}

type Schemas = ReturnType<typeof build>;
let schemas: Schemas | undefined;

function schemasNow(): Schemas {
  schemas ??= build((require("zod") as typeof import("zod")).z);
  return schemas;
}

/** The config schema (zod loads on the first call). */
export function configSchema(): Schemas["configSchema"] {
  return schemasNow().configSchema;
}

export type TargetInput = Zod.input<Schemas["targetSchema"]>;
export type ConfigInput = Zod.input<Schemas["configSchema"]>;

export interface Target {
  readonly name: string;
  readonly sync?: string;
  readonly type?: string;
  readonly module?: string;
  /** No call site is left, on purpose: a target that matches nothing is then not a warning. */
  readonly done?: boolean;
  /** Typed engine: a member call on an `any`/`unknown` receiver is this target; without it, such a call is manual. */
  readonly anyReceiver?: boolean;
  /** Set on a function the run made async (propagation), never by a config: where it is declared and why. */
  readonly propagated?: PropagatedTarget;
}

/**
 * A function made async by propagation, as a target for the rest of the run.
 * A `function` is matched through imports of its file (`module`) and, in its
 * own file, by the binding declared at `start`; a `method` by name on any
 * receiver, as a config target without `module` is.
 */
export interface PropagatedTarget {
  readonly kind: "function" | "method";
  /** Absolute path of the file declaring it. */
  readonly file: string;
  /** Offset of its name's identifier in that file's source (functions). */
  readonly start: number;
  /** Offset of its name as declared, a method's key too (JavaScript and TypeScript): the typed engine matches calls whose callee resolves to this declaration. */
  readonly at?: number;
  /** From the configured target to this function: ["load", "readAll", "this one"]. */
  readonly chain: readonly string[];
  /**
   * A method: other definitions of a method of its name in the run's files
   * (`src/parser.py:298`). Found by name, a call on another receiver may be
   * one of them, so the syntactic engine cannot tell it is this method.
   */
  readonly sameNamed?: readonly string[];
  /** A method: the 1-based line of its definition, to tell it from a same-named method of the class a call is in. */
  readonly line?: number;
}

/**
 * A member of a method's class hierarchy (typed engine) that a run makes
 * async together with the method propagation made async: another
 * implementation of the same interface method, the interface or abstract
 * method itself, an override. Set by a run, never by a config.
 */
export interface HierarchyMemberMadeAsync {
  /** Absolute path. */
  readonly file: string;
  /** Offset of the member's name in the file's source. */
  readonly at: number;
  /** `LocalNamer.nameOf`. */
  readonly label: string;
  /** `method`: made async; `signature` (interface, abstract): its return type wrapped in a Promise. */
  readonly kind: "method" | "signature";
  /** From the configured target to the method made async that brought this one along. */
  readonly chain: readonly string[];
  /** Every member of the hierarchy, for the report. */
  readonly hierarchy: readonly string[];
  /** The method that brought it along (the chain's last): its file and its name's offset, for the graph's edge. */
  readonly byFile: string;
  readonly byAt: number;
}

/** A validated config with every default filled in. */
export interface ResolvedConfig {
  readonly targets: readonly Target[];
  /** Set by a run with propagation (typed engine), never by a config: hierarchy members made async with a method. */
  readonly alsoAsync?: readonly HierarchyMemberMadeAsync[];
  /** When a returned promise is awaited: only inside try/catch (default), always, or never. */
  readonly returnAwait: ReturnAwait;
  /** Whether a module's top level counts as an async scope. */
  readonly topLevelAwait: TopLevelAwait;
  /** How targets are found: by name (syntactic) or by symbol and type (typed, ts-morph). */
  readonly engine: Engine;
  /** Absolute path of the tsconfig.json for the typed engine; found upward when absent. */
  readonly project?: string;
  /** Typed engine: every call returning a promise is a target. */
  readonly allPromises: boolean;
  /** Functions whose arguments (also in array literals) are promises on purpose, as written in the config. */
  readonly promiseConsumers: readonly string[];
  /** Make sync callers async where a target call has no sync variant: off, all, or all but a package entry point's exports. */
  readonly propagate: Propagate;
}
