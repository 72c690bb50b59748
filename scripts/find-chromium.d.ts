/** The first Chromium found (CHROMIUM_PATH, Debian's headless shell, Debian's chromium, Playwright's own). */
export function findChromium(): string | undefined;
/** A Chromium found or installed; exits with a message saying how when there is none. */
export function ensureChromium(): string;
