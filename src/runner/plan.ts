/**
 * From command-line arguments to the roots of a run: which paths (given, or
 * listed in `--repos`), each with its config (`--config`, or the one found
 * upward from it; `--target` replaces the targets), and the shard.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_FILE_NAME, findConfigFile, loadConfigFile } from "../config/load";
import type { Engine, Propagate, ResolvedConfig } from "../config/schema";
import { parseTargetSpec, TARGET_SPEC_GRAMMAR } from "../config/target-spec";
import { resolveConfig } from "../config/validate";
import { UnawaitedError } from "../errors";
import type { RunRoot } from "./run";
import { parseShard, shardSlice, type Shard } from "./shard";
import { closest } from "../text/suggest";
import { tryRealpath } from "../fs-paths";

export interface PlanArgs {
  readonly paths: readonly string[];
  readonly repos: string | undefined;
  readonly config: string | undefined;
  readonly targets: readonly string[];
  readonly shard: string | undefined;
  readonly cwd: string;
  /** Command names, to recognise `unawaited chekc` as a typo rather than a path. */
  readonly commands: readonly string[];
  /** --engine, --project, --all-promises: override every config. */
  readonly overrides: { readonly engine?: Engine; readonly project?: string; readonly allPromises?: boolean; readonly propagate?: Propagate };
}

export interface Plan {
  readonly roots: readonly RunRoot[];
  /** With --repos: repositories that cannot run (missing, no config, a bad config); the others run. */
  readonly failed: readonly FailedRoot[];
  /** Applies to files; undefined when --repos took the shard. */
  readonly fileShard: Shard | undefined;
}

export interface FailedRoot {
  /** Absolute. */
  readonly path: string;
  readonly error: UnawaitedError;
}

export function planRun(args: PlanArgs): Plan {
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  let paths = [...args.paths];
  let fileShard = shard;
  if (args.repos !== undefined) {
    const listed = readRepos(path.resolve(args.cwd, args.repos));
    // With --repos the shard splits repositories (given ones too), so each machine
    // runs whole ones; the same repository listed twice counts once.
    const all = [...new Map([...paths, ...listed].map((p) => [tryRealpath(path.resolve(args.cwd, p)) ?? path.resolve(args.cwd, p), p])).values()];
    paths = shardSlice(all, (repo) => path.resolve(args.cwd, repo), shard);
    fileShard = undefined;
  } else if (paths.length === 0) {
    paths = ["."];
  }
  const unique = new Map<string, string>();
  for (const shown of paths) {
    const absolute = path.resolve(args.cwd, shown);
    if (!unique.has(absolute)) unique.set(absolute, shown);
  }
  const inline = args.targets.map(parseTargetSpec);
  const override = args.config === undefined ? undefined : loadConfigFile(path.resolve(args.cwd, args.config));
  const cache = new Map<string, ResolvedConfig>();
  const roots: RunRoot[] = [];
  const failed: FailedRoot[] = [];
  [...unique].forEach(([root, shown], index) => {
    try {
      if (!fs.existsSync(root)) throw pathError(shown, index, args);
      roots.push({ path: root, config: withOverrides(configFor(root, { shown, override, inline, allPromises: args.overrides.allPromises === true, cache, cwd: args.cwd }), args) });
    } catch (error) {
      // Given paths are the user's words: one that cannot run stops everything. Listed repositories fail one by one.
      if (args.repos === undefined || !(error instanceof UnawaitedError)) throw error;
      failed.push({ path: root, error });
    }
  });
  return { roots, failed, fileShard };
}

function withOverrides(config: ResolvedConfig, args: PlanArgs): ResolvedConfig {
  const { engine, project, allPromises, propagate } = args.overrides;
  if (engine === undefined && project === undefined && allPromises === undefined && propagate === undefined) return config;
  return resolveConfig({
    ...config,
    ...(engine !== undefined ? { engine } : {}),
    ...(project !== undefined ? { project } : {}),
    ...(allPromises !== undefined ? { allPromises } : {}),
    ...(propagate !== undefined ? { propagate } : {}),
  }, "command-line flags", { baseDir: args.cwd });
}

interface ConfigContext {
  /** The path as the user wrote it, for messages. */
  readonly shown: string;
  /** --config, when given. */
  readonly override: ResolvedConfig | undefined;
  /** --target specs. */
  readonly inline: readonly ReturnType<typeof parseTargetSpec>[];
  /** --all-promises: no config file needed. */
  readonly allPromises: boolean;
  readonly cache: Map<string, ResolvedConfig>;
  readonly cwd: string;
}

function configFor(root: string, context: ConfigContext): ResolvedConfig {
  const { shown, override, inline, allPromises, cache } = context;
  let base = override;
  if (!base) {
    const found = findConfigFile(root);
    if (found) {
      base = cache.get(found) ?? loadConfigFile(found);
      cache.set(found, base);
    }
  }
  if (inline.length > 0) {
    const { targets: _targets, ...options } = base ?? {};
    // A path module on the command line is relative to the working directory.
    return resolveConfig({ ...options, targets: inline }, "--target", { baseDir: context.cwd });
  }
  if (!base && allPromises) return resolveConfig({ targets: [], allPromises: true }, "--all-promises");
  if (!base) {
    throw new UnawaitedError("CONFIG_NOT_FOUND", `no ${CONFIG_FILE_NAME} (or package.json "unawaited" key) found for ${shown}: looked in it and every directory above`, {
      hint: `create ${CONFIG_FILE_NAME} with { "targets": [{ "name": "yourAsyncFunction" }] }, pass --config FILE, or --target ${TARGET_SPEC_GRAMMAR}`,
    });
  }
  return base;
}

/** One path a line; blank lines and `#` comments skipped; relative paths are relative to the list file. */
function readRepos(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UnawaitedError("USAGE", `cannot read --repos ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`, {
      hint: "pass a text file with one repository path a line",
    });
  }
  const dir = path.dirname(file);
  const repos = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  if (repos.length === 0) {
    throw new UnawaitedError("USAGE", `--repos ${file} lists no repositories`, { hint: "one path a line; lines starting with # are comments" });
  }
  return repos.map((repo) => path.resolve(dir, repo));
}

function pathError(shown: string, index: number, args: PlanArgs): UnawaitedError {
  const suggestion = index === 0 && args.paths.length > 0 && !shown.includes("/") ? closest(shown, args.commands) : undefined;
  if (suggestion) {
    return new UnawaitedError("USAGE", `unknown command or path: ${shown}`, { hint: `did you mean \`unawaited ${suggestion}\`?` });
  }
  return new UnawaitedError("PATH_NOT_FOUND", `path not found: ${shown}`, { hint: "check the spelling, or run from the repository root" });
}
