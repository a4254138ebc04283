import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/runner/write";
import { tempDir } from "./cli-helpers";

describe("writeFileAtomic", () => {
  it("never overwrites or removes a file that happens to have a temp file's name", () => {
    const dir = tempDir();
    const target = path.join(dir, "a.ts");
    fs.writeFileSync(target, "old\n");
    const strays = Array.from({ length: 64 }, (_, i) => path.join(dir, `.unawaited-${process.pid}-${i.toString(36)}.tmp`));
    for (const stray of strays) fs.writeFileSync(stray, "not ours\n");
    writeFileAtomic(target, "new\n");
    expect(fs.readFileSync(target, "utf8")).toBe("new\n");
    for (const stray of strays) expect(fs.readFileSync(stray, "utf8")).toBe("not ours\n");
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toHaveLength(64);
  });

  it("keeps the mode and refuses a read-only file", () => {
    const dir = tempDir();
    const script = path.join(dir, "run.ts");
    fs.writeFileSync(script, "old\n", { mode: 0o750 });
    writeFileAtomic(script, "new\n");
    expect(fs.statSync(script).mode & 0o777).toBe(0o750);
    fs.chmodSync(script, 0o444);
    expect(() => writeFileAtomic(script, "newer\n")).toThrow(/read-only/);
    expect(fs.readFileSync(script, "utf8")).toBe("new\n");
  });
});
