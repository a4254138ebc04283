import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copySampleProject, readTree, REPO_ROOT, tempDir, unawaited, writeTree } from "./cli-helpers";

const EXPECTED_DIFF = fs.readFileSync(path.join(REPO_ROOT, "__testfixtures__", "sample-project.expected.diff"), "utf8");

describe("--engine typed on the sample project", () => {
  it("gives the same fix as the syntactic engine, and --verify finds no new diagnostics", () => {
    const dir = copySampleProject();
    const result = unawaited(["fix", "--dry", "--engine", "typed", "--verify", "."], dir);
    expect(result.status).toBe(0);
    const marks = result.stdout.split("\n").filter((line) => line.startsWith("# unawaited --verify"));
    expect(marks).toEqual([
      "# unawaited --verify: verified, the edits add no type errors",
      "# unawaited --verify: verified, the edits add no type errors",
    ]);
    expect(result.stdout.split("\n").filter((line) => !line.startsWith("#")).join("\n")).toBe(EXPECTED_DIFF);
    expect(result.stderr).toContain("2 to change, 2 verified, 0 rejected by --verify");
  });

  it("reads engine and project from the config", () => {
    const dir = copySampleProject();
    const config = JSON.parse(fs.readFileSync(path.join(dir, "unawaited.config.json"), "utf8")) as object;
    fs.renameSync(path.join(dir, "tsconfig.json"), path.join(dir, "tsconfig.app.json"));
    fs.writeFileSync(path.join(dir, "unawaited.config.json"), JSON.stringify({ ...config, engine: "typed", project: "tsconfig.app.json" }));
    const result = unawaited(["fix", "--dry", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(EXPECTED_DIFF);
  });
});

describe("--verify", () => {
  it("does not write a file whose edits add type errors, and reports them", () => {
    const dir = tempDir();
    fs.cpSync(path.join(REPO_ROOT, "__testfixtures__", "projects", "verify-rejects-breaking-edit"), dir, { recursive: true });
    const before = fs.readFileSync(path.join(dir, "src", "handler.ts"), "utf8");
    const result = unawaited(["fix", "--engine", "typed", "--verify", "--fail-on-error", "."], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/src\/handler\.ts {2}reject {2}rejected by --verify: the edits add 1 type error, e\.g\. TS2739 at line 5/);
    expect(result.stdout).toContain("1 changed, 1 verified, 1 rejected by --verify");
    expect(fs.readFileSync(path.join(dir, "src", "handler.ts"), "utf8")).toBe(before);
    expect(fs.readFileSync(path.join(dir, "src", "ok.ts"), "utf8")).toContain("(await createWebSocketManager(userId))");
  });

  it("marks a rejected diff in --dry and leaves it out of --patch", () => {
    const dir = tempDir();
    fs.cpSync(path.join(REPO_ROOT, "__testfixtures__", "projects", "verify-rejects-breaking-edit"), dir, { recursive: true });
    const dry = unawaited(["fix", "--dry", "--verify", "."], dir);
    expect(dry.stdout).toContain("# unawaited --verify: REJECTED, not written: the edits add 1 type error\n#   line 5: TS2739: ");
    const patch = path.join(tempDir(), "p.patch");
    unawaited(["fix", "--verify", "--patch", patch, "."], dir);
    expect(fs.readFileSync(patch, "utf8")).not.toContain("handler.ts");
    expect(fs.readFileSync(patch, "utf8")).toContain("ok.ts");
  });
});

describe("--verify, edge cases", () => {
  const tsconfig = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [], target: "ES2022" }, include: ["src"] });
  const factory = "export async function createX(): Promise<{ id: number; name: string }> {\n  return { id: 1, name: \"n\" };\n}\n";

  it("accepts an edit whose only effect on an existing error is its wording", () => {
    const dir = tempDir();
    writeTree(dir, {
      "tsconfig.json": tsconfig,
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "createX" }] }),
      "src/factory.ts": factory,
      // Before: two errors (`id` and `nope` on a Promise). After: one (`nope` on the object), reworded.
      "src/use.ts": "import { createX } from \"./factory\";\nexport async function f() {\n  const m = createX();\n  return [m.id, m.nope];\n}\n",
    });
    const result = unawaited(["fix", "--dry", "--verify", "."], dir);
    expect(result.stdout).toContain("# unawaited --verify: verified, the edits add no type errors");
  });

  it("rejects a file it cannot verify because the tsconfig does not include it", () => {
    const dir = tempDir();
    writeTree(dir, {
      "tsconfig.json": tsconfig,
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "createX" }] }),
      "src/factory.ts": factory,
      "scripts/outside.ts": "import { createX } from \"../src/factory\";\nexport async function f() {\n  return createX().then((m) => m.id) && createX().id;\n}\n",
    });
    const result = unawaited(["fix", "--verify", "."], dir);
    expect(result.stdout).toMatch(/scripts\/outside\.ts {2}reject {2}rejected by --verify: not part of the TypeScript project, so it cannot be verified/);
    expect(fs.readFileSync(path.join(dir, "scripts", "outside.ts"), "utf8")).toContain("&& createX().id");
  });
});

