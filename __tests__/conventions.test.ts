/** Every registry entry has its transform file, fixtures with a no-change case, and a section in docs/transforms.md. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { TRANSFORMS } from "../transforms/index";
import { fixturePairs } from "./fixtures";

const ROOT = path.join(__dirname, "..");
const TRANSFORMS_DOC = fs.readFileSync(path.join(ROOT, "docs", "transforms.md"), "utf8");

describe("transform registry", () => {
  for (const entry of TRANSFORMS) {
    it(`${entry.id} has its file, fixtures and a section in docs/transforms.md`, () => {
      const file = path.join(ROOT, "transforms", `${entry.id}.ts`);
      expect(fs.existsSync(file)).toBe(true);
      expect(fs.readFileSync(file, "utf8")).toMatch(/^\/\*\*/);
      const pairs = fixturePairs(entry.id);
      expect(pairs.some((pair) => path.basename(pair.scenario).startsWith("no-change"))).toBe(true);
      expect(TRANSFORMS_DOC).toContain(`## \`${entry.id}\``);
      expect(TRANSFORMS_DOC).toContain(`| \`${entry.id}\` | ${entry.description} |`);
    });
  }

  it("lists every file in transforms/ (and nothing else)", () => {
    const files = fs.readdirSync(path.join(ROOT, "transforms")).filter((f) => f !== "index.ts").map((f) => f.replace(/\.ts$/, ""));
    expect(files.sort()).toEqual(TRANSFORMS.map((t) => t.id).sort());
  });

  it("every fixture pair has both halves", () => {
    for (const entry of TRANSFORMS) {
      for (const pair of fixturePairs(entry.id)) expect(fs.existsSync(pair.outputFile), pair.outputFile).toBe(true);
    }
  });
});
