import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { configFromOptions } from "../src/config/from-options";
import { findConfigFile, loadConfigFile, parseConfigText } from "../src/config/load";
import { plainConfigData } from "../src/config/plain";
import { configSchema } from "../src/config/schema";
import { parseTargetSpec } from "../src/config/target-spec";
import { resolveConfig } from "../src/config/validate";
import { UnawaitedError } from "../src/errors";
import { tempDir, writeTree } from "./cli-helpers";

describe("parseTargetSpec", () => {
  it.each([
    ["createWebSocketManager", { name: "createWebSocketManager" }],
    ["setWebsocketManagerAsync=>setWebsocketManager", { name: "setWebsocketManagerAsync", sync: "setWebsocketManager" }],
    ["next/headers#cookies", { name: "cookies", module: "next/headers" }],
    ["./cfg#loadAsync=>load", { name: "loadAsync", sync: "load", module: "./cfg" }],
    ["#app/ws#connect", { name: "connect", module: "#app/ws" }],
    [" spaced => out ", { name: "spaced", sync: "out" }],
  ])("%s", (spec, expected) => {
    expect(parseTargetSpec(spec)).toEqual(expected);
  });
});

describe("config validation", () => {
  it("fills in defaults", () => {
    expect(parseConfigText(JSON.stringify({ targets: [{ name: "f" }] }), "c.json")).toEqual({
      targets: [{ name: "f" }],
      returnAwait: "in-try-catch",
      topLevelAwait: "auto",
      engine: "syntactic",
      allPromises: false,
      promiseConsumers: [],
    });
  });

  it.each([
    [{ targets: [{ name: "f" }], extra: 1 }, /unknown key "extra" \(allowed: targets, returnAwait, topLevelAwait, engine, project, allPromises, promiseConsumers\)/],
    [{ targets: [{ name: "f" }], promiseConsumers: "promiseAll" }, /promiseConsumers: must be a list of function names/],
    [{ targets: [{ name: "f" }], promiseConsumers: ["promiseAll", "p map"] }, /promiseConsumers\[1\]: must be a function name \("promiseAll"\), a dotted path/],
    [{ targets: [{ name: "f" }], promiseConsumers: ["p-map#"] }, /promiseConsumers\[0\]: /],
    [{ targets: [{ name: "f" }], promiseConsumers: [3] }, /promiseConsumers\[0\]: must be a string/],
    [{ targets: [{ name: "f", sinc: "g" }] }, /unknown key "sinc" in targets\[0\] \(allowed: name, sync, module, type, done, anyReceiver\)/],
    [{ targets: [{ name: "not an identifier" }] }, /targets\[0\]\.name: /],
    [{ targets: [{ name: "f", sync: "f" }] }, /targets\[0\]\.sync: "sync" must differ from "name"/],
    [{ targets: [{ name: "f", module: "" }] }, /targets\[0\]\.module: must be a module specifier/],
    [{ targets: [] }, /targets: needs at least one target/],
    [{ targets: [{ name: "f" }], engine: "semantic" }, /engine: /],
    [{ targets: [{ name: "f", type: "a.b" }] }, /targets\[0\]\.type: /],
    [{}, /targets: /],
    [{ targets: [{ name: "f" }], topLevelAwait: true }, /topLevelAwait: /],
  ])("rejects %j", (raw, message) => {
    const attempt = () => parseConfigText(JSON.stringify(raw), "my.config.json");
    expect(attempt).toThrow(UnawaitedError);
    expect(attempt).toThrow(/invalid config in my\.config\.json/);
    expect(attempt).toThrow(message);
  });

  it("lets allPromises stand without targets", () => {
    expect(parseConfigText(JSON.stringify({ allPromises: true }), "c.json").targets).toEqual([]);
  });

  it("says what a target name must be", () => {
    expect(() => parseConfigText(JSON.stringify({ targets: [{ name: 1 }] }), "c.json")).toThrow(/targets\[0\]\.name: must be a string: the async function's name/);
  });

  it("names the file when the JSON is broken", () => {
    expect(() => parseConfigText("{ targets: [] }", "broken.json")).toThrow(/broken\.json is not valid JSON/);
  });
});

describe("a path module", () => {
  it("is made absolute against the config file's directory; a specifier or Python module stays as written", () => {
    const dir = tempDir();
    writeTree(dir, {
      "app/unawaited.config.json": JSON.stringify({
        targets: [
          { name: "createWebSocketManager", module: "./src/ws/websocket-manager" },
          { name: "connect", module: "../shared/db" },
          { name: "cookies", module: "next/headers" },
          { name: "create_manager", module: ".factory" },
        ],
      }),
      "package.json": JSON.stringify({ unawaited: { targets: [{ name: "f", module: "./lib/f" }] } }),
    });
    const config = loadConfigFile(path.join(dir, "app", "unawaited.config.json"));
    expect(config.targets.map((t) => t.module)).toEqual([
      path.join(dir, "app", "src", "ws", "websocket-manager"),
      path.join(dir, "shared", "db"),
      "next/headers",
      ".factory",
    ]);
    expect(loadConfigFile(path.join(dir, "package.json")).targets[0]!.module).toBe(path.join(dir, "lib", "f"));
  });

  it("in --targets or a config without a file is relative to the working directory", () => {
    expect(resolveConfig({ targets: [parseTargetSpec("./ws/m#f")] }, "--target").targets[0]!.module).toBe(path.resolve("ws/m"));
    expect(resolveConfig({ targets: [parseTargetSpec("./ws/m#f")] }, "--target", { baseDir: "/base" }).targets[0]!.module).toBe(path.resolve("/base/ws/m"));
  });

  it("stays the same file when a resolved config is resolved again (option overrides)", () => {
    const once = resolveConfig({ targets: [{ name: "f", module: "./m" }] }, "a", { baseDir: "/one" });
    expect(resolveConfig({ ...once, returnAwait: "always" }, "b", { baseDir: "/two" }).targets[0]!.module).toBe(path.resolve("/one/m"));
  });
});

describe("findConfigFile", () => {
  it("finds the nearest config upward from a file or directory", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": "{}", "a/b/c.ts": "", "a/unawaited.config.json": "{}" });
    expect(findConfigFile(path.join(dir, "a", "b", "c.ts"))).toBe(path.join(dir, "a", "unawaited.config.json"));
    expect(findConfigFile(path.join(dir, "a", "b"))).toBe(path.join(dir, "a", "unawaited.config.json"));
    expect(findConfigFile(dir)).toBe(path.join(dir, "unawaited.config.json"));
  });

  it("stops at a package.json that is not valid JSON, naming it, instead of taking the config above", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": "{}", "app/package.json": '{ "name": "app", }', "app/a.ts": "" });
    const error = catchError(() => findConfigFile(path.join(dir, "app", "a.ts")));
    expect(error).toBeInstanceOf(UnawaitedError);
    expect(error).toMatchObject({ code: "CONFIG_INVALID_JSON", exitCode: 2 });
    expect((error as Error).message).toMatch(new RegExp(`^${path.join(dir, "app", "package.json")} is not valid JSON: `));
  });

  it("reads a package.json that starts with a UTF-8 byte order mark", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": "{}", "app/package.json": `\uFEFF${JSON.stringify({ unawaited: { targets: [{ name: "f" }] } })}` });
    expect(findConfigFile(path.join(dir, "app"))).toBe(path.join(dir, "app", "package.json"));
  });

  it("skips a package.json without the key", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": "{}", "app/package.json": JSON.stringify({ name: "app" }) });
    expect(findConfigFile(path.join(dir, "app"))).toBe(path.join(dir, "unawaited.config.json"));
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("configFromOptions (jscodeshift options)", () => {
  it("reads --targets as JSON or as specs", () => {
    const file = path.join(tempDir(), "a.ts");
    expect(configFromOptions({ targets: "[{\"name\":\"f\",\"sync\":\"g\"}]" }, file).targets).toEqual([{ name: "f", sync: "g" }]);
    expect(configFromOptions({ targets: "f=>g,next/headers#cookies" }, file).targets).toEqual([
      { name: "f", sync: "g" },
      { name: "cookies", module: "next/headers" },
    ]);
  });

  it("reads --promiseConsumers as a comma-separated list, and names the option when one is wrong", () => {
    const file = path.join(tempDir(), "a.ts");
    expect(configFromOptions({ targets: "f", promiseConsumers: "promiseAll, utils.settle,p-map#pMap" }, file).promiseConsumers).toEqual(["promiseAll", "utils.settle", "p-map#pMap"]);
    expect(() => configFromOptions({ targets: "f", promiseConsumers: "promise all" }, file)).toThrow(/promiseConsumers\[0\]: must be a function name/);
  });

  it("reads --config and applies option overrides", () => {
    const dir = tempDir();
    writeTree(dir, { "c.json": JSON.stringify({ targets: [{ name: "f" }] }) });
    const config = configFromOptions({ config: path.join(dir, "c.json"), returnAwait: "always" }, path.join(dir, "a.ts"));
    expect(config.returnAwait).toBe("always");
    expect(config.targets).toEqual([{ name: "f" }]);
  });

  it("finds unawaited.config.json above the file without options", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": JSON.stringify({ targets: [{ name: "found" }] }) });
    expect(configFromOptions({}, path.join(dir, "src", "a.ts")).targets).toEqual([{ name: "found" }]);
  });

  it("says what to pass when there is no config at all", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "src"));
    expect(() => configFromOptions({}, path.join(dir, "src", "a.ts"))).toThrow(/no --targets, no --config/);
  });
});

