import * as fs from "node:fs";
import * as path from "node:path";
import tsParser from "@typescript-eslint/parser";
import { ESLint, Linter, RuleTester } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import unawaited from "../src/eslint-plugin/index";
import { awaitTargets } from "../src/eslint-plugin/await-targets";
import { copySampleProject, readTree, tempDir, unawaited as runCli, writeTree } from "./cli-helpers";
import { loadConfigFile } from "../src/config/load";
import { configFor, fixturePairs, FIXTURES_ROOT, runFixture, type FixturePair } from "./fixtures";

// RuleTester reports through the test framework's globals.
Object.assign(RuleTester, { describe, it, itOnly: it.only, afterAll });

const RULE = "unawaited/await-targets";
const SAMPLE_SRC = path.join(FIXTURES_ROOT, "sample-project", "src");
const TARGETS = {
  targets: [
    { name: "createWebSocketManager" },
    { name: "loadAsync", sync: "load", module: "@app/store" },
    { name: "setAsync", sync: "set" },
  ],
};
const AWAIT_REASON = { target: "createWebSocketManager", reason: "the result is used as a value in an async function" };
const SYNC_REASON = { target: "loadAsync", reason: "called in a sync function, where await is not available: use the sync variant load" };
const MANUAL_REASON = { target: "createWebSocketManager", reason: "called in a sync function, where await is not available, and no sync variant is configured; the result is a Promise" };

describe("unawaited/await-targets on TypeScript", () => {
  new RuleTester({ languageOptions: { parser: tsParser } }).run("await-targets", awaitTargets, {
    valid: [
      { filename: "/virtual/a.ts", options: [TARGETS], code: "async function f(ctx: C) { const m = await createWebSocketManager(ctx); }" },
      { filename: "/virtual/a.ts", options: [TARGETS], code: "async function f(ctx: C): Promise<M> { return createWebSocketManager(ctx); }" },
      { filename: "/virtual/a.ts", options: [TARGETS], code: "function f(ctx: C) { void createWebSocketManager(ctx); }" },
      { filename: "/virtual/a.ts", options: [TARGETS], code: "async function f(ctx: C) { await Promise.all([createWebSocketManager(ctx)]); }" },
      // No options and no config file above the file: nothing to check.
      { filename: "/virtual/a.ts", code: "async function f(ctx: C) { createWebSocketManager(ctx).add(1); }" },
    ],
    invalid: [
      {
        filename: "/virtual/a.ts",
        options: [TARGETS],
        code: "async function f(ctx: C) {\n  const m = createWebSocketManager(ctx) as M;\n  createWebSocketManager(ctx)!.add(1);\n}\n",
        output: "async function f(ctx: C) {\n  const m = (await createWebSocketManager(ctx)) as M;\n  (await createWebSocketManager(ctx))!.add(1);\n}\n",
        errors: [
          { messageId: "await", data: AWAIT_REASON, line: 2, column: 13 },
          { messageId: "await", data: AWAIT_REASON, line: 3, column: 3 },
        ],
      },
      {
        // Two switches of one import share its edit: each carries the whole fix, ESLint applies it once.
        filename: "/virtual/a.ts",
        options: [TARGETS],
        code: 'import { loadAsync } from "@app/store";\nexport function f(): void {\n  loadAsync(1);\n  loadAsync(2);\n}\n',
        output: 'import { load } from "@app/store";\nexport function f(): void {\n  load(1);\n  load(2);\n}\n',
        errors: [
          { messageId: "syncVariant", data: SYNC_REASON, line: 3, column: 3 },
          { messageId: "syncVariant", data: SYNC_REASON, line: 4, column: 3 },
        ],
      },
      {
        filename: "/virtual/a.ts",
        options: [TARGETS],
        code: "export function wire(r: R, m: M): void {\n  r.setAsync(m);\n}\n",
        output: "export function wire(r: R, m: M): void {\n  r.set(m);\n}\n",
        errors: [{ messageId: "syncVariant", line: 2, column: 3 }],
      },
      {
        // A manual site gets no fix.
        filename: "/virtual/a.ts",
        options: [TARGETS],
        code: "export function f(ctx: C): void {\n  createWebSocketManager(ctx).add(1);\n}\n",
        output: null,
        errors: [{ messageId: "manual", data: MANUAL_REASON, line: 2, column: 3 }],
      },
      {
        // Without options, the unawaited.config.json above the file: the sample project's.
        filename: path.join(SAMPLE_SRC, "extra.ts"),
        code: 'import { createWebSocketManager } from "./ws/websocket-manager";\nexport async function f(ctx: C) {\n  createWebSocketManager(ctx).addConnection("c");\n}\n',
        output: 'import { createWebSocketManager } from "./ws/websocket-manager";\nexport async function f(ctx: C) {\n  (await createWebSocketManager(ctx)).addConnection("c");\n}\n',
        errors: [{ messageId: "await", data: AWAIT_REASON, line: 3, column: 3 }],
      },
      {
        // `config` names a file, relative to ESLint's working directory.
        filename: "/virtual/a.ts",
        options: [{ config: path.join(FIXTURES_ROOT, "sample-project", "unawaited.config.json") }],
        code: "export function wire(r: R, m: M): void {\n  r.setWebsocketManagerAsync(m);\n}\n",
        output: "export function wire(r: R, m: M): void {\n  r.setWebsocketManager(m);\n}\n",
        errors: [{ messageId: "syncVariant", line: 2, column: 3 }],
      },
    ],
  });
});

