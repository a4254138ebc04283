import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copySampleProject, git, readTree, REPO_ROOT, tempDir, unawaited, writeTree } from "./cli-helpers";

/** A project in a temp dir whose config makes `load` a target, with propagation on, holding these files. */
function propagating(files: Readonly<Record<string, string>>): string {
  const dir = tempDir();
  writeTree(dir, { "unawaited.config.json": JSON.stringify({ targets: [{ name: "load" }], propagate: "all" }), ...files });
  return dir;
}

/** A chain over three files: api.ts (the target) ← users.ts ← greet.ts ← main.js, and a stop in main.js. */
const PROJECT: Readonly<Record<string, string>> = {
  "unawaited.config.json": JSON.stringify({ targets: [{ name: "fetchUser", module: "./src/api" }] }),
  "src/api.ts": "export async function fetchUser(id: number): Promise<{ name: string }> {\n  return { name: String(id) };\n}\n",
  "src/users.ts": [
    "import { fetchUser } from \"./api\";",
    "",
    "export function userName(id: number): string {",
    "  return fetchUser(id).name;",
    "}",
    "",
  ].join("\n"),
  "src/greet.ts": [
    "import * as users from \"./users\";",
    "",
    "export const greeting = (id: number): string => `Hello, ${users.userName(id)}`;",
    "",
  ].join("\n"),
  "src/main.js": [
    "const { greeting } = require(\"./greet\");",
    "",
    "function main() {",
    "  console.log(greeting(1));",
    "}",
    "",
    "[1, 2].forEach((id) => console.log(greeting(id)));",
    "module.exports = { main };",
    "",
  ].join("\n"),
};

const FIXED: Readonly<Record<string, string>> = {
  "src/users.ts": [
    "import { fetchUser } from \"./api\";",
    "",
    "export async function userName(id: number): Promise<string> {",
    "  return (await fetchUser(id)).name;",
    "}",
    "",
  ].join("\n"),
  "src/greet.ts": [
    "import * as users from \"./users\";",
    "",
    "export const greeting = async (id: number): Promise<string> => `Hello, ${await users.userName(id)}`;",
    "",
  ].join("\n"),
  "src/main.js": [
    "const { greeting } = require(\"./greet\");",
    "",
    "async function main() {",
    "  console.log(await greeting(1));",
    "}",
    "",
    "[1, 2].forEach((id) => console.log(greeting(id)));",
    "module.exports = { main };",
    "",
  ].join("\n"),
};

function project(): string {
  const dir = tempDir();
  writeTree(dir, PROJECT);
  return dir;
}

