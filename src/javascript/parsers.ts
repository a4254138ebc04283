/**
 * One parser per file extension. The transforms ignore jscodeshift's
 * `--parser` flag and choose here, because a single parser for a mixed code
 * base silently skips files: `tsx` rejects `<T>x` assertions in `.ts` files,
 * and `ts` rejects JSX.
 */
import * as babel from "@babel/parser";
import * as path from "node:path";

/** How Node would load the file: decides whether top-level `await` is allowed. */
export type ModuleKind = "esm" | "commonjs";

export type Language = "ts" | "tsx" | "js";

const TS_EXTENSIONS = new Set([".ts", ".mts", ".cts"]);
const JS_EXTENSIONS = new Set([".js", ".jsx", ".mjs", ".cjs"]);

/** What a run scans by default: JavaScript and TypeScript through Babel, Python through tree-sitter (src/python). */
export const DEFAULT_EXTENSIONS: readonly string[] = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".py"];

export function languageOf(file: string): Language | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".tsx") return "tsx";
  if (TS_EXTENSIONS.has(ext)) return "ts";
  if (JS_EXTENSIONS.has(ext)) return "js";
  return undefined;
}

export interface ParserChoice {
  readonly language: Language;
  readonly sourceType: "module" | "script" | "unambiguous";
}

/**
 * TypeScript is always parsed as a module. A `.cjs` file is a script; a
 * JavaScript file Node loads as ESM is a module; any other `.js` may be either
 * (bundled sources use `import` under a CommonJS package.json), so Babel
 * decides from its content.
 */
export function parserChoiceFor(file: string, moduleKind: ModuleKind): ParserChoice | undefined {
  const language = languageOf(file);
  if (language === undefined) return undefined;
  if (language !== "js") return { language, sourceType: "module" };
  if (path.extname(file).toLowerCase() === ".cjs") return { language, sourceType: "script" };
  return { language, sourceType: moduleKind === "esm" ? "module" : "unambiguous" };
}

/**
 * The options handed to @babel/parser. No `tokens`: edits are made on the
 * text, nothing is reprinted. `flow` adds Flow's syntax to a JavaScript parse.
 */
export function babelOptions(choice: ParserChoice, flow = false): babel.ParserOptions {
  // Auto-accessors (`@dec accessor x = 1`, TypeScript 4.9+ and the decorators proposal) need a plugin of their own.
  const plugins: babel.ParserPlugin[] = ["decorators-legacy", "decoratorAutoAccessors"];
  if (choice.language === "js") plugins.push("jsx");
  if (flow) plugins.push(["flow", { all: false }]);
  if (choice.language !== "js") plugins.push(["typescript", {}]);
  if (choice.language === "tsx") plugins.push("jsx");
  const sourceType = choice.sourceType;
  return {
    sourceType,
    allowReturnOutsideFunction: sourceType !== "module",
    allowImportExportEverywhere: false,
    errorRecovery: false,
    // The analysis never reads comments: not attaching them to nodes saves a third of the parse.
    attachComment: false,
    plugins,
  };
}

export interface Parser {
  /** Babel's File node; throws Babel's SyntaxError. */
  parse(source: string): unknown;
}

/**
 * A parser for one file (the engine makes one per file): `parse(source)`
 * gives Babel's File node.
 *
 * JavaScript may be Flow. Babel's Flow plugin makes a parse about a quarter
 * slower, so it is on only where the file needs it: when the text mentions
 * `@flow` (Babel reads the pragma from the first comment), or when the file
 * does not parse as plain JavaScript. Without the pragma the plugin parses
 * ambiguous code (`f<T>(x)`) as JavaScript, so a file that parses both ways
 * parses alike, except in the ECMAScript reading of a line ending in `type`,
 * `declare`, `opaque` or `interface`, which is the right one for a file that
 * is not Flow.
 * The first parse decides; the check of the edited code parses with the same
 * plugins, so it holds the output to the grammar the input was read with.
 * When both fail, the error is the one from the parse with Flow, as it was
 * when every JavaScript file was parsed so.
 */
export function parserFor(choice: ParserChoice): Parser {
  if (choice.language !== "js") {
    const options = babelOptions(choice);
    return { parse: (source) => babel.parse(source, options) };
  }
  let flow: boolean | undefined;
  return {
    parse(source) {
      if (flow !== undefined) return babel.parse(source, babelOptions(choice, flow));
      if (!source.includes("@flow")) {
        try {
          const ast = babel.parse(source, babelOptions(choice, false));
          flow = false;
          return ast;
        } catch {
          // Flow syntax without the pragma, or a syntax error: the parse with Flow tells which.
        }
      }
      flow = true;
      return babel.parse(source, babelOptions(choice, true));
    },
  };
}
