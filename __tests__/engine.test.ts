/** The engine's own guarantees, below the CLI. */
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/validate";
import { mentionsWord, PrintError, transformSource } from "../src/engine";

describe("transformSource", () => {
  it("never returns edited code that does not parse: it throws PrintError with the text", () => {
    // An inconsistent request (a .cjs file declared an ES module) makes the engine
    // await at the top level of a script: the re-parse check must catch it.
    const attempt = () => transformSource({
      source: "createWebSocketManager().start();\n",
      file: "/virtual/boot.cjs",
      config: resolveConfig({ targets: [{ name: "createWebSocketManager" }] }, "test"),
      edits: new Set(["await"]),
      moduleKind: "esm",
    });
    expect(attempt).toThrow(PrintError);
    expect(attempt).toThrow(/edited code does not parse/);
  });

  it("skips the re-parse only when asked (check and list show and write nothing)", () => {
    const result = transformSource({
      source: "createWebSocketManager().start();\n",
      file: "/virtual/boot.cjs",
      config: resolveConfig({ targets: [{ name: "createWebSocketManager" }] }, "test"),
      edits: new Set(["await"]),
      moduleKind: "esm",
      checkOutput: false,
    });
    expect(result.changed).toBe(true);
    expect(result.findings.map((f) => f.action)).toEqual(["await"]);
  });

  it("leaves a file without a supported extension alone", () => {
    const result = transformSource({
      source: "createWebSocketManager();\n",
      file: "/virtual/notes.md",
      config: resolveConfig({ targets: [{ name: "createWebSocketManager" }] }, "test"),
      edits: new Set(["await", "sync-variant"]),
    });
    expect(result).toEqual({ output: "createWebSocketManager();\n", changed: false, findings: [], edits: [], warnings: [], fixes: [], promoted: [] });
  });

  it("splits the edits into fixes: one per await, one per module whose imports the switches change", () => {
    const source = [
      'import { loadAsync, saveAsync } from "./store";',
      'import { syncAsync } from "./other";',
      "export function main(repo) {",
      "  loadAsync(1);",
      "  repo.flushAsync();",
      "  loadAsync(2);",
      "  syncAsync();",
      "}",
      "export async function later() {",
      "  saveAsync().x;",
      "}",
      "",
    ].join("\n");
    const config = resolveConfig({ targets: [
      { name: "loadAsync", sync: "load" },
      { name: "flushAsync", sync: "flush" },
      { name: "syncAsync", sync: "syncNow" },
      { name: "saveAsync" },
    ] }, "test");
    const result = transformSource({ source, file: "/virtual/a.mjs", config, edits: new Set(["await", "sync-variant"]) });
    const fixed = (fix: (typeof result.fixes)[number]) => fix.findings.map((index) => `${result.findings[index]!.target}:${result.findings[index]!.line}`);
    expect(result.fixes.map(fixed)).toEqual([["saveAsync:10"], ["loadAsync:4", "loadAsync:6"], ["flushAsync:5"], ["syncAsync:7"]]);
    expect(result.fixes.flatMap((fix) => fix.edits).sort((a, b) => a.start - b.start)).toEqual(result.edits);
  });
});

describe("Flow in JavaScript files", () => {
  const fix = (source: string) => transformSource({
    source,
    file: "/virtual/app.js",
    config: resolveConfig({ targets: [{ name: "createWebSocketManager" }] }, "test"),
    edits: new Set(["await"]),
    moduleKind: "commonjs",
  });

  it("parses Flow with its pragma, and checks the edited code with Flow too", () => {
    const source = "// @flow\nasync function main(port: number): Promise<void> {\n  createWebSocketManager(port).start();\n}\n";
    expect(fix(source).output).toBe(source.replace("createWebSocketManager(port).start()", "(await createWebSocketManager(port)).start()"));
  });

  it("parses Flow annotations without the pragma (the file does not parse as plain JavaScript)", () => {
    const source = "async function main(port: number) {\n  createWebSocketManager(port).start();\n}\n";
    expect(fix(source).output).toBe(source.replace("createWebSocketManager(port).start()", "(await createWebSocketManager(port)).start()"));
  });

  it("reads plain JavaScript as ECMAScript: `type` alone on a line is an expression, not a Flow type alias", () => {
    // With Flow's plugin on, Babel takes `type` + newline + name as the start of a type alias and fails.
    const source = "async function main() {\n  type\n  createWebSocketManager().start()\n}\n";
    // The leading `;` keeps the new parenthesis from continuing `type` into a call (ASI).
    expect(fix(source).output).toBe(source.replace("createWebSocketManager().start()", ";(await createWebSocketManager()).start()"));
  });

  it("reports the error of the parse with Flow when neither parse succeeds", () => {
    expect(() => fix("async function main( {\n  createWebSocketManager();\n}\n")).toThrow(/Unexpected token/);
  });
});

describe("the word prefilter", () => {
  it.each([
    ["thread.read()", true],
    ["x = read", true],
    ["obj[\"read\"]()", true],
    ["$read()", false],
    ["already = thread; readme()", false],
    ["read_sync()", false],
    ["", false],
  ])("%j mentions read as a word: %s", (source, expected) => {
    expect(mentionsWord(source, "read")).toBe(expected);
  });

  it("skips a file that holds the name only inside longer words, parses one that calls it", () => {
    const config = resolveConfig({ targets: [{ name: "read" }] }, "test");
    const skipped = transformSource({ source: "async function f() { thread(); already(); }\n", file: "a.ts", config, edits: new Set(["await"]) });
    expect(skipped.findings).toEqual([]);
    const parsed = transformSource({ source: "async function f() { const x = read(); }\n", file: "a.ts", config, edits: new Set(["await"]) });
    expect(parsed.output).toBe("async function f() { const x = await read(); }\n");
  });
});
