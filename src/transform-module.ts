/**
 * Turns an edit set into a standard jscodeshift transform, so every file in
 * transforms/ runs on its own with `npx jscodeshift -t transforms/<id>.ts`.
 * Manual findings go to jscodeshift's `api.report`. Python files work too
 * (`--extensions=py`): the transform then returns a promise.
 */
import type { API, FileInfo, Options } from "jscodeshift";
import { configFromOptions } from "./config/from-options";
import { ParseError, transformSource, type EditKind } from "./engine";
import { isUnawaitedError } from "./errors";
import { isPythonFile, loadPython } from "./python/index";

export type Transform = (file: FileInfo, api: API, options: Options) => string | undefined | Promise<string | undefined>;

export function createTransform(edits: readonly EditKind[]): Transform {
  const editSet: ReadonlySet<EditKind> = new Set(edits);
  const run = (file: FileInfo, api: API, options: Options): string | undefined => {
    let result;
    try {
      const config = configFromOptions(options, file.path);
      // `--prefilter=false` parses every file, to measure what the prefilter saves.
      const prefilter = options["prefilter"] !== false && options["prefilter"] !== "false";
      result = transformSource({ source: file.source, file: file.path, config, edits: editSet, prefilter });
    } catch (error) {
      if (error instanceof ParseError) {
        throw new Error(`${file.path}:${error.line ?? 0}:${error.column ?? 0}: cannot parse: ${error.message}`);
      }
      if (isUnawaitedError(error)) throw new Error(error.hint ? `${error.message} (${error.hint})` : error.message);
      throw error;
    }
    for (const finding of result.findings) {
      if (finding.action === "manual") api.report(`${finding.file}:${finding.line}:${finding.column}: ${finding.target}: ${finding.reason}`);
    }
    return result.changed ? result.output : undefined;
  };
  // jscodeshift awaits a transform's promise: a .py file (with --extensions=py) waits for the Python grammar, once.
  return (file, api, options) => (isPythonFile(file.path) ? loadPython().then(() => run(file, api, options)) : run(file, api, options));
}
