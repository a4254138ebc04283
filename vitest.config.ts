import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    // CLI tests spawn real processes; give them room on a loaded 2-core CI machine.
    testTimeout: 30_000,
    // vitest's default (cores - 1) is one worker on a 2-core machine: every file in turn, while a spawned
    // CLI test leaves its worker waiting on the child. Two workers keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
