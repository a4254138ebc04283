import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    // CLI tests spawn real processes; give them room on a loaded 2-core CI machine.
    testTimeout: 30_000,
  },
});
