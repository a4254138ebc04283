/**
 * The rule's options to a ResolvedConfig, through the project's own loading
 * and validation, so a config means the same in ESLint as on the command line:
 *
 *   { targets: [...], returnAwait, ... }   the config's fields, inline
 *   { config: "path/to/unawaited.config.json" }   that file (relative to ESLint's cwd)
 *   no options                           the config found upward from the linted file
 *
 * Resolved configs are cached: by the options' text, or by the file and its
 * modification time, so a long-running ESLint (an editor) sees edits to it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UnawaitedError } from "../errors";
import { findConfigFile, loadConfigFile } from "../config/load";
import type { ResolvedConfig } from "../config/schema";
import { resolveConfig } from "../config/validate";

export const RULE_NAME = "unawaited/await-targets";

export interface ConfigRequest {
  /** `context.options[0]`: unknown until validated. */
  readonly option: unknown;
  /** The linted file, to search upward from. */
  readonly file: string;
  /** ESLint's working directory: relative paths in the options are relative to it. */
  readonly cwd: string;
}

/** The config for one linted file, or undefined when no options are given and no config file is found above it. */
export function ruleConfig(request: ConfigRequest): ResolvedConfig | undefined {
  const { option } = request;
  if (option === undefined) {
    const file = findConfigFile(request.file);
    return file === undefined ? undefined : configFile(file);
  }
  if (typeof option === "object" && option !== null && "config" in option) {
    const { config, ...rest } = option as Record<string, unknown>;
    if (typeof config !== "string" || Object.keys(rest).length > 0) {
      throw new UnawaitedError("CONFIG_INVALID", `${RULE_NAME}: "config" takes a path to a config file, and no other option beside it`, {
        hint: `write either { "config": "unawaited.config.json" } or the config's fields ({ "targets": [...] }), not both`,
      });
    }
    return configFile(path.resolve(request.cwd, config));
  }
  const key = `${request.cwd}\0${JSON.stringify(option)}`;
  let resolved = inline.get(key);
  if (!resolved) {
    resolved = resolveConfig(option, `the options of ${RULE_NAME}`, { baseDir: request.cwd });
    inline.set(key, resolved);
  }
  return resolved;
}

const inline = new Map<string, ResolvedConfig>();
const files = new Map<string, { readonly mtimeMs: number; readonly config: ResolvedConfig }>();

function configFile(file: string): ResolvedConfig {
  const mtimeMs = modified(file);
  const cached = files.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.config;
  const config = loadConfigFile(file);
  files.set(file, { mtimeMs, config });
  return config;
}

/** -1 when it cannot be read: loadConfigFile then says why. */
function modified(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
