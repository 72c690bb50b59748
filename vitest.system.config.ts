import { defineConfig } from "vitest/config";

// System tests (tests/system): the production build run as separate server processes against a
// PostgreSQL of their own; `npm run build` first. Run by scripts/test.js after the build.
export default defineConfig({
  test: {
    include: ["tests/system/**/*.test.ts"],
    setupFiles: ["app/utils/zod-config.ts"],
    // Two files at once: each starts servers and a PostgreSQL of its own (free ports, its own
    // directories), and spends much of its time waiting for them to start, stop or crash.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
