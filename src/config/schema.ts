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
  .strictObject({
    name: z.union([identifier, z.literal("default")]),
    sync: identifier.optional(),
    module: z.string().min(1, { message: "must be a module specifier, e.g. \"next/headers\"" }).optional(),
  })
  .refine((t) => t.sync === undefined || t.sync !== t.name, {
    message: "\"sync\" must differ from \"name\": it names the synchronous twin of the async function",
    path: ["sync"],
  });

export const returnAwaitValues = ["in-try-catch", "always", "never"] as const;
export const topLevelAwaitValues = ["auto", "always", "never"] as const;

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  targets: z.array(targetSchema).min(1, { message: "needs at least one target, e.g. [{ \"name\": \"createWebSocketManager\" }]" }),
  returnAwait: z.enum(returnAwaitValues).optional(),
  topLevelAwait: z.enum(topLevelAwaitValues).optional(),
});

export type TargetInput = z.input<typeof targetSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type ReturnAwait = (typeof returnAwaitValues)[number];
export type TopLevelAwait = (typeof topLevelAwaitValues)[number];

export interface Target {
  readonly name: string;
  readonly sync?: string;
  readonly module?: string;
}

/** A validated config with every default filled in. */
export interface ResolvedConfig {
  readonly targets: readonly Target[];
  /** When a returned promise is awaited: only inside try/catch (default), always, or never. */
  readonly returnAwait: ReturnAwait;
  /** Whether a module's top level counts as an async scope. */
  readonly topLevelAwait: TopLevelAwait;
}

export const DEFAULTS = {
  returnAwait: "in-try-catch",
  topLevelAwait: "auto",
} as const satisfies Omit<ResolvedConfig, "targets">;
