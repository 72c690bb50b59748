import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["app/**/*.test.{ts,tsx}", "prisma/**/*.test.ts", "tests/**/*.test.ts"],
    // The system tests run the production build: vitest.system.config.ts, after the build.
    exclude: [...configDefaults.exclude, "tests/system/**"],
    globalSetup: ["tests/setup/global-database.ts"],
    setupFiles: ["tests/setup/test-database.ts"],
    // Vitest's default is one worker fewer than the cores: one file at a time on the 2-core CI
    // machine, while much of a file's time is spent waiting on PostgreSQL (another process).
    // Two at once took the suite from ~630 s to ~340 s on the (shared, busy) machine. Three were
    // faster still (~260 s), but then the export tests, which start threads of their own, ran
    // past their 20 s when the machine was busy.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
