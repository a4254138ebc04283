import * as fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPython } from "../src/python/index";
import { TRANSFORMS } from "../transforms/index";
import { fixturePairs, runFixture } from "./fixtures";

beforeAll(() => loadPython());

for (const transform of TRANSFORMS) {
  describe(transform.id, () => {
    const pairs = fixturePairs(transform.id);

    it("has fixtures, including a no-change case", () => {
      expect(pairs.length).toBeGreaterThan(0);
      expect(pairs.some((pair) => pair.scenario.split("/").pop()!.startsWith("no-change"))).toBe(true);
    });

    for (const pair of pairs) {
      describe(pair.scenario, () => {
        const input = fs.readFileSync(pair.inputFile, "utf8");
        const expected = fs.readFileSync(pair.outputFile, "utf8");

        it("rewrites the input to the expected output", () => {
          expect(runFixture(pair, input, transform.edits).output).toBe(expected);
        });

        it("changes nothing on a second run", () => {
          expect(runFixture(pair, expected, transform.edits).output).toBe(expected);
        });

        if (pair.scenario.split("/").pop()!.startsWith("no-change")) {
          it("is a no-change case: output equals input", () => {
            expect(expected).toBe(input);
          });
        }
      });
    }
  });
}
