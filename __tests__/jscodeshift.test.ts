/** The transforms are standard jscodeshift modules: run one through jscodeshift's own CLI. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir, writeTree } from "./cli-helpers";

const JSCODESHIFT = path.join(REPO_ROOT, "node_modules", "jscodeshift", "bin", "jscodeshift.js");

/** jscodeshift's own CLI, in band, with our fix-async-calls transform. */
/**
 * The first test runs the README's form, the TypeScript transform, which jscodeshift compiles each
 * run (about 5 s); the others run it as the package ships it, compiled (`unawaited/transforms/*`).
 */
function jscodeshift(args: readonly string[], cwd: string, transform = path.join(REPO_ROOT, "dist", "transforms", "fix-async-calls.js")) {
  // A compiled transform is plain CommonJS: --no-babel, or jscodeshift's Babel hook recompiles what it requires.
  const babel = transform.endsWith(".js") ? ["--no-babel"] : [];
  return spawnSync(process.execPath, [JSCODESHIFT, "--run-in-band", ...babel, "-t", transform, ...args], { encoding: "utf8", cwd });
}

describe("npx jscodeshift -t transforms/fix-async-calls.ts", () => {
  it("rewrites with --targets, reports manual sites, and keeps <T>x assertions in .ts files parseable", () => {
    const dir = tempDir();
    writeTree(dir, {
      "a.ts": [
        "import { cookies } from \"next/headers\";",
        "async function a() {",
        "  const m = createWebSocketManager();",
        "  m.add(cookies(), <Conn>conn);",
        "}",
        "function b(r) { r.setWebsocketManagerAsync(1); createWebSocketManager(); }",
        "",
      ].join("\n"),
    });
    const result = jscodeshift(["--targets=createWebSocketManager,setWebsocketManagerAsync=>setWebsocketManager,next/headers#cookies", path.join(dir, "a.ts")], dir, path.join(REPO_ROOT, "transforms", "fix-async-calls.ts"));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("1 ok");
    expect(result.stdout).toMatch(/a\.ts:6:48: createWebSocketManager: called in a sync function/);
    expect(fs.readFileSync(path.join(dir, "a.ts"), "utf8")).toBe([
      "import { cookies } from \"next/headers\";",
      "async function a() {",
      "  const m = await createWebSocketManager();",
      "  m.add(await cookies(), <Conn>conn);",
      "}",
      "function b(r) { r.setWebsocketManager(1); createWebSocketManager(); }",
      "",
    ].join("\n"));
  });

  it("--propagate=all makes sync callers in the file async, up the chain", () => {
    const dir = tempDir();
    writeTree(dir, { "p.ts": "function a(): number {\n  return load().size;\n}\nfunction b() {\n  a();\n}\n" });
    const result = jscodeshift(["--targets=load", "--propagate=all", path.join(dir, "p.ts")], dir);
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "p.ts"), "utf8")).toBe("async function a(): Promise<number> {\n  return (await load()).size;\n}\nasync function b() {\n  await a();\n}\n");
  });

  it("awaits a tagged template whose tag is a target, and leaves its fragments alone", () => {
    const dir = tempDir();
    writeTree(dir, { "q.ts": "async function q(id: number) {\n  const rows = sql`select * from users ${sql`where id = ${id}`}`;\n  return rows.length;\n}\n" });
    const result = jscodeshift(["--targets=sql", path.join(dir, "q.ts")], dir);
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "q.ts"), "utf8")).toBe("async function q(id: number) {\n  const rows = await sql`select * from users ${sql`where id = ${id}`}`;\n  return rows.length;\n}\n");
  });

  it("matches a path module of the config found above each file, by file", () => {
    const dir = tempDir();
    fs.cpSync(path.join(REPO_ROOT, "__testfixtures__", "module-paths-project"), dir, { recursive: true });
    const local = fs.readFileSync(path.join(dir, "src", "handlers", "local.ts"), "utf8");
    const result = jscodeshift(["--extensions=ts,js", "."], path.join(dir, "src", "handlers"));
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "src", "handlers", "alias.ts"), "utf8")).toContain("(await ws.createWebSocketManager(userId)).send");
    expect(fs.readFileSync(path.join(dir, "src", "handlers", "reconnect.ts"), "utf8")).toContain("const manager = await createWebSocketManager(userId);");
    expect(fs.readFileSync(path.join(dir, "src", "handlers", "local.ts"), "utf8")).toBe(local);
  });

  it("fixes Python files too, with --extensions=py", () => {
    const dir = tempDir();
    writeTree(dir, { "a.py": "async def h(ctx):\n    create_websocket_manager(ctx).add_connection(ctx.conn)\n\ndef wire(r, m):\n    r.set_manager_async(m)\n" });
    const result = jscodeshift(["--extensions=py", "--targets=create_websocket_manager,set_manager_async=>set_manager", path.join(dir, "a.py")], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("1 ok");
    expect(fs.readFileSync(path.join(dir, "a.py"), "utf8")).toBe("async def h(ctx):\n    (await create_websocket_manager(ctx)).add_connection(ctx.conn)\n\ndef wire(r, m):\n    r.set_manager(m)\n");
  });
});
