import * as fs from "node:fs";
import * as path from "node:path";
import { UnawaitedError } from "../errors";
import { findUp } from "../fs-paths";
import type { ResolvedConfig } from "./schema";
import { resolveConfig } from "./validate";

export const CONFIG_FILE_NAME = "unawaited.config.json";

/** Reads and validates a config file; every failure names the file. */
export function loadConfigFile(file: string): ResolvedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new UnawaitedError("CONFIG_UNREADABLE", `cannot read config ${file}: ${reason}`, {
      hint: `pass an existing file to --config, or create ${CONFIG_FILE_NAME}`,
    });
  }
  if (path.basename(file) === "package.json") return configFromPackageJson(text.replace(/^\uFEFF/, ""), file);
  return parseConfigText(text.replace(/^\uFEFF/, ""), file, path.dirname(path.resolve(file)));
}

function configFromPackageJson(text: string, file: string): ResolvedConfig {
  const data = parseJson(text, file);
  const section = isObject(data) ? data[PACKAGE_JSON_KEY] : undefined;
  if (section === undefined) {
    throw new UnawaitedError("CONFIG_INVALID", `${file} has no "${PACKAGE_JSON_KEY}" key`, {
      hint: `add "${PACKAGE_JSON_KEY}": { "targets": [...] } to it, or use ${CONFIG_FILE_NAME}`,
    });
  }
  if (!isObject(section)) {
    throw new UnawaitedError("CONFIG_INVALID", `invalid config in ${file}: "${PACKAGE_JSON_KEY}" must be an object, not ${describe(section)}`, {
      hint: `write "${PACKAGE_JSON_KEY}": { "targets": [...] }, or remove the key and use ${CONFIG_FILE_NAME}`,
    });
  }
  return resolveConfig(section, `${file} (key "${PACKAGE_JSON_KEY}")`, { jsonPathPrefix: PACKAGE_JSON_KEY, baseDir: path.dirname(path.resolve(file)) });
}

export function parseConfigText(text: string, source: string, baseDir?: string): ResolvedConfig {
  return resolveConfig(parseJson(text, source), source, baseDir === undefined ? {} : { baseDir });
}

function parseJson(text: string, source: string, hint = "check for trailing commas and unquoted keys"): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UnawaitedError("CONFIG_INVALID_JSON", `${source} is not valid JSON: ${(error as Error).message}`, { hint });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

export const PACKAGE_JSON_KEY = "unawaited";

/**
 * Finds the config for `start` (a file or directory): `unawaited.config.json`,
 * or a package.json with an `"unawaited"` key, in it or the nearest directory
 * above. A config file wins over package.json in the same directory. A
 * package.json on the way that is not valid JSON is an error naming it.
 */
export function findConfigFile(start: string): string | undefined {
  return findUp(start, (dir) => {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const manifest = path.join(dir, "package.json");
    return hasPackageKey(manifest) ? manifest : undefined;
  });
}

/**
 * A package.json that is not valid JSON is an error, not a file without the
 * key: skipping it would quietly take a config from a directory further up.
 */
function hasPackageKey(manifest: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(manifest, "utf8");
  } catch {
    // None here (or not a file).
    return false;
  }
  const data = parseJson(text.replace(/^\uFEFF/, ""), manifest, `fix it: unawaited reads the "${PACKAGE_JSON_KEY}" key of every package.json from the given paths up`);
  return isObject(data) && PACKAGE_JSON_KEY in data;
}