describe("a name-only target on an any receiver", () => {
  it("is manual, with the reason, unless the target says \"anyReceiver\": true", () => {
    const dir = tempDir();
    fs.cpSync(path.join(REPO_ROOT, "__testfixtures__", "projects", "any-receiver-name-target"), dir, { recursive: true });
    const result = unawaited(["check", "--engine", "typed", "."], dir);
    expect(result.stdout).toContain("src/db.ts:8:3  manual  query: the receiver's type is any: cannot tell it is query (fix it by hand if it is, or set \"anyReceiver\": true on the target)");
    expect(result.stdout).toContain("src/db.ts:11:3  await   exec:");
  });
});

describe("a file the type checker throws on", () => {
  const tsconfig = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [], target: "ES2022" }, include: ["src"] });
  const good = "export async function ranges(): Promise<number> {\n  return 1;\n}\n\nexport async function fine() {\n  const n = ranges();\n  return n + 1;\n}\n";

  it("fails alone when the resolver's questions overflow the checker's stack; the other files keep their results", () => {
    const dir = tempDir();
    writeTree(dir, {
      "tsconfig.json": tsconfig,
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "ranges" }] }),
      "src/good.ts": good,
      // microsoft/TypeScript#63093: checking this receiver recurses until the stack overflows.
      "src/bad.ts": "export async function broken() {\n  const [r0Def, r0, r1Def, as, string, r1, r2, r3Def, r3]: boolean = (test as number < string > ).ranges();\n}\n",
    });
    const result = unawaited(["fix", "--dry", "--engine", "typed", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/src\/bad\.ts {2}error {3}the TypeScript type checker failed on this file \(RangeError: Maximum call stack size exceeded\)/);
    expect(result.stdout).toContain("+  const n = await ranges();");
  });

  it("fails alone under --verify when checking it overflows the stack; the other files are verified", () => {
    const dir = tempDir();
    writeTree(dir, {
      "tsconfig.json": tsconfig,
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "ranges" }] }),
      "src/good.ts": good,
      // microsoft/TypeScript#62966: tsc 5.9 overflows its stack checking this alias.
      "src/bad.ts": [
        "import { ranges } from \"./good\";",
        "type Prepend<Elm, T extends unknown[]> = T extends unknown ? ((arg: Elm, ...rest: T) => void) extends ((...args: infer T2) => void) ? T2 : never : never;",
        "type ExactExtract<T, U> = (T extends U ? U extends T ? T : never : never) & string;",
        "type Conv<T, U = T> = { 0: [T]; 1: Prepend<T, Conv<ExactExtract<U, T>>> }[U extends T ? 0 : 1];",
        "export async function broken(): Promise<Conv<number> | number> {",
        "  const value = ranges();",
        "  return value + 1;",
        "}",
        "",
      ].join("\n"),
    });
    const result = unawaited(["fix", "--dry", "--verify", "--engine", "typed", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/src\/bad\.ts {2}error {3}--verify: the TypeScript type checker failed on this file \(RangeError: Maximum call stack size exceeded\)/);
    expect(result.stdout).toContain("# unawaited --verify: verified, the edits add no type errors");
    expect(result.stdout).toContain("+  const n = await ranges();");
    expect(result.stdout).not.toContain("value = await ranges()");
  });
});

describe("typed engine errors", () => {
  it("says how to fix a missing tsconfig", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": JSON.stringify({ targets: [{ name: "f" }] }), "a.ts": "async function a() { f(); }\n" });
    const result = unawaited(["fix", "--engine", "typed", "."], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("the typed engine needs a tsconfig.json: none found for");
    expect(result.stderr).toContain("--project");
  });

  it("names a --project that does not exist", () => {
    const dir = copySampleProject();
    const result = unawaited(["fix", "--engine", "typed", "--project", "nope.json", "."], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/project .*nope\.json does not exist/);
  });

  it("skips, and says so, a file outside the TypeScript project", () => {
    const dir = copySampleProject();
    writeTree(dir, { "scripts/extra.ts": "async function a() { createWebSocketManager(); }\n" });
    const result = unawaited(["fix", "--dry", "--engine", "typed", "."], dir);
    expect(result.stderr).toMatch(/scripts\/extra\.ts {2}skip {4}not part of the TypeScript project/);
  });

  it("says why a target matched nothing when its calls return no promise (not async yet)", () => {
    const dir = tempDir();
    writeTree(dir, {
      "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ["src"] }),
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "maxWireVersion" }] }),
      "src/a.ts": "export function maxWireVersion(): number {\n  return 9;\n}\nexport async function f(): Promise<number> {\n  return maxWireVersion() + 1;\n}\n",
    });
    const result = unawaited(["check", "--engine", "typed", "."], dir);
    expect(result.stderr).toContain("target maxWireVersion matched no call site; maxWireVersion occurs in 1 file, but the type checker sees none of its calls return a promise (is it async yet? the typed engine matches calls that return one)");
  });

  it("warns that the syntactic engine matches a typed target by name", () => {
    const dir = tempDir();
    writeTree(dir, { "unawaited.config.json": JSON.stringify({ targets: [{ name: "f", type: "Api" }] }), "a.ts": "async function a(x) { x.f(); }\n" });
    const result = unawaited(["check", "."], dir);
    expect(result.stderr).toContain("unawaited: warning: target f names type Api, which only --engine typed checks");
  });
});

