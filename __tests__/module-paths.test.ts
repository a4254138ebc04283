import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { configModule, isPathModule, moduleFile, sameModule } from "../src/javascript/facts/module-paths";
import { readTsconfigPaths, stripJsonComments } from "../src/tsconfig";
import { tempDir, writeTree } from "./cli-helpers";

const EXPORT = "export async function createWebSocketManager() {}\n";

/** A project with the manager in src/ws/, another file of the same name in src/handlers/ws/, and aliases. */
function project(): string {
  const dir = tempDir();
  writeTree(dir, {
    "tsconfig.json": `{
      // comments and trailing commas, as tsconfig files are written
      "compilerOptions": {
        "baseUrl": ".",
        "paths": { "@ws/*": ["src/ws/*"], "@manager": ["src/ws/websocket-manager.ts"], },
      },
      "include": ["src/**/*"],
    }`,
    "src/ws/websocket-manager.ts": EXPORT,
    "src/handlers/ws/websocket-manager.ts": EXPORT,
    "src/handlers/agent.ts": "",
    "src/pkg/index.ts": EXPORT,
    "src/esm/util.mts": EXPORT,
    "src/cjs/util.cts": EXPORT,
  });
  return dir;
}

describe("isPathModule", () => {
  it.each([
    ["./ws/websocket-manager", true],
    ["../ws/websocket-manager", true],
    ["/abs/ws/websocket-manager", true],
    ["next/headers", false],
    ["@ws/websocket-manager", false],
    ["#app/ws", false],
    // Python relative modules stay Python's.
    [".factory", false],
    ["..", false],
    ["app.ws.factory", false],
  ])("%s → %s", (module, expected) => {
    expect(isPathModule(module)).toBe(expected);
  });

  it("makes a path module absolute against the base directory and leaves the rest as written", () => {
    expect(configModule("./src/ws/websocket-manager", "/p")).toBe(path.resolve("/p/src/ws/websocket-manager"));
    expect(configModule("../shared/ws", "/p/app")).toBe(path.resolve("/p/shared/ws"));
    expect(configModule("next/headers", "/p")).toBe("next/headers");
  });
});

