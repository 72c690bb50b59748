import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["app/**/*.test.{ts,tsx}", "prisma/**/*.test.ts", "tests/**/*.test.ts"],
    // The system tests run the production build: vitest.system.config.ts, after the build.
    exclude: [...configDefaults.exclude, "tests/system/**"],
    globalSetup: ["tests/setup/global-database.ts"],
    setupFiles: ["tests/setup/test-database.ts"],
    // Vitest's default is one worker fewer than the cores: one file at a time on the 2-core CI
    // machine, while most of a file's time is spent waiting on PostgreSQL (another process).
    // Three at once took the suite from ~630 s to ~260 s here (measured on the shared machine).
    maxWorkers: 3,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