describe("unawaited --propagate", () => {
  it("makes a chain of callers async across three files, and a second run changes nothing", () => {
    const dir = project();
    const result = unawaited(["fix", "--propagate", "."], dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("src/users.ts:4:10  async   fetchUser: called in a sync function, where await is not available, and no sync variant is configured: userName is made async and the call awaited\n");
    expect(result.stdout).toContain("src/main.js:4:15  async   greeting: called in a sync function, where await is not available, and no sync variant is configured: main is made async and the call awaited (chain: fetchUser → userName → greeting → main)\n");
    expect(result.stdout).toContain("src/main.js:7:36  manual  greeting: ");
    expect(result.stdout).toContain("it is passed as a callback to […].forEach(), which does not await it (chain: fetchUser → userName → greeting → an anonymous function)");
    expect(result.stdout).toContain("sites: 0 awaited, 0 switched to sync, 3 made async, 1 manual, 0 already fine");
    const after = readTree(dir);
    for (const [file, content] of Object.entries(FIXED)) expect(after[file]).toBe(content);
    expect(after["src/api.ts"]).toBe(PROJECT["src/api.ts"]);

    const again = unawaited(["fix", "--propagate", "."], dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("0 changed");
    expect(readTree(dir)).toEqual(after);
  });

  it("is off by default: the call is manual and nothing changes", () => {
    const dir = project();
    const result = unawaited(["fix", "--dry", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("src/users.ts:4:10  manual  fetchUser: called in a sync function, where await is not available, and no sync variant is configured; the result is a Promise\n");
  });

  it("takes the mode from the config, and --propagate off overrides it", () => {
    const dir = project();
    writeTree(dir, { "unawaited.config.json": JSON.stringify({ targets: [{ name: "fetchUser", module: "./src/api" }], propagate: "all" }) });
    expect(unawaited(["check", "."], dir).stdout).toContain("3 to make async");
    expect(unawaited(["check", "--propagate", "off", "."], dir).stdout).toContain("0 to switch to sync, 1 manual");
  });

  it("refuses a value it does not know", () => {
    const result = unawaited(["check", "--propagate=some", "."], project());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("propagate");
  });

  it("--graph writes the graph as Mermaid, Markdown or DOT", () => {
    const dir = project();
    const result = unawaited(["fix", "--dry", "--propagate", "--graph", "graph.mmd", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("wrote graph.mmd\n");
    expect(fs.readFileSync(path.join(dir, "graph.mmd"), "utf8")).toBe([
      "flowchart BT",
      "  n0[\"greeting<br/>src/greet.ts:3\"]",
      "  n1[\"main<br/>src/main.js:3\"]",
      "  n2[\"userName<br/>src/users.ts:3\"]",
      "  n3([\"fetchUser<br/>(target)\"])",
      "  n4{{\"stop: an anonymous function<br/>src/main.js:7<br/>the function cannot be made async: it is passed as a callback to […].forEach(), which does not await it\"}}",
      "  n0 -->|\"src/greet.ts:3\"| n2",
      "  n1 -->|\"src/main.js:4\"| n0",
      "  n2 -->|\"src/users.ts:4\"| n3",
      "  n4 -->|\"src/main.js:7\"| n0",
      "  classDef target fill:#e8f0fe,stroke:#1a73e8",
      "  classDef async fill:#e6f4ea,stroke:#188038",
      "  classDef stop fill:#fce8e6,stroke:#d93025",
      "  class n3 target",
      "  class n0,n1,n2 async",
      "  class n4 stop",
      "",
    ].join("\n"));

    unawaited(["check", "--propagate", "--graph", "graph.md", "."], dir);
    expect(fs.readFileSync(path.join(dir, "graph.md"), "utf8")).toMatch(/^```mermaid\nflowchart BT\n[\s\S]*```\n$/);

    unawaited(["list", "--propagate", "--graph", "graph.dot", "."], dir);
    const dot = fs.readFileSync(path.join(dir, "graph.dot"), "utf8");
    expect(dot).toMatch(/^digraph propagation \{\n {2}rankdir=BT;\n/);
    expect(dot).toContain("  n2 -> n3 [label=\"src/users.ts:4\"];\n");
    expect(dot).toContain("shape=octagon");
  });

  it("--graph refuses an extension it cannot write, before the run", () => {
    const result = unawaited(["check", "--propagate", "--graph", "graph.txt", "."], project());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--graph graph.txt: unknown format");
  });

  it("reports make-async in JSON (with the chain), SARIF and GitHub annotations", () => {
    const dir = project();
    const json = JSON.parse(unawaited(["check", "--propagate", "--json", "."], dir).stdout) as { findings: { file: string; action: string; chain?: string[]; stop?: string }[]; summary: { sites: { madeAsync?: number } } };
    const main = json.findings.find((f) => f.file === "src/main.js" && f.action === "make-async");
    expect(main?.chain).toEqual(["fetchUser", "userName", "greeting", "main"]);
    const stop = json.findings.find((f) => f.action === "manual");
    expect(stop?.stop).toContain("passed as a callback");
    expect(json.summary.sites.madeAsync).toBe(3);

    const sarif = JSON.parse(unawaited(["check", "--propagate", "--format", "sarif", "."], dir).stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; fixes?: { description: { text: string }; artifactChanges: { replacements: unknown[] }[] }[] }[] }[] };
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toContain("make-async");
    const madeAsync = sarif.runs[0]!.results.filter((r) => r.ruleId === "make-async");
    expect(madeAsync).toHaveLength(3);
    // Each is one fix: `async`, the return type and the await, which need each other.
    for (const result of madeAsync) {
      expect(result.fixes?.[0]?.description.text).toBe("make the function async and await the call");
      expect(result.fixes?.[0]?.artifactChanges[0]!.replacements.length).toBeGreaterThanOrEqual(2);
    }

    const github = unawaited(["check", "--propagate", "--format", "github", "."], dir).stdout;
    expect(github).toContain("::warning file=src/users.ts,line=4,col=10,title=unawaited%3A make the caller async::fetchUser: ");
  });

  it("Python: follows callers across modules, relative imports included, and a second run changes nothing", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "fetch_user", module: "app.api" }], propagate: "all" }),
      "app/__init__.py": "",
      "app/api.py": "async def fetch_user(user_id):\n    return {\"name\": str(user_id)}\n",
      "app/users.py": "from .api import fetch_user\n\n\ndef user_name(user_id: int) -> str:\n    return fetch_user(user_id)[\"name\"]\n",
      "app/web/__init__.py": "",
      "app/web/views.py": "from ..users import user_name\n\n\ndef page(user_id):\n    return \"<h1>\" + user_name(user_id) + \"</h1>\"\n",
      "main.py": "import app.web.views as views\n\n\ndef main():\n    print(views.page(1))\n",
    });
    const result = unawaited(["fix", "."], dir);
    expect(result.status).toBe(0);
    const after = readTree(dir);
    expect(after["app/users.py"]).toBe("from .api import fetch_user\n\n\nasync def user_name(user_id: int) -> str:\n    return (await fetch_user(user_id))[\"name\"]\n");
    expect(after["app/web/views.py"]).toBe("from ..users import user_name\n\n\nasync def page(user_id):\n    return \"<h1>\" + await user_name(user_id) + \"</h1>\"\n");
    expect(after["main.py"]).toBe("import app.web.views as views\n\n\nasync def main():\n    print(await views.page(1))\n");
    expect(result.stdout).toContain("(chain: fetch_user → user_name → page → main)");

    const again = unawaited(["fix", "."], dir);
    expect(again.status).toBe(0);
    expect(readTree(dir)).toEqual(after);
  });

  it("a recursion cycle across two files is made async once, and the run ends", () => {
    const dir = propagating({
      "a.ts": "import { b } from \"./b\";\n\nexport function a(n: number): number {\n  return n === 0 ? load().size : b(n - 1) + 1;\n}\n",
      "b.ts": "import { a } from \"./a\";\n\nexport function b(n: number): number {\n  return a(n) * 2;\n}\n",
    });
    const result = unawaited(["fix", "."], dir);
    expect(result.status).toBe(0);
    const after = readTree(dir);
    expect(after["a.ts"]).toBe("import { b } from \"./b\";\n\nexport async function a(n: number): Promise<number> {\n  return n === 0 ? (await load()).size : (await b(n - 1)) + 1;\n}\n");
    expect(after["b.ts"]).toBe("import { a } from \"./a\";\n\nexport async function b(n: number): Promise<number> {\n  return (await a(n)) * 2;\n}\n");
    expect(unawaited(["check", "."], dir).status).toBe(0);
  });

  it("a function made async that another file passes as a callback is reported there, manual, at the reference", () => {
    const dir = propagating({
      "a.ts": "export function size(id: string): number {\n  return load(id).size;\n}\n",
      "b.ts": "import { size as sizeOf } from \"./a\";\n\nexport function total(ids: string[]): number[] {\n  return ids.map(sizeOf);\n}\n",
    });
    const result = unawaited(["check", "--json", "."], dir);
    const report = JSON.parse(result.stdout) as { findings: { file: string; line: number; column: number; action: string; reason: string; chain?: string[]; stop?: string }[] };
    expect(report.findings.filter((f) => f.file === "b.ts")).toEqual([{
      file: "b.ts",
      line: 4,
      column: 18,
      target: "size",
      action: "manual",
      reason: "size is made async by propagation, but here it is passed as a callback to ids.map(), which does not await it; fix by hand (chain: load → size)",
      chain: ["load", "size", "a callback"],
      stop: "passed as a callback to ids.map(), which does not await it",
    }]);
  });

  it("Python: a def made async that another module passes as a callback is reported there, manual, at the reference; an ignore comment silences it", () => {
    const dir = propagating({
      "app/__init__.py": "",
      "app/users.py": "def size(uid):\n    return load(uid).size\n",
      "app/report.py": [
        "from threading import Thread",
        "from .users import size as size_of",
        "from . import users",
        "",
        "def totals(ids):",
        "    sizes = list(map(size_of, ids))",
        "    Thread(target=users.size).start()",
        "    sorted(ids, key=size_of)  # unawaited: ignore[keys are looked up before the migration]",
        "    return sizes",
        "",
        "def local(ids, size_of):",
        "    return list(map(size_of, ids))",
        "",
      ].join("\n"),
    });
    const result = unawaited(["check", "--json", "."], dir);
    const report = JSON.parse(result.stdout) as { findings: { file: string; line: number; column: number; action: string; reason: string; stop?: string }[]; warnings?: unknown[] };
    expect(report.findings.filter((f) => f.file === "app/report.py").map((f) => `${f.line}:${f.column} ${f.action} ${f.stop ?? f.reason}`)).toEqual([
      "6:22 manual passed as a callback to map(), which does not await it",
      "7:19 manual passed as a callback to Thread(), which does not await it",
      "8:21 ok ignored by a comment: keys are looked up before the migration",
    ]);
    expect(result.stdout).not.toContain("silences no call site");
  });

  it("makes an anonymous default export async and follows it through the importers' own names", () => {
    const dir = propagating({
      "measure.ts": "export default function (id: string): number {\n  return load(id).size;\n}\n",
      "arrow.ts": "export default (id: string): number => load(id).size;\n",
      "b.ts": "import sizeOf from \"./measure\";\nimport arrowSize from \"./arrow\";\n\nexport function total(): number {\n  return sizeOf(\"a\") + arrowSize(\"b\");\n}\n",
    });
    const result = unawaited(["fix", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("measure.ts:2:10  async   load: called in a sync function, where await is not available, and no sync variant is configured: the default export is made async and the call awaited\n");
    expect(readTree(dir)).toMatchObject({
      "measure.ts": "export default async function (id: string): Promise<number> {\n  return (await load(id)).size;\n}\n",
      "arrow.ts": "export default async (id: string): Promise<number> => (await load(id)).size;\n",
      "b.ts": "import sizeOf from \"./measure\";\nimport arrowSize from \"./arrow\";\n\nexport async function total(): Promise<number> {\n  return (await sizeOf(\"a\")) + (await arrowSize(\"b\"));\n}\n",
    });
    expect(unawaited(["fix", "."], dir).stdout).toContain("0 changed");
  });

  it("one cascade over every path given with the same config (a pre-commit file list): a caller under one path is followed from another", () => {
    const dir = propagating({
      "lib/a.ts": "export function size(id: string): number {\n  return load(id).size;\n}\n",
      "app/b.ts": "import { size } from \"../lib/a\";\n\nexport function total(): number {\n  return size(\"x\") + 1;\n}\n",
    });
    const result = unawaited(["fix", "lib/a.ts", "app"], dir);
    expect(result.status).toBe(0);
    expect(readTree(dir)["app/b.ts"]).toBe("import { size } from \"../lib/a\";\n\nexport async function total(): Promise<number> {\n  return (await size(\"x\")) + 1;\n}\n");
    expect(result.stdout).toContain("app/b.ts:4:10  async   size:");
  });

  it("a .map callback is a stop; in an async function its reason suggests Promise.all, and nothing is edited", () => {
    const dir = propagating({
      "a.ts": "export async function all(ids: string[]): Promise<number[]> {\n  return ids.map((id) => load(id).size);\n}\nexport function some(ids: string[]): number[] {\n  return ids.map((id) => load(id).size);\n}\n",
    });
    const result = unawaited(["fix", "."], dir);
    expect(result.stdout).toContain("a.ts:2:26  manual  load: called in a sync function, where await is not available, and no sync variant is configured; the result is a Promise; the function cannot be made async: it is passed as a callback to ids.map(), which does not await it (here, in an async function, `await Promise.all(ids.map(async …))` gives the values, if running the calls concurrently is right)\n");
    expect(result.stdout).toContain("a.ts:5:26  manual  load: called in a sync function, where await is not available, and no sync variant is configured; the result is a Promise; the function cannot be made async: it is passed as a callback to ids.map(), which does not await it\n");
    expect(result.stdout).toContain("0 changed");
  });

  it("a getter, a property, toJSON, then and a special method are stops; returning a target's promise from one is manual, unless it declares a Promise", () => {
    const dir = propagating({
      "a.ts": "export class Interval {\n  get current(): number {\n    return load(\"x\");\n  }\n\n  get ready(): Promise<number> {\n    return load(\"y\");\n  }\n\n  toJSON(): object {\n    return { at: load(\"z\") };\n  }\n\n  then(resolve: (v: number) => void): void {\n    resolve(load(\"w\").size);\n  }\n}\n",
      "b.py": "class Session:\n    @property\n    def manager(self):\n        return load()\n\n    def __str__(self):\n        return load()\n",
    });
    const result = unawaited(["list", "."], dir);
    expect(result.stdout).toContain([
      "a.ts",
      "  3:12    manual  load: returned from a sync function, which now hands its callers a promise instead of a value; current cannot be made async: it is a getter, which cannot be async",
      "  7:12    ok      load: returned as a promise to the caller",
      "  11:18   manual  load: called in a sync function, where await is not available, and no sync variant is configured; the result is a Promise; toJSON cannot be made async: it is toJSON: JSON.stringify calls it and serialises what it returns, without awaiting",
      "  15:13   manual  load: called in a sync function, where await is not available, and no sync variant is configured; the result is a Promise; then cannot be made async: it is then: await and Promise.resolve call it as a thenable's then, without awaiting",
      "b.py",
      "  4:16    manual  load: returned from def manager, which now hands its callers a coroutine instead of a value; def manager cannot be made async: it is a property, which cannot be awaited",
      "  7:16    manual  load: returned from def __str__, which now hands its callers a coroutine instead of a value; def __str__ cannot be made async: it is a special method, which Python calls synchronously",
    ].join("\n"));
    // Without propagation, returning the promise from the getter is the deliberate pass-through it always was.
    expect(unawaited(["list", "--propagate", "off", "a.ts"], dir).stdout).toContain("  3:12    ok      load: returned as a promise to the caller");
  });

  it("wraps a default export's overloads, and follows ns.default() through a namespace import", () => {
    const dir = propagating({
      "measure.ts": "export default function size(id: string): number;\nexport default function size(id: number): number;\nexport default function size(id: string | number): number {\n  return load(String(id)).size;\n}\n",
      "b.ts": "import * as measure from \"./measure\";\nimport other from \"./other\";\n\nexport function total(): number {\n  return measure.default(\"a\") + other.default(\"b\");\n}\n",
    });
    expect(unawaited(["fix", "."], dir).status).toBe(0);
    expect(readTree(dir)).toMatchObject({
      "measure.ts": "export default function size(id: string): Promise<number>;\nexport default function size(id: number): Promise<number>;\nexport default async function size(id: string | number): Promise<number> {\n  return (await load(String(id))).size;\n}\n",
      // A default import's .default is not the module's default export.
      "b.ts": "import * as measure from \"./measure\";\nimport other from \"./other\";\n\nexport async function total(): Promise<number> {\n  return (await measure.default(\"a\")) + other.default(\"b\");\n}\n",
    });
  });

  it("Python: an async protocol method (__aenter__) is made async; other special methods stay stops", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "connect" }], propagate: "all" }),
      "pool.py": "class Pool:\n    def __aenter__(self):\n        self.conn = connect()\n        self.conn.ping()\n        return self\n\n    def __len__(self):\n        return connect().size\n",
    });
    const result = unawaited(["fix", "."], dir);
    expect(readTree(dir)["pool.py"]).toBe("class Pool:\n    async def __aenter__(self):\n        self.conn = await connect()\n        self.conn.ping()\n        return self\n\n    def __len__(self):\n        return connect().size\n");
    expect(result.stdout).toContain("def __len__ cannot be made async: it is a special method, which Python calls synchronously");
  });

  it("a function stored as a value (an object, an array, an assignment) is a stop in its own file, and manual where another file stores it", () => {
    const dir = propagating({
      "a.ts": "export function size(id: string): number {\n  return load(id).size;\n}\nexport const handlers = { size };\n",
      "b.ts": "export function count(id: string): number {\n  return load(id).count;\n}\n",
      "c.ts": "import { count } from \"./b\";\n\nexport const table = [count];\nmodule.exports.other = { count };\n",
      "app/__init__.py": "",
      "app/parsers.py": "def parse_info(response):\n    return load(response).info\n\nRESPONSE_CALLBACKS = {\"INFO\": parse_info}\n",
      "app/hooks.py": "def on_event(event):\n    return load(event).kind\n",
      "app/registry.py": "from .hooks import on_event\n\nHOOKS = [on_event]\n",
      "app/local.py": "def prompt(text):\n    return load(text).answer\n\ndef ask(prompt):\n    return run(prompt=prompt)\n",
    });
    const result = unawaited(["list", "."], dir);
    expect(result.stdout).toContain("size cannot be made async: it is stored as a value in an object (as size), from where it is called without await");
    expect(result.stdout).toContain("count is made async by propagation, but here it is stored as a value in an array, from where it is called without await");
    expect(result.stdout).toContain("def parse_info cannot be made async: it is stored as a value in a dict (as \"INFO\"), from where it is called without await");
    expect(result.stdout).toContain("on_event is made async by propagation, but here it is stored as a value in a list, from where it is called without await");
    // A parameter of the same name, passed on, is another value: prompt is made async.
    expect(result.stdout).toMatch(/local\.py\n {2}2:12 +async +load: .*prompt is made async/);
  });

  it("Python: a module target is found in its own module too, by its bare name where nothing closer binds it", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "current", module: "app.globals" }], propagate: "all" }),
      "app/__init__.py": "",
      "app/globals.py": "async def current():\n    return 1\n\n\ndef resolve():\n    ctx = current()\n    return ctx.color\n\n\ndef other(current):\n    return current()\n",
    });
    expect(unawaited(["fix", "."], dir).status).toBe(0);
    expect(readTree(dir)["app/globals.py"]).toBe("async def current():\n    return 1\n\n\nasync def resolve():\n    ctx = await current()\n    return ctx.color\n\n\ndef other(current):\n    return current()\n");
  });

  it("follows a default export through the importer's own name", () => {
    const dir = propagating({
      "measure.ts": "export default function size(id: string): number {\n  return load(id).size;\n}\n",
      "b.ts": "import sizeOf from \"./measure\";\n\nexport function total(): number {\n  return sizeOf(\"a\") + 1;\n}\n",
    });
    const result = unawaited(["fix", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("b.ts:4:10  async   size: called in a sync function");
    expect(readTree(dir)["b.ts"]).toBe("import sizeOf from \"./measure\";\n\nexport async function total(): Promise<number> {\n  return (await sizeOf(\"a\")) + 1;\n}\n");
    expect(readTree(dir)["measure.ts"]).toBe("export default async function size(id: string): Promise<number> {\n  return (await load(id)).size;\n}\n");
  });

  it("a member of a class hierarchy is a stop, with the heritage named; a plain class's method is made async", () => {
    const dir = propagating({
      "store.ts": [
        "export class DiskStore implements Store {",
        "  measure(key: string): number {",
        "    return load(key).size;",
        "  }",
        "}",
        "",
        "export class Scanner {",
        "  scanAll(): number {",
        "    return load(\"all\").size;",
        "  }",
        "}",
        "",
      ].join("\n"),
      "shapes.py": "class Shape:\n    def area(self):\n        return load(1).size\n\n\nclass Square(Shape):\n    def area(self):\n        return 4\n",
    });
    const result = unawaited(["fix", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("def area cannot be made async: it is overridden by Square.area in this file");
    expect(result.stdout).toContain("store.ts:3:12  manual  load: called in a sync function, where await is not available, and no sync variant is configured; the result is a Promise; measure cannot be made async: it is a method of a class that implements Store: it may override or implement a method shared with other classes, whose callers expect the same return type; make them async together by hand, or use --engine typed, which follows the hierarchy\n");
    expect(readTree(dir)["store.ts"]).toContain("  async scanAll(): Promise<number> {\n    return (await load(\"all\")).size;\n");
  });

  it("internal: a package's public surface stays as it is (package.json exports, Python __init__.py)", () => {
    const dir = tempDir();
    writeTree(dir, {
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "load" }, { name: "fetch_user" }], propagate: "internal" }),
      "package.json": JSON.stringify({ name: "lib", exports: { ".": { import: "./src/index.js", require: "./src/index.cjs" } } }),
      "src/index.ts": "export function api(): number {\n  return helper();\n}\n\nfunction helper(): number {\n  return load().size;\n}\n",
      "src/exports.cjs": "exports.open = function () {\n  return load().handle;\n};\n",
      "src/use.js": "const { open } = require(\"./exports.cjs\");\n\nfunction main() {\n  open().close();\n}\n",
      "pkg/__init__.py": "def public_api():\n    return fetch_user(1).name\n\n\ndef _private():\n    return fetch_user(2).name\n",
    });
    const result = unawaited(["fix", "."], dir);
    expect(result.status).toBe(0);
    const after = readTree(dir);
    // helper is made async; api, an export of the entry point, stops the chain.
    expect(after["src/index.ts"]).toBe("export function api(): number {\n  return helper();\n}\n\nasync function helper(): Promise<number> {\n  return (await load()).size;\n}\n");
    expect(result.stdout).toContain("src/index.ts:2:10  manual  helper: returned from a sync function, which now hands its callers a promise instead of a value; api cannot be made async: it is exported by the package's entry point (package.json \"exports\"): its callers outside the package would break (propagate is \"internal\") (chain: load → helper → api)\n");
    // Not an entry point: exports.open is made async, and its caller through require follows.
    expect(after["src/exports.cjs"]).toBe("exports.open = async function () {\n  return (await load()).handle;\n};\n");
    expect(after["src/use.js"]).toBe("const { open } = require(\"./exports.cjs\");\n\nasync function main() {\n  (await open()).close();\n}\n");
    expect(after["pkg/__init__.py"]).toBe("def public_api():\n    return fetch_user(1).name\n\n\nasync def _private():\n    return (await fetch_user(2)).name\n");
    expect(result.stdout).toContain("def public_api cannot be made async: it is public in the package's __init__.py");
  });
});

