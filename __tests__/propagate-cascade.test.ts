/** --verify with --propagate: a cascade is written whole or not at all (runner/propagate.ts wholeCascades). */
import { describe, expect, it } from "vitest";
import type { Finding } from "../src/decision/findings";
import type { FileResult } from "../src/runner/run";
import { wholeCascades } from "../src/runner/propagate";

const finding = (action: Finding["action"]): Finding => ({ file: "/r/a.ts", line: 1, column: 1, target: "f", action, reason: "r" });
const changed = (file: string, action: Finding["action"]): FileResult => ({ file, status: "changed", findings: [finding(action)], before: "a", after: "b", edits: [], newDiagnostics: [] });
const rejected = (file: string): FileResult => ({ file, status: "rejected", findings: [finding("await")], before: "a", after: "b", newDiagnostics: [{ code: 2322, message: "x", line: 1 }], message: "rejected by --verify" });

describe("a cascade under --verify", () => {
  it("is held back whole when one of its files is rejected", () => {
    const out = wholeCascades([changed("/r/a.ts", "make-async"), changed("/r/b.ts", "await"), rejected("/r/c.ts"), { file: "/r/d.ts", status: "unchanged", findings: [] }]);
    expect(out.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected", "unchanged"]);
    expect(out[0]!.message).toBe("not written: part of a --propagate cascade in which --verify refused c.ts");
    expect(out[1]!.newDiagnostics).toEqual([]);
  });

  it("is held back when --verify could not check one of its files", () => {
    const failed: FileResult = { file: "/r/c.ts", status: "error", findings: [], message: "--verify: the type checker failed" };
    expect(wholeCascades([changed("/r/a.ts", "make-async"), failed]).map((r) => r.status)).toEqual(["rejected", "error"]);
  });

  it("is written when every file is verified", () => {
    expect(wholeCascades([changed("/r/a.ts", "make-async"), changed("/r/b.ts", "await")]).map((r) => r.status)).toEqual(["changed", "changed"]);
  });

  it("does not exist without a function made async: a rejected file holds back only itself", () => {
    expect(wholeCascades([changed("/r/a.ts", "await"), rejected("/r/c.ts")]).map((r) => r.status)).toEqual(["changed", "rejected"]);
  });
});
