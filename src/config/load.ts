import * as fs from "node:fs";
import * as path from "node:path";
import { UnawaitedError } from "../errors";
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
  return parseConfigText(text.replace(/^\uFEFF/, ""), file);
}

export function parseConfigText(text: string, source: string): ResolvedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UnawaitedError("CONFIG_INVALID_JSON", `${source} is not valid JSON: ${(error as Error).message}`, {
      hint: "check for trailing commas and unquoted keys",
    });
  }
  return resolveConfig(raw, source);
}

/** Finds `unawaited.config.json` in `start` (a file or directory) or any directory above it. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
