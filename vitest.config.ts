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
    // One worker's files share its modules instead of each loading them again in a new process:
    // the suite took half the processor time (138 s instead of 268 s, measured in a cgroup), most
    // of it spent importing the app, Prisma's client and the test setup for each of 84 files.
    // tests/setup/test-database.ts puts back after each file what a file may change in them.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
