/**
 * A bench baseline: what a typical jscodeshift codemod costs, parsing every
 * file with recast (`j(source)`) and changing nothing. Run by jscodeshift
 * itself (`-t dist/bench/recast-baseline.js`), with the parser per extension
 * as unawaited chooses it, so no file is skipped for a parse error.
 */
import type { API, FileInfo } from "jscodeshift";

export default function recastBaseline(file: FileInfo, api: API): undefined {
  const parser = /\.tsx$/.test(file.path) ? "tsx" : /\.[mc]?ts$/.test(file.path) ? "ts" : "babel";
  try {
    api.jscodeshift.withParser(parser)(file.source);
  } catch {
    // A parse error costs what it costs; the baseline only times the attempt.
  }
  return undefined;
}
