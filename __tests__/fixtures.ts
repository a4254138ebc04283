/**
 * Fixture pairs: `__testfixtures__/<transform>/**\/<scenario>.input.<ext>`
 * beside `<scenario>.output.<ext>`. The transform's config is the nearest
 * `unawaited.config.json`; `<scenario>.options.json` (optional) overrides its
 * top-level options for one scenario. `no-change-*` outputs equal their inputs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { findConfigFile, loadConfigFile } from "../src/config/load";
import type { ResolvedConfig } from "../src/config/schema";
import { resolveConfig } from "../src/config/validate";
import { transformSource, type EditKind, type TransformResult } from "../src/engine";

export const FIXTURES_ROOT = path.join(__dirname, "..", "__testfixtures__");

export interface FixturePair {
  readonly scenario: string;
  readonly inputFile: string;
  readonly outputFile: string;
  readonly optionsFile: string | undefined;
}

export function fixturePairs(transformId: string): FixturePair[] {
  const dir = path.join(FIXTURES_ROOT, transformId);
  const pairs: FixturePair[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const match = /^(.*)\.input(\.[a-z]+)$/.exec(entry.name);
    if (!entry.isFile() || !match) continue;
    const parent = entry.parentPath;
    const base = path.join(parent, match[1]!);
    const optionsFile = `${base}.options.json`;
    pairs.push({
      scenario: path.relative(dir, base),
      inputFile: path.join(parent, entry.name),
      outputFile: `${base}.output${match[2]!}`,
      optionsFile: fs.existsSync(optionsFile) ? optionsFile : undefined,
    });
  }
  return pairs.sort((a, b) => a.scenario.localeCompare(b.scenario));
}

export function configFor(pair: FixturePair): ResolvedConfig {
  const configFile = findConfigFile(pair.inputFile);
  if (!configFile) throw new Error(`no unawaited.config.json above ${pair.inputFile}`);
  const base = loadConfigFile(configFile);
  if (!pair.optionsFile) return base;
  return resolveConfig({ ...base, ...JSON.parse(fs.readFileSync(pair.optionsFile, "utf8")) }, pair.optionsFile);
}

export function runFixture(pair: FixturePair, source: string, edits: readonly EditKind[]): TransformResult {
  return transformSource({ source, file: pair.inputFile, config: configFor(pair), edits: new Set(edits) });
}