describe("unawaited/await-targets on JavaScript", () => {
  new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module" } }).run("await-targets", awaitTargets, {
    valid: [
      { filename: "/virtual/a.mjs", options: [TARGETS], code: "const p = createWebSocketManager(ctx);\nawait p;\n" },
      { filename: "/virtual/a.js", options: [TARGETS], code: "createWebSocketManager(ctx).then(use);\n" },
    ],
    invalid: [
      {
        // An ES module's top level may await.
        filename: "/virtual/a.mjs",
        options: [TARGETS],
        code: "const m = createWebSocketManager(ctx)\n;[1].forEach(() => {})\ncreateWebSocketManager(ctx).add(1)\n",
        output: "const m = await createWebSocketManager(ctx)\n;[1].forEach(() => {})\n;(await createWebSocketManager(ctx)).add(1)\n",
        errors: [
          { messageId: "await", line: 1, column: 11 },
          { messageId: "await", line: 3, column: 1 },
        ],
      },
      {
        // A CommonJS top level cannot: the sync variant, with the `require` pattern renamed.
        filename: "/virtual/a.cjs",
        options: [TARGETS],
        languageOptions: { sourceType: "commonjs" },
        code: 'const { loadAsync } = require("@app/store");\nconst cfg = loadAsync();\n',
        output: 'const { load } = require("@app/store");\nconst cfg = load();\n',
        errors: [{ messageId: "syncVariant", data: { ...SYNC_REASON, reason: SYNC_REASON.reason.replace("a sync function", "the module top level") }, line: 2, column: 13 }],
      },
    ],
  });
});

describe("unawaited/await-targets options", () => {
  const lint = (options: unknown) => new Linter({ cwd: "/virtual" }).verify("createWebSocketManager();\n", [{ plugins: { unawaited }, rules: { [RULE]: ["error", options] } }], "/virtual/a.js");

  it("validates inline options with the config's own messages, naming the field", () => {
    expect(() => lint({ targets: [{ name: "create-manager" }] })).toThrow(/targets\[0\]\.name: must be a JavaScript identifier/);
    expect(() => lint({ targets: [{ name: "f" }], retrunAwait: "always" })).toThrow(/unknown key "retrunAwait"/);
  });

  it("takes `config` alone, and says so", () => {
    expect(() => lint({ config: "unawaited.config.json", targets: [] })).toThrow(/"config" takes a path to a config file, and no other option beside it/);
  });

  it("names a config file it cannot read", () => {
    expect(() => lint({ config: "/virtual/missing.json" })).toThrow(/cannot read config \/virtual\/missing\.json: no such file/);
  });

  it("reports a file unawaited cannot parse where its parser stops", () => {
    // typescript-eslint's parser leaves redeclarations to the type checker; Babel rejects them.
    const code = "let y = 1;\nlet y = 2;\ncreateWebSocketManager();\n";
    const messages = new Linter({ cwd: "/virtual" }).verify(code, [{ files: ["**/*.ts"], languageOptions: { parser: tsParser }, plugins: { unawaited }, rules: { [RULE]: ["error", TARGETS] } }], "/virtual/a.ts");
    expect(messages.map((m) => [m.messageId, m.line, m.column, m.message])).toEqual([["parseError", 2, 5, "unawaited cannot parse this file: Identifier 'y' has already been declared."]]);
  });
});