describe("the plain config check (no zod on the common path)", () => {
  const VALID: readonly unknown[] = [
    { targets: [{ name: "f" }] },
    { targets: [{ name: "fAsync", sync: "f", module: "./m", type: "Registry" }], returnAwait: "always", topLevelAwait: "never", engine: "typed", project: "tsconfig.json" },
    { targets: [{ name: "default", module: "next/headers" }] },
    { targets: [{ name: "query", anyReceiver: true }, { name: "exec", anyReceiver: false }] },
    { $schema: "https://example.com/schema.json", targets: [{ name: "_x$" }], allPromises: false },
    { allPromises: true },
    { targets: [], allPromises: true, engine: "typed" },
    { targets: [{ name: "create_websocket_manager", module: "app.ws.factory" }] },
    { targets: [{ name: "f" }], promiseConsumers: ["promiseAll", "utils.settle", "@acme/async#pMap", "app.aio#gather_all", "#app/async#all", "p-map#default"] },
  ];
  const LEFT_TO_ZOD: readonly unknown[] = [
    null,
    [],
    "targets",
    {},
    { targets: [] },
    { targets: [{ name: "f", snyc: "g" }] },
    { targets: [{ name: "f", sync: "f" }] },
    { targets: [{ name: "1f" }] },
    { targets: [{ name: "f", module: "" }] },
    { targets: [{ name: "f", type: "a.b" }] },
    { targets: [{ name: "f", anyReceiver: "yes" }] },
    { targets: [{ name: "f" }], returnAwait: "sometimes" },
    { targets: [{ name: "f" }], engine: "magic" },
    { targets: [{ name: "f" }], project: "" },
    { targets: [{ name: "f" }], allPromises: "yes" },
    { targets: [{ name: "f" }], extra: 1 },
    { targets: { name: "f" } },
    { targets: [null] },
    { targets: [{ name: "f" }], $schema: 3 },
    { targets: [{ name: "f" }], promiseConsumers: ["utils..settle"] },
    { targets: [{ name: "f" }], promiseConsumers: ["#pMap"] },
    { targets: [{ name: "f" }], promiseConsumers: ["p-map#p.map"] },
    { targets: [{ name: "f" }], promiseConsumers: "promiseAll" },
  ];

  for (const raw of VALID) {
    it(`${JSON.stringify(raw)}: vouched for, with zod's result`, () => {
      expect(plainConfigData(raw)).toBeDefined();
      expect(configSchema().parse(raw)).toEqual(plainConfigData(raw));
    });
  }
  for (const raw of LEFT_TO_ZOD) {
    it(`${JSON.stringify(raw)}: left to zod`, () => {
      expect(plainConfigData(raw)).toBeUndefined();
    });
  }
  it("every input zod rejects is left to zod", () => {
    for (const raw of LEFT_TO_ZOD) {
      if (!configSchema().safeParse(raw).success) expect(() => resolveConfig(raw, "test.json")).toThrow(/invalid config in test\.json/);
    }
  });
});