describe("--verify, files that import a changed file", () => {
  const tsconfig = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [], target: "ES2022", module: "ESNext", moduleResolution: "Bundler" }, include: ["src"] });
  /** api.ts (the target) ← users.ts, which --propagate makes async; the importers vary. */
  const cascade = (importers: Readonly<Record<string, string>>): Record<string, string> => ({
    "tsconfig.json": tsconfig,
    "unawaited.config.json": JSON.stringify({ targets: [{ name: "fetchUser", module: "./src/api" }] }),
    "src/api.ts": "export async function fetchUser(id: number): Promise<{ name: string }> {\n  return { name: String(id) };\n}\n",
    "src/users.ts": "import { fetchUser } from \"./api\";\n\nexport const VERSION = 1;\n\nexport function userName(id: number): string {\n  return fetchUser(id).name;\n}\n",
    ...importers,
  });
  // Passed as a callback: reported manual there, main.ts itself is not changed, and its names become promises.
  const breaking = "export const lengths: number[] = [1, 2].map(userName).map((name) => name.length);\n";

  it("rejects a cascade whose edits break an unchanged importer, naming it, and writes nothing", () => {
    const dir = tempDir();
    writeTree(dir, cascade({ "src/main.ts": `import { userName } from "./users";\n\n${breaking}` }));
    const before = readTree(dir);
    const result = unawaited(["fix", "--propagate", "--verify", "--fail-on-error", "."], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/src\/users\.ts {2}reject {2}rejected by --verify: the edits add 1 type error in src\/main\.ts, which imports it, e\.g\. TS2339 at line 3: Property 'length' does not exist/);
    expect(result.stdout).toMatch(/src\/main\.ts:3 {2}TS2339 {2}/);
    expect(readTree(dir)).toEqual(before);
    const dry = unawaited(["fix", "--dry", "--propagate", "--verify", "."], dir);
    expect(dry.stdout).toContain("# unawaited --verify: REJECTED, not written: the edits add 1 type error\n#   src/main.ts, line 3: TS2339: Property 'length' does not exist");
  });

  it("follows a barrel that re-exports the changed file to the files that import it", () => {
    const dir = tempDir();
    writeTree(dir, cascade({
      "src/index.ts": "export { userName } from \"./users\";\n",
      "src/main.ts": `import { userName } from "./index";\n\n${breaking}`,
    }));
    const before = readTree(dir);
    const result = unawaited(["fix", "--dry", "--propagate", "--verify", "--format", "json", "."], dir);
    const report = JSON.parse(result.stdout) as { errors: { file: string; status: string; diagnostics?: { file?: string; code: number; line: number }[] }[] };
    expect(report.errors.find((e) => e.file === "src/users.ts")?.diagnostics).toMatchObject([{ file: "src/main.ts", code: 2339, line: 3 }]);
    expect(readTree(dir)).toEqual(before);
  });

  it("writes a cascade whose importers stay clean", () => {
    const dir = tempDir();
    writeTree(dir, cascade({ "src/version.ts": "import { VERSION } from \"./users\";\n\nexport const version: number = VERSION;\n" }));
    const result = unawaited(["fix", "--propagate", "--verify", "--fail-on-error", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("1 changed, 1 verified, 0 rejected by --verify");
    expect(readTree(dir)["src/users.ts"]).toContain("export async function userName(id: number): Promise<string> {\n  return (await fetchUser(id)).name;");
  });

  it("without propagation, an await in a changed file leaves its importers as they were: verified", () => {
    const dir = tempDir();
    writeTree(dir, {
      "tsconfig.json": tsconfig,
      "unawaited.config.json": JSON.stringify({ targets: [{ name: "fetchUser", module: "./src/api" }] }),
      "src/api.ts": "export async function fetchUser(id: number): Promise<{ name: string }> {\n  return { name: String(id) };\n}\n",
      "src/label.ts": "import { fetchUser } from \"./api\";\n\nexport async function label(id: number): Promise<number> {\n  const user = fetchUser(id);\n  console.log(user);\n  return id;\n}\n",
      "src/main.ts": "import { label } from \"./label\";\n\nexport const pending: Promise<number> = label(1);\n",
    });
    const result = unawaited(["fix", "--verify", "--fail-on-error", "."], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("1 changed, 1 verified, 0 rejected by --verify");
    expect(readTree(dir)["src/label.ts"]).toContain("const user = await fetchUser(id);");
  });
});