/** The bundled samples' chains (see their README files), and what --propagate makes of them. */
describe("--propagate on the sample projects", () => {
  const samples = [
    { name: "sample-project", changed: 5, sites: "sites: 4 to await, 2 to switch to sync, 3 to make async, 4 manual, 5 already fine" },
    { name: "python-sample-project", changed: 5, sites: "sites: 6 to await, 2 to switch to sync, 3 to make async, 2 manual, 9 already fine" },
  ];

  it.each(samples)("$name: --dry prints the expected diff; fix writes it, and a second run changes nothing", ({ name, changed, sites }) => {
    const expected = fs.readFileSync(path.join(REPO_ROOT, "__testfixtures__", `${name}.propagate.expected.diff`), "utf8");
    const dir = copySampleProject(name);
    const before = readTree(dir);
    const dry = unawaited(["fix", "--dry", "--propagate", "."], dir);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(expected);
    expect(dry.stderr).toContain(`${changed} to change`);
    expect(dry.stderr).toContain(sites);
    expect(readTree(dir)).toEqual(before);

    const patched = copySampleProject(name);
    fs.writeFileSync(path.join(patched, "fix.patch"), expected);
    expect(git(["apply", "fix.patch"], patched).status).toBe(0);
    fs.rmSync(path.join(patched, "fix.patch"));
    const first = unawaited(["fix", "--propagate", "."], dir);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`${changed} changed`);
    expect(readTree(dir)).toEqual(readTree(patched));

    const second = unawaited(["fix", "--propagate", "."], dir);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("0 changed");
    expect(readTree(dir)).toEqual(readTree(patched));
  });

  it("--graph on the TypeScript sample writes the graph the README shows", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const shown = [...readme.matchAll(/^```mermaid\n[^]*?^```\n/gm)].map((m) => m[0]).filter((block) => block.includes("__testfixtures__/sample-project/"));
    expect(shown).toHaveLength(1);
    const graph = path.join(tempDir(), "graph.md");
    // As the README runs it: from the repository root, on the sample itself (--dry writes nothing there).
    const result = unawaited(["fix", "--dry", "--propagate", "--graph", graph, "__testfixtures__/sample-project"], REPO_ROOT);
    expect(result.status).toBe(0);
    expect(fs.readFileSync(graph, "utf8")).toBe(shown[0]);
  });
});
