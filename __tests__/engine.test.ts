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
    expect(result).toEqual({ output: "createWebSocketManager();\n", changed: false, findings: [] });
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
