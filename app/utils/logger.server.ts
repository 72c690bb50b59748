import { pino } from "pino";

/**
 * The server's structured log: one JSON line an event on stdout, each error with the request id
 * that the reader sees on the error page ("Reference: …") and in the X-Request-Id header, so that
 * a quoted reference finds its log line. LOG_LEVEL sets the level (default "info"; "silent" in
 * tests).
 */
const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
// A bad LOG_LEVEL stops the app at start with a clear message (env.server.ts); until then, "info".
const wanted = process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info");

export const logger = pino({
  level: levels.includes(wanted) ? wanted : "info",
  base: undefined,
  redact: { paths: ["req.headers.cookie", "req.headers.authorization"], remove: true },
});
