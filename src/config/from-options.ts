/**
 * Builds the config for a transform run from jscodeshift options:
 *   --config=path/to/unawaited.config.json
 *   --targets='[{"name":"createWebSocketManager"}]'   (JSON)
 *   --targets=createWebSocketManager,setWebsocketManagerAsync=>setWebsocketManager
 *   --returnAwait=always --topLevelAwait=never
 *   --promiseConsumers=promiseAll,utils.settle,p-map#pMap
 *   --propagate=all   (within each file: jscodeshift runs files one by one)
 * Without --config or --targets, unawaited.config.json is looked up from the file's directory upward.
 */
import * as path from "node:path";
import { UnawaitedError } from "../errors";
import { findConfigFile, loadConfigFile } from "./load";
import type { ResolvedConfig } from "./schema";
import { parseTargetSpec } from "./target-spec";
import { resolveConfig } from "./validate";

export interface TransformOptions {
  readonly config?: unknown;
  readonly targets?: unknown;
  readonly returnAwait?: unknown;
  readonly topLevelAwait?: unknown;
  readonly promiseConsumers?: unknown;
  readonly propagate?: unknown;
  readonly [key: string]: unknown;
}

const cache = new Map<string, ResolvedConfig>();

export function configFromOptions(options: TransformOptions, file: string): ResolvedConfig {
  const key = JSON.stringify([options.config, options.targets, options.returnAwait, options.topLevelAwait, options.promiseConsumers, options.propagate,
    options.config === undefined && options.targets === undefined ? path.dirname(path.resolve(file)) : ""]);
  const cached = cache.get(key);
  if (cached) return cached;
  const config = buildConfig(options, file);
  cache.set(key, config);
  return config;
}

function buildConfig(options: TransformOptions, file: string): ResolvedConfig {
  let base: ResolvedConfig | undefined;
  if (typeof options.config === "string") base = loadConfigFile(options.config);
  const overrides: Record<string, unknown> = {};
  if (options.returnAwait !== undefined) overrides["returnAwait"] = options.returnAwait;
  if (options.topLevelAwait !== undefined) overrides["topLevelAwait"] = options.topLevelAwait;
  // `--propagate` alone arrives as true.
  if (options.propagate !== undefined) overrides["propagate"] = options.propagate === true ? "all" : options.propagate;
  if (options.promiseConsumers !== undefined) {
    const value = options.promiseConsumers;
    overrides["promiseConsumers"] = typeof value === "string" ? value.split(",").map((part) => part.trim()).filter((part) => part !== "") : value;
  }

  if (options.targets !== undefined) {
    const targets = parseTargetsOption(options.targets);
    return resolveConfig({ ...(base ? withoutTargets(base) : {}), ...overrides, targets }, "--targets");
  }
  if (!base) {
    const found = findConfigFile(file);
    if (!found) {
      throw new UnawaitedError("CONFIG_NOT_FOUND", `no targets for ${file}: no --targets, no --config, and no unawaited.config.json above it`, {
        hint: "pass --targets=createWebSocketManager or --config=unawaited.config.json",
      });
    }
    base = loadConfigFile(found);
  }
  return Object.keys(overrides).length === 0 ? base : resolveConfig({ ...base, ...overrides }, "jscodeshift options");
}

function withoutTargets(config: ResolvedConfig): Omit<ResolvedConfig, "targets"> {
  const { targets: _targets, ...rest } = config;
  return rest;
}

function parseTargetsOption(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text.startsWith("[") || text.startsWith("{")) {
    const parsed = parseConfigTextValue(text);
    return Array.isArray(parsed) ? parsed : (parsed as { targets?: unknown }).targets;
  }
  return text.split(",").filter((part) => part.trim() !== "").map(parseTargetSpec);
}

function parseConfigTextValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UnawaitedError("CONFIG_INVALID_JSON", `--targets is not valid JSON: ${(error as Error).message}`, {
      hint: "quote the JSON for your shell, or use the short form --targets=name,asyncName=>syncName",
    });
  }
}
