// Finds a Chromium for Playwright: CHROMIUM_PATH, Debian's headless shell, Debian's chromium, or
// Playwright's own. When there is none it installs one (Debian's chromium-headless-shell package as
// root, else Playwright's download) or stops with a message saying how. Prints the path it settled
// on.
//
// The headless shell first: it is the browser without its window's own interface (the same engine
// Playwright downloads for headless runs), and a page loads in about half the time that the whole
// Chromium in headless mode takes on the 2-core machine (24 loads of the pages: 8–11 s against
// 15–16 s), which is most of the end-to-end run.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

function playwrightChromium() {
  try {
    const output = execFileSync(
      process.execPath,
      [
        "-e",
        "import('@playwright/test').then(m => process.stdout.write(m.chromium.executablePath()))",
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
    return output && fs.existsSync(output) ? output : undefined;
  } catch {
    return undefined;
  }
}

export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/lib/chromium/chromium-headless-shell",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
  ];
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return candidate;
  return playwrightChromium();
}

export function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync("/usr/bin/apt-get")) {
    console.log("No Chromium found: installing Debian's chromium-headless-shell package…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    if (update.status === 0) {
      spawnSync("apt-get", ["install", "-y", "-qq", "chromium-headless-shell"], {
        stdio: "inherit",
        env,
      });
    }
    found = findChromium();
    if (found) return found;
  }
  console.log("No Chromium found: trying `npx playwright install chromium`…");
  spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  found = findChromium();
  if (found) return found;
  console.error(
    "No Chromium for the end-to-end tests. Install one and run again:\n" +
      "  - Debian/Ubuntu: sudo apt-get install chromium-headless-shell (or chromium)\n" +
      "  - or: npx playwright install chromium\n" +
      "  - or set CHROMIUM_PATH to a Chromium or Chrome executable.",
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
