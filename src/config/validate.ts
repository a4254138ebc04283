import * as path from "node:path";
import type { z } from "zod";
import { configModule } from "../javascript/facts/module-paths";
import { UnawaitedError } from "../errors";
import { plainConfigData, type ConfigData } from "./plain";
import { configSchema, type ResolvedConfig, type Target } from "./schema";
import { DEFAULTS } from "./values";

/** Formats a JSON path the way users write it: `targets[1].sync`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

function describeIssue(issue: z.ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const where = issue.path.length === 0 ? "" : ` in ${formatJsonPath(issue.path)}`;
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}${where} (allowed: ${allowedKeys(issue.path)})`;
  }
  return `${formatJsonPath(issue.path)}: ${issue.message}`;
}

function allowedKeys(path: readonly PropertyKey[]): string {
  return path.includes("targets") ? "name, sync, module, type, done, anyReceiver" : "targets, returnAwait, topLevelAwait, engine, project, allPromises, promiseConsumers, propagate";
}

/**
 * Validates raw config data (already parsed from JSON) and fills in defaults.
 * `source` names where it came from, for the error message.
 */
export interface ResolveOptions {
  /** Where the config sits in its file, e.g. "unawaited" in a package.json. */
  readonly jsonPathPrefix?: string;
  /** Relative paths in the config (`project`, a path `module`) are relative to this directory (default: the working directory). */
  readonly baseDir?: string;
}

export function resolveConfig(raw: unknown, source: string, options: ResolveOptions = {}): ResolvedConfig {
  const data = plainConfigData(raw) ?? validateWithZod(raw, source, options);
  const targets: Target[] = (data.targets ?? []).map((t) => ({
    name: t.name,
    ...(t.sync !== undefined ? { sync: t.sync } : {}),
    // A path module is a file, relative to the config: made absolute once, here.
    ...(t.module !== undefined ? { module: configModule(t.module, options.baseDir ?? process.cwd()) } : {}),
    ...(t.type !== undefined ? { type: t.type } : {}),
    ...(t.done !== undefined ? { done: t.done } : {}),
    ...(t.anyReceiver !== undefined ? { anyReceiver: t.anyReceiver } : {}),
  }));
  return Object.freeze({
    targets: Object.freeze(targets.map((t) => Object.freeze(t))),
    returnAwait: data.returnAwait ?? DEFAULTS.returnAwait,
    topLevelAwait: data.topLevelAwait ?? DEFAULTS.topLevelAwait,
    engine: data.engine ?? DEFAULTS.engine,
    allPromises: data.allPromises ?? DEFAULTS.allPromises,
    promiseConsumers: Object.freeze([...(data.promiseConsumers ?? DEFAULTS.promiseConsumers)]),
    propagate: data.propagate ?? DEFAULTS.propagate,
    ...(data.project !== undefined ? { project: path.resolve(options.baseDir ?? process.cwd(), data.project) } : {}),
  });
}

/** zod, loaded only here: for a config the plain check does not vouch for, valid or not, and for the error messages. */
function validateWithZod(raw: unknown, source: string, options: ResolveOptions): ConfigData {
  const result = configSchema().safeParse(raw);
  if (result.success) return result.data;
  const prefix = options.jsonPathPrefix;
  const lines = result.error.issues.map((issue) => `  - ${describeIssue(prefix === undefined ? issue : { ...issue, path: [prefix, ...issue.path] })}`);
  throw new UnawaitedError("CONFIG_INVALID", `invalid config in ${source}:\n${lines.join("\n")}`, {
    hint: "see docs/config.md in the unawaited package for every field and an example",
  });
}