describe("sameModule", () => {
  it.each([
    ["src/handlers", "../ws/websocket-manager"],
    ["src/handlers", "../ws/websocket-manager.js"],
    ["src/handlers", "../ws/websocket-manager.ts"],
    ["src/handlers", "../../src/ws/websocket-manager"],
    ["src", "./ws/websocket-manager"],
    ["src", "./ws/websocket-manager.js"],
    ["src/handlers", "@ws/websocket-manager"],
    ["src/handlers", "@manager"],
    // baseUrl: a bare specifier under it.
    ["src/handlers", "src/ws/websocket-manager"],
  ])("from %s, %s is the module ./src/ws/websocket-manager", (from, specifier) => {
    const dir = project();
    const module = configModule("./src/ws/websocket-manager", dir);
    expect(sameModule(module, specifier, path.join(dir, from))).toBe(true);
  });

  it.each([
    // Another file with the same name.
    ["src/handlers", "./ws/websocket-manager"],
    ["src/handlers", "./ws/websocket-manager.js"],
    ["src", "./handlers/ws/websocket-manager"],
    ["src/handlers", "@ws/other"],
    ["src/handlers", "next/headers"],
    ["src/handlers", "websocket-manager"],
  ])("from %s, %s is not the module", (from, specifier) => {
    const dir = project();
    const module = configModule("./src/ws/websocket-manager", dir);
    expect(sameModule(module, specifier, path.join(dir, from))).toBe(false);
  });

  it("matches a module written with its extension, or with .js for a .ts file", () => {
    const dir = project();
    for (const written of ["./src/ws/websocket-manager.ts", "./src/ws/websocket-manager.js"]) {
      const module = configModule(written, dir);
      expect(moduleFile(module)).toBe(path.join(dir, "src/ws/websocket-manager.ts"));
      expect(sameModule(module, "../ws/websocket-manager", path.join(dir, "src/handlers"))).toBe(true);
    }
  });

  it("matches a directory module by its index, however it is spelled", () => {
    const dir = project();
    const module = configModule("./src/pkg", dir);
    expect(moduleFile(module)).toBe(path.join(dir, "src/pkg/index.ts"));
    for (const specifier of ["../pkg", "../pkg/index", "../pkg/index.js", "../pkg/"]) {
      expect(sameModule(module, specifier, path.join(dir, "src/handlers")), specifier).toBe(true);
    }
  });

  it("matches ../ws/websocket-manager/index when the module is a directory", () => {
    const dir = tempDir();
    writeTree(dir, { "src/ws/websocket-manager/index.ts": EXPORT, "src/handlers/agent.ts": "" });
    const module = configModule("./src/ws/websocket-manager", dir);
    const handlers = path.join(dir, "src/handlers");
    for (const specifier of ["../ws/websocket-manager", "../ws/websocket-manager/index", "../ws/websocket-manager/index.js"]) {
      expect(sameModule(module, specifier, handlers), specifier).toBe(true);
    }
    expect(sameModule(configModule("./src/ws/websocket-manager/index", dir), "../ws/websocket-manager", handlers)).toBe(true);
  });

  it("maps .mjs to .mts and .cjs to .cts, as TypeScript does", () => {
    const dir = project();
    expect(sameModule(configModule("./src/esm/util", dir), "../esm/util.mjs", path.join(dir, "src/handlers"))).toBe(true);
    expect(sameModule(configModule("./src/cjs/util.cts", dir), "../cjs/util.cjs", path.join(dir, "src/handlers"))).toBe(true);
    expect(sameModule(configModule("./src/esm/util", dir), "../esm/util.cjs", path.join(dir, "src/handlers"))).toBe(false);
  });

  it("compares paths when the module names no file: every spelling of the same path matches", () => {
    const dir = project();
    const module = configModule("./src/missing", dir);
    expect(moduleFile(module)).toBeUndefined();
    expect(sameModule(module, "./missing", path.join(dir, "src"))).toBe(true);
    expect(sameModule(module, "../missing.js", path.join(dir, "src/handlers"))).toBe(true);
    expect(sameModule(module, "./missing", path.join(dir, "src/handlers"))).toBe(false);
  });

  it("compares a bare module as written", () => {
    const dir = project();
    expect(sameModule("next/headers", "next/headers", dir)).toBe(true);
    expect(sameModule("next/headers", "./next/headers", dir)).toBe(false);
    expect(sameModule("@ws/websocket-manager", "@ws/websocket-manager", dir)).toBe(true);
    expect(sameModule("@ws/websocket-manager", "../ws/websocket-manager", path.join(dir, "src/handlers"))).toBe(false);
  });

  it("follows extends for paths, relative to the tsconfig that declares them", () => {
    const dir = tempDir();
    writeTree(dir, {
      "config/tsconfig.base.json": `{ "compilerOptions": { "paths": { "@ws/*": ["../src/ws/*"] } } }`,
      "tsconfig.json": `{ "extends": "./config/tsconfig.base", "compilerOptions": { "strict": true } }`,
      "src/ws/websocket-manager.ts": EXPORT,
      "src/handlers/agent.ts": "",
    });
    expect(readTsconfigPaths(path.join(dir, "tsconfig.json"))).toEqual({ paths: { "@ws/*": ["../src/ws/*"] }, pathsBase: path.join(dir, "config") });
    expect(sameModule(configModule("./src/ws/websocket-manager", dir), "@ws/websocket-manager", path.join(dir, "src/handlers"))).toBe(true);
  });
});

describe("stripJsonComments", () => {
  it("keeps comment openers and commas inside strings", () => {
    const text = `{ "include": ["src/**/*", "a,]"], /* block */ "b": 1, // line\n }`;
    expect(JSON.parse(stripJsonComments(text))).toEqual({ include: ["src/**/*", "a,]"], b: 1 });
  });
});