describe("unawaited/await-targets fixes", () => {
  it("gives each await its own fix, and switches of names from one module one shared fix", () => {
    const code = [
      'import { loadAsync } from "@app/store";',
      "export function f(r) {",
      "  loadAsync(1);",
      "  r.setAsync(2);",
      "  loadAsync(3);",
      "}",
      "export async function g(ctx) {",
      "  createWebSocketManager(ctx).add(1);",
      "  const m = createWebSocketManager(ctx);",
      "}",
      "",
    ].join("\n");
    const messages = new Linter({ cwd: "/virtual" }).verify(code, [{ plugins: { unawaited }, rules: { [RULE]: ["error", TARGETS] } }], "/virtual/a.mjs");
    const fixes = messages.map((m) => [`${m.line}:${m.column}`, m.fix && code.slice(m.fix.range[0], m.fix.range[1]), m.fix?.text]);
    const shared = code.slice(code.indexOf("loadAsync"), code.indexOf("loadAsync(3)") + "loadAsync".length);
    const switched = 'load } from "@app/store";\nexport function f(r) {\n  load(1);\n  r.setAsync(2);\n  load';
    expect(fixes).toEqual([
      ["3:3", shared, switched],
      ["4:3", "setAsync", "set"],
      ["5:3", shared, switched],
      ["8:3", "createWebSocketManager(ctx)", "(await createWebSocketManager(ctx))"],
      ["9:13", "", "await "],
    ]);
  });
});

describe("the plugin", () => {
  it("is one object for flat config: meta, the rule, and a recommended config that enables itself", () => {
    expect(unawaited.meta).toEqual({ name: "unawaited", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(Object.keys(unawaited.rules!)).toEqual(["await-targets"]);
    expect(unawaited.configs.recommended).toEqual({ name: "unawaited/recommended", plugins: { unawaited }, rules: { [RULE]: "error" } });
    expect(awaitTargets.meta).toMatchObject({ type: "problem", fixable: "code", docs: { recommended: true } });
    expect(awaitTargets.meta?.docs?.url).toBeUndefined();
  });
});

/**
 * Every JavaScript and TypeScript fixture pair: ESLint's own fix loop, with
 * the rule, writes the fixture's expected output. The rule always makes both
 * kinds of edit, as `unawaited fix` does; the few single-transform fixtures
 * that the other kind changes are held to the engine's two-kind output.
 */
describe("conformance with the fixture pairs", () => {
  const pairs = ["await-async-calls", "use-sync-variant", "fix-async-calls"]
    .flatMap((id) => fixturePairs(id).map((pair) => ({ id, pair })))
    .filter(({ pair }) => !pair.inputFile.endsWith(".py"));
  const bothKinds = (pair: FixturePair, input: string) => runFixture(pair, input, ["await", "sync-variant"]).output;

  it("covers the TypeScript and JavaScript fixtures, and only two differ from the fixture with both kinds of edit", () => {
    expect(pairs.length).toBeGreaterThan(100);
    const differing = pairs
      .filter(({ pair }) => bothKinds(pair, fs.readFileSync(pair.inputFile, "utf8")) !== fs.readFileSync(pair.outputFile, "utf8"))
      .map(({ id, pair }) => `${id}/${pair.scenario}`);
    expect(differing).toEqual(["use-sync-variant/no-change-async-scopes", "use-sync-variant/no-change-top-level-esm"]);
  });

  for (const { id, pair } of pairs) {
    it(`${id}/${pair.scenario}`, () => {
      const input = fs.readFileSync(pair.inputFile, "utf8");
      const expected = fs.readFileSync(pair.outputFile, "utf8");
      const want = expected === bothKinds(pair, input) ? expected : bothKinds(pair, input);
      const config = flatConfigFor(pair);
      const result = new Linter().verifyAndFix(input, config, pair.inputFile);
      expect(result.messages.filter((m) => m.fatal)).toEqual([]);
      expect(result.output).toBe(want);
      // What is left is what the engine leaves: manual sites only.
      expect(result.messages.map((m) => m.messageId).filter((id) => id !== "manual")).toEqual([]);
    });
  }
});

function flatConfigFor(pair: FixturePair): Linter.Config[] {
  const ext = path.extname(pair.inputFile);
  const typescript = [".ts", ".tsx", ".mts", ".cts"].includes(ext);
  // Without an options file the rule finds the fixture's config itself; with one, it gets the resolved config inline.
  const options = pair.optionsFile === undefined ? [] : [JSON.parse(JSON.stringify(configFor(pair)))];
  return [
    {
      // A pattern that names the extensions: `**/*` alone does not make ESLint lint a file.
      files: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
      languageOptions: typescript
        ? { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: ext === ".tsx" } } }
        : { ecmaVersion: "latest", sourceType: ext === ".cjs" ? "commonjs" : "module", parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { unawaited },
      rules: { [RULE]: ["error", ...options] },
    },
  ];
}

describe("eslint --fix on the sample project", () => {
  it("writes the same files as `unawaited fix`", async () => {
    const byCli = copySampleProject();
    const byEslint = copySampleProject();
    expect(runCli(["fix", "."], byCli).status).toBe(0);

    const eslint = new ESLint({
      cwd: byEslint,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ["**/*.ts"], languageOptions: { parser: tsParser } },
        { files: ["**/*.{ts,js}"], ...unawaited.configs.recommended },
      ],
      fix: true,
    });
    const results = await eslint.lintFiles(["."]);
    await ESLint.outputFixes(results);

    expect(readTree(byEslint)).toEqual(readTree(byCli));
    expect(readTree(byEslint)).not.toEqual(readTree(copySampleProject()));
    const left = results.flatMap((result) => result.messages.map((m) => `${path.relative(byEslint, result.filePath)}:${m.line}:${m.column} ${m.messageId}`));
    expect(left).toEqual(["src/bootstrap.js:9:15 manual", "src/managers.ts:9:19 manual"]);
  });

  it("leaves a project without a config alone", async () => {
    const dir = tempDir();
    writeTree(dir, { "a.js": "async function f() { createWebSocketManager(); }\n" });
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [unawaited.configs.recommended], fix: true });
    const results = await eslint.lintFiles(["."]);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });
});

