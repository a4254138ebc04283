/**
 * The config, declared once. The TypeScript types are derived from the schema;
 * defaults live in `DEFAULTS`, apart from the shape, so `resolveConfig` is the
 * only place that fills them in.
 */
import { z } from "zod";

const identifier = z
  .string()
  .regex(/^[A-Za-z_$][\w$]*$/, { message: "must be a JavaScript identifier, e.g. \"createWebSocketManager\"" });

export const targetSchema = z
  .object({
    name: z
      .string({ invalid_type_error: "must be a string: the async function's name, e.g. \"createWebSocketManager\"" })
      .refine((name) => name === "default" || /^[A-Za-z_$][\w$]*$/.test(name), {
        message: "must be a JavaScript identifier (or \"default\" for a default export), e.g. \"createWebSocketManager\"",
      }),
    sync: identifier.optional(),
    module: z.string().min(1, { message: "must be a module specifier, e.g. \"next/headers\"" }).optional(),
    /** A class or interface: only member calls on receivers of this type match (typed engine). */
    type: identifier.optional(),
  })
  .strict()
  .refine((t) => t.sync === undefined || t.sync !== t.name, {
    message: "\"sync\" must differ from \"name\": it names the synchronous twin of the async function",
    path: ["sync"],
  });

export const returnAwaitValues = ["in-try-catch", "always", "never"] as const;
export const topLevelAwaitValues = ["auto", "always", "never"] as const;

export const engineValues = ["syntactic", "typed"] as const;

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    targets: z.array(targetSchema, { invalid_type_error: "must be a list of targets, e.g. [{ \"name\": \"createWebSocketManager\" }]" }).optional(),
    returnAwait: z.enum(returnAwaitValues).optional(),
    topLevelAwait: z.enum(topLevelAwaitValues).optional(),
    engine: z.enum(engineValues).optional(),
    /** tsconfig.json for the typed engine, relative to the config file. */
    project: z.string().min(1, { message: "must be a path to a tsconfig.json" }).optional(),
    allPromises: z.boolean().optional(),
  })
  .strict()
  .refine((c) => (c.targets?.length ?? 0) > 0 || c.allPromises === true, {
    message: "needs at least one target, e.g. [{ \"name\": \"createWebSocketManager\" }] (or \"allPromises\": true)",
    path: ["targets"],
  });

export type TargetInput = z.input<typeof targetSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type ReturnAwait = (typeof returnAwaitValues)[number];
export type TopLevelAwait = (typeof topLevelAwaitValues)[number];

export type Engine = (typeof engineValues)[number];

export interface Target {
  readonly name: string;
  readonly sync?: string;
  readonly type?: string;
  readonly module?: string;
}

/** A validated config with every default filled in. */
export interface ResolvedConfig {
  readonly targets: readonly Target[];
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
}

export const DEFAULTS = {
  returnAwait: "in-try-catch",
  topLevelAwait: "auto",
  engine: "syntactic",
  allPromises: false,
} as const satisfies Omit<ResolvedConfig, "targets" | "project">;
