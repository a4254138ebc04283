// The parser declares its types through package.json "exports", which this project's
// moduleResolution (node10, for its CommonJS build) does not read; the tests need only its shape.
declare module "@typescript-eslint/parser" {
  import type { Linter } from "eslint";
  const parser: Linter.Parser;
  export = parser;
}
