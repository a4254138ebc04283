import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FileResult } from "../src/runner/run";
import { writeChanges, writeFileAtomic, writeOutputFile } from "../src/runner/write";
import { tempDir } from "./cli-helpers";

/** What the writer asked of the file system, in order: `fsync <path>` and `rename <to>`. */
const calls: string[] = [];

// The real node:fs, with fsync and rename noted (the path of a descriptor is read from /proc, where there is one).
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  const pathOf = (fd: number) => {
    try {
      return real.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return `descriptor ${fd}`;
    }
  };
  return {
    ...real,
    fsyncSync: (fd: number) => {
      calls.push(`fsync ${pathOf(fd)}`);
      real.fsyncSync(fd);
    },
    renameSync: (from: string, to: string) => {
      calls.push(`rename ${to}`);
      real.renameSync(from, to);
    },
  };
});

afterEach(() => {
  calls.length = 0;
});

function changed(file: string, before: string, after: string): FileResult {
  return { file, status: "changed", findings: [], before, after };
}

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

  it.each(["6755", "4750", "2755", "1755"])("keeps the setuid, setgid and sticky bits (mode %s)", (octal) => {
    const mode = parseInt(octal, 8);
    const dir = tempDir();
    const file = path.join(dir, "tool.ts");
    fs.writeFileSync(file, "old\n");
    fs.chmodSync(file, mode);
    writeFileAtomic(file, "new\n");
    expect(fs.statSync(file).mode & 0o7777).toBe(mode);
  });
});

describe("a file that is a symlink, or another file, when it is written", () => {
  function outsideAndLink(): { outside: string; link: string } {
    const outside = path.join(tempDir(), "a.ts");
    fs.writeFileSync(outside, "old\n");
    const link = path.join(tempDir(), "a.ts");
    fs.symlinkSync(outside, link);
    return { outside, link };
  }

  it("writeFileAtomic refuses a symlink and leaves both it and its target as they are", () => {
    const { outside, link } = outsideAndLink();
    expect(() => writeFileAtomic(link, "new\n")).toThrow("it is a symlink: not written through (symlinks are never followed)");
    expect(fs.readFileSync(outside, "utf8")).toBe("old\n");
    expect(fs.readlinkSync(link)).toBe(outside);
    expect(fs.readdirSync(path.dirname(link))).toEqual(["a.ts"]);
  });

  it("writeChanges reports a file swapped for a symlink since it was read as an error, and writes nothing through it", async () => {
    const { outside, link } = outsideAndLink();
    const outcome = await writeChanges([changed(link, "old\n", "new\n")]);
    expect(outcome.written).toBe(0);
    expect(outcome.files[0]).toMatchObject({ status: "error", message: "cannot write: it is a symlink: not written through (symlinks are never followed)" });
    expect(fs.readFileSync(outside, "utf8")).toBe("old\n");
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it("writeFileAtomic does not replace a file that is no longer the one read", () => {
    const dir = tempDir();
    const file = path.join(dir, "a.ts");
    fs.writeFileSync(file, "old\n");
    const read = fs.statSync(file);
    // Another file moved into its place, with the same content.
    fs.writeFileSync(path.join(dir, "other"), "old\n");
    fs.renameSync(path.join(dir, "other"), file);
    expect(() => writeFileAtomic(file, "new\n", { expected: read })).toThrow("replaced on disk during the run");
    expect(fs.readFileSync(file, "utf8")).toBe("old\n");
    expect(fs.readdirSync(dir)).toEqual(["a.ts"]);
  });
});

describe.runIf(process.platform === "linux")("durability", () => {
  it("flushes the temp file before the rename and the directory after it", () => {
    const dir = tempDir();
    const target = path.join(dir, "a.ts");
    fs.writeFileSync(target, "old\n");
    writeFileAtomic(target, "new\n");
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatch(new RegExp(`^fsync ${dir}/\\.unawaited-\\d+-\\w+\\.tmp$`));
    expect(calls.slice(1)).toEqual([`rename ${target}`, `fsync ${dir}`]);
  });

  it("flushes each directory once, after the renames of its files", async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "sub"));
    const files = ["a.ts", "b.ts", "sub/c.ts"].map((name) => path.join(dir, name));
    for (const file of files) fs.writeFileSync(file, "old\n");
    const outcome = await writeChanges(files.map((file) => changed(file, "old\n", "new\n")));
    expect(outcome.written).toBe(3);
    const directorySyncs = calls.filter((call) => call === `fsync ${dir}` || call === `fsync ${dir}/sub`);
    expect(directorySyncs.sort()).toEqual([`fsync ${dir}`, `fsync ${dir}/sub`]);
    const lastRename = calls.map((call) => call.startsWith("rename ")).lastIndexOf(true);
    expect(calls.indexOf(directorySyncs[0]!)).toBeGreaterThan(lastRename);
    expect(calls.filter((call) => call.endsWith(".tmp"))).toHaveLength(3);
  });
});

describe("writeOutputFile", () => {
  it("refuses a broken symlink instead of replacing it", () => {
    const dir = tempDir();
    const link = path.join(dir, "out.patch");
    fs.symlinkSync(path.join(dir, "missing", "p.patch"), link);
    expect(() => writeOutputFile(link, "patch\n")).toThrow("a broken symlink");
    expect(fs.readlinkSync(link)).toBe(path.join(dir, "missing", "p.patch"));
    expect(fs.readdirSync(dir)).toEqual(["out.patch"]);
  });

  it("writes through a symlink to a file, keeping the link", () => {
    const dir = tempDir();
    const target = path.join(dir, "real.patch");
    fs.writeFileSync(target, "old\n");
    fs.symlinkSync("real.patch", path.join(dir, "out.patch"));
    writeOutputFile(path.join(dir, "out.patch"), "new\n");
    expect(fs.readFileSync(target, "utf8")).toBe("new\n");
    expect(fs.lstatSync(path.join(dir, "out.patch")).isSymbolicLink()).toBe(true);
  });
});
