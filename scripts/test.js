// `npm test`: every check, in order, stopping at the first failure:
// types (after typegen), lint and formatting, unit and integration tests, build, system tests
// (the build run as several processes), end-to-end.
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./find-chromium.js";

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

run("Type-check", "npx", ["react-router", "typegen"]);
run("Type-check (tsc)", "npx", ["tsc"]);
run("Lint and formatting", "npm", ["run", "--silent", "lint"]);
// In a zone west of UTC and one east of it: nothing may depend on the process's own zone (the
// tracker's zone is TIME_ZONE), and a date bug shows on one side or the other. The whole suite
// runs west; east, only the files that turn days and instants into text, SQL or months and back
// (the list and why: vitest.dates.config.ts), about half of the suite's files and time.
run("Unit and integration tests (TZ=America/Mexico_City)", "npx", ["vitest", "run"], {
  TZ: "America/Mexico_City",
});
run(
  "Unit and integration tests of dates (TZ=Asia/Tokyo)",
  "npx",
  ["vitest", "run", "--config", "vitest.dates.config.ts"],
  { TZ: "Asia/Tokyo" },
);
run("Production build", "npx", ["react-router", "build"]);
// Several servers, crashes and concurrent sessions against the build (tests/system).
run("System tests", "npx", ["vitest", "run", "--config", "vitest.system.config.ts"]);
const chromium = ensureChromium();
run("End-to-end tests", "npx", ["playwright", "test"], { CHROMIUM_PATH: chromium });
console.log("\nAll checks passed.");
