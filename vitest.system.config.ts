import { defineConfig } from "vitest/config";

// System tests (tests/system): the production build run as separate server processes against a
// PostgreSQL of their own; `npm run build` first. Run by scripts/test.js after the build.
export default defineConfig({
  test: {
    include: ["tests/system/**/*.test.ts"],
    setupFiles: ["app/utils/zod-config.ts"],
    // One file at a time: each starts servers and a database, and the machine has two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