/**
 * The typed engine's scenario projects: with `engine: "typed"` and
 * typescript-eslint's program (parserOptions.project), the rule reports the
 * sites the typed engine finds (expected.json, without the `ok` ones), where
 * the syntactic engine would report others.
 */
describe("typed mode, on the typed engine's scenario projects", () => {
  const projects = path.join(FIXTURES_ROOT, "projects");
  for (const scenario of fs.readdirSync(projects).sort()) {
    const dir = path.join(projects, scenario);
    // A propagation cascade spans files, which a lint rule never sees together (docs/eslint.md).
    if (scenario.startsWith("propagate-")) continue;
    it(scenario, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8")) as { typed: readonly string[] };
      const config = { ...JSON.parse(JSON.stringify(loadConfigFile(path.join(dir, "unawaited.config.json")))), engine: "typed" };
      const eslint = new ESLint({
        cwd: dir,
        overrideConfigFile: true,
        overrideConfig: [{
          files: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
          languageOptions: { parser: tsParser, parserOptions: { project: "./tsconfig.json", tsconfigRootDir: dir } },
          plugins: { unawaited },
          rules: { [RULE]: ["error", config] },
        }],
      });
      const results = await eslint.lintFiles(["."]);
      // Only the rule's messages: the sources also hold disable comments for rules not loaded here, and
      // typescript-eslint refuses a file its tsconfig leaves out (where the CLI skips it).
      const reported = results.flatMap((result) => result.messages
        .filter((m) => m.ruleId === RULE)
        .map((m) => `${path.relative(dir, result.filePath).split(path.sep).join("/")}:${m.line}:${m.column} ${m.messageId}`));
      const wanted = expected.typed.filter((line) => !line.endsWith(" ok")).map((line) => line.replace(/ sync-variant$/, " syncVariant"));
      expect(reported.sort()).toEqual([...wanted].sort());
    });
  }

  it("matches by name and module, as the syntactic engine, when the parser gives no program", async () => {
    const dir = path.join(projects, "any-receiver");
    const config = { ...JSON.parse(JSON.stringify(loadConfigFile(path.join(dir, "unawaited.config.json")))), engine: "typed" };
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tsParser }, plugins: { unawaited }, rules: { [RULE]: ["error", config] } }],
    });
    const results = await eslint.lintFiles(["src/untyped.ts"]);
    expect(results[0]!.messages.filter((m) => m.ruleId === RULE).map((m) => `${m.line}:${m.column} ${m.messageId}`)).toEqual(["5:3 await"]);
  });
});
