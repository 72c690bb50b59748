import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./scripts/find-chromium.js";

// ADMIN_EMAIL/ADMIN_PASSWORD below must match e2e/users.ts.

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
// The server's own data per port, so that two runs at once (two terminals) never share a database;
// the mail it sends lands in <dataDir>/mail (scripts/e2e-server.js, read by e2e/mail.ts).
export const e2eDataDir = port === 3100 ? "data/e2e" : `data/e2e-${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // Several tests walk a whole flow (invite, accept, reset, disable: each a password hashed on
  // the server) against a server that two workers share on a 2-core machine: 30 s was too tight.
  timeout: 60_000,
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    // Recording a trace (DOM snapshots and screenshots at every step) for every test, to keep it
    // only when one fails, cost ~12% of the run on the 2-core machine: record the retry only (CI
    // retries once). Locally: `npx playwright test <spec> --trace on`.
    trace: "on-first-retry",
    locale: "en-US",
    launchOptions: {
      executablePath: findChromium(),
      args: [
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      testIgnore:
        /(catalogue-admin|import|review|feeds|related|hostile-input|two-step-rule)\.spec\.ts/,
    },
    // Add and change recommendations: run after the tests that count the seeded catalogue.
    // (review.spec.ts makes an item of its own, on a source that requires sign-off; feeds.spec.ts
    // reads the changes the specs before it recorded; related.spec.ts links two seeded items
    // for a moment, which the list's "has related items" would show.)
    {
      name: "catalogue-admin",
      dependencies: ["chromium"],
      testMatch: /(catalogue-admin|import|review|feeds|related)\.spec\.ts/,
    },
    // Counts audit events around each refused request: alone, after every other test.
    { name: "hostile", dependencies: ["catalogue-admin"], testMatch: /hostile-input\.spec\.ts/ },
    // Turns on a rule that covers the shared admin and editor for a moment: alone, last.
    { name: "two-step-rule", dependencies: ["hostile"], testMatch: /two-step-rule\.spec\.ts/ },
  ],
  webServer: {
    command: "node scripts/e2e-server.js",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(port),
      DATA_DIR: e2eDataDir,
      NODE_ENV: "production",
      ADMIN_EMAIL: "admin@e2e.test",
      ADMIN_PASSWORD: "e2e admin password 123",
      // Lets a test stand for another client address with X-Forwarded-For (rate limits).
      TRUST_PROXY: "loopback",
      // TEST-ONLY: archiving may fetch from e2e/archive.spec.ts's local site (port + 7000), and
      // from no other private address. Never set outside the tests.
      ARCHIVE_ALLOW_PRIVATE_HOSTS: `127.0.0.1:${port + 7000}`,
      // TEST-ONLY: and nothing else, so that the evidence other specs add (real addresses) is
      // never fetched from the internet.
      ARCHIVE_ONLY_ALLOWED_HOSTS: "true",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
