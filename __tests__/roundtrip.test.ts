/**
 * A round-trip property over ~2,500 small programs: awaiting changes nothing
 * but the awaits. Each program puts `f()` in some position after some
 * preceding statement; the edited code must parse, and once its awaits are
 * removed, its AST (positions and parentheses aside) must equal the original's.
 */
import * as babel from "@babel/parser";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/validate";
import { transformSource } from "../src/engine";

const BEFORE = ["", "let o = {}", "if (c) y = {}", "\"use strict\"", "x = function () {}", "for (;;) y = class {}", "a++", "label: b"];

const POSITIONS = [
  "f()", "f().x", "f()?.x", "f()[0]", "f()()", "!f()", "typeof f()", "-f() ** 2", "f() + 1", "1 + f()", "a > f()", "a < b > f()",
  "f() || y", "y ?? f()", "c ? f() : g", "f() ? 1 : 2", "`${f()}`", "g(f(), 1)", "new G(f())", "[...f()]", "({ ...f() })",
  "f() as T", "<T>f()", "f()!", "f() satisfies T", "f()`t`", "(f())", "(f()).x", "o.f().f().x", "x = f()", "x += f()",
  "const { k } = f()", "g(() => 1, f())", "f() instanceof C", "\"k\" in f()",
];

/** The async scopes the statements sit in. */
const WRAPPERS = [
  (body: string) => `async function a() {\n${body}\n}\n`,
  (body: string) => `class K {\n  async m() {\n${body}\n  }\n}\n`,
  (body: string) => `export const h = async () => {\n${body}\n};\n`,
];

const JSX_POSITIONS = ["<A v={f()} />", "<A>{f()}</A>", "<A>{f().x}</A>"];

const config = resolveConfig({ targets: [{ name: "f" }] }, "roundtrip");

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (!node || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  if (record["type"] === "AwaitExpression") return strip(record["argument"]);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (["start", "end", "loc", "range", "extra", "comments", "leadingComments", "trailingComments", "innerComments", "tokens"].includes(key)) continue;
    out[key] = strip(value);
  }
  return out;
}

function check(source: string, file: string, plugins: babel.ParserPlugin[]): void {
  const options: babel.ParserOptions = { sourceType: "module", plugins };
  let original: { program: unknown };
  try {
    original = babel.parse(source, options);
  } catch {
    return; // Not every combination is a program (`<T>f()` in .tsx): nothing to compare.
  }
  const result = transformSource({ source, file, config, edits: new Set(["await"]) });
  const edited: { program: unknown } = babel.parse(result.output, options);
  expect(JSON.stringify(strip(edited.program)), `${source}\n=>\n${result.output}`).toBe(JSON.stringify(strip(original.program)));
}

describe("awaiting changes nothing but the awaits", () => {
  for (const [ext, plugins, positions] of [
    [".ts", ["typescript"], POSITIONS],
    [".tsx", ["typescript", "jsx"], [...POSITIONS.filter((p) => !p.startsWith("<T>")), ...JSX_POSITIONS]],
    [".js", ["jsx"], [...POSITIONS.filter((p) => !/ as T|<T>|!$|satisfies/.test(p)), ...JSX_POSITIONS]],
  ] as const) {
    it(`in ${ext} files, ${WRAPPERS.length * BEFORE.length * positions.length} programs`, () => {
      for (const wrap of WRAPPERS) {
        for (const before of BEFORE) {
          for (const position of positions) {
            check(wrap(`  ${before}\n  ${position}`), `/virtual/roundtrip${ext}`, [...plugins]);
          }
        }
      }
    });
  }
});
