/** The engine's own guarantees, below the CLI. */
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/validate";
import { PrintError, transformSource } from "../src/engine";

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
