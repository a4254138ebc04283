/**
 * A config that is plainly valid, checked without zod (which takes about
 * 20 ms to load). The check is conservative: it accepts only what the zod
 * schema accepts, with the same result; anything else, valid or not, goes to
 * zod, which also words the errors. A test holds the two to that.
 */
import { engineValues, IDENTIFIER, PROMISE_CONSUMER, propagateValues, returnAwaitValues, topLevelAwaitValues, type Engine, type Propagate, type ReturnAwait, type TopLevelAwait } from "./values";

export interface ConfigData {
  readonly $schema?: string;
  readonly targets?: readonly { readonly name: string; readonly sync?: string; readonly module?: string; readonly type?: string; readonly done?: boolean; readonly anyReceiver?: boolean }[];
  readonly returnAwait?: ReturnAwait;
  readonly topLevelAwait?: TopLevelAwait;
  readonly engine?: Engine;
  readonly project?: string;
  readonly allPromises?: boolean;
  readonly promiseConsumers?: readonly string[];
  readonly propagate?: Propagate;
}

const CONFIG_KEYS: ReadonlySet<string> = new Set(["$schema", "targets", "returnAwait", "topLevelAwait", "engine", "project", "allPromises", "promiseConsumers", "propagate"]);
const TARGET_KEYS: ReadonlySet<string> = new Set(["name", "sync", "module", "type", "done", "anyReceiver"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

const optional = (value: unknown, test: (v: unknown) => boolean) => value === undefined || test(value);
const oneOf = (values: readonly string[]) => (v: unknown) => typeof v === "string" && values.includes(v);
const identifier = (v: unknown) => typeof v === "string" && IDENTIFIER.test(v);
const nonEmpty = (v: unknown) => typeof v === "string" && v.length > 0;

function isPlainTarget(value: unknown): boolean {
  if (!isPlainObject(value) || Object.keys(value).some((key) => !TARGET_KEYS.has(key))) return false;
  const { name, sync, module, type, done, anyReceiver } = value;
  return (name === "default" || identifier(name))
    && optional(sync, identifier) && sync !== name
    && optional(module, nonEmpty)
    && optional(type, identifier)
    && optional(done, (v) => typeof v === "boolean")
    && optional(anyReceiver, (v) => typeof v === "boolean");
}

/** The config as zod would return it, or undefined when zod must decide. */
export function plainConfigData(raw: unknown): ConfigData | undefined {
  if (!isPlainObject(raw) || Object.keys(raw).some((key) => !CONFIG_KEYS.has(key))) return undefined;
  const { $schema, targets, returnAwait, topLevelAwait, engine, project, allPromises, promiseConsumers, propagate } = raw;
  if (!optional($schema, (v) => typeof v === "string")) return undefined;
  if (!optional(targets, (v) => Array.isArray(v) && v.every(isPlainTarget))) return undefined;
  if (!optional(returnAwait, oneOf(returnAwaitValues)) || !optional(topLevelAwait, oneOf(topLevelAwaitValues)) || !optional(engine, oneOf(engineValues))) return undefined;
  if (!optional(propagate, oneOf(propagateValues))) return undefined;
  if (!optional(project, nonEmpty) || !optional(allPromises, (v) => typeof v === "boolean")) return undefined;
  if (!optional(promiseConsumers, (v) => Array.isArray(v) && v.every((c) => typeof c === "string" && PROMISE_CONSUMER.test(c)))) return undefined;
  if (((targets as unknown[] | undefined)?.length ?? 0) === 0 && allPromises !== true) return undefined;
  return raw as ConfigData;
}
