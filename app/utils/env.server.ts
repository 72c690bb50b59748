import { z } from "zod";
import { DEFAULT_TIME_ZONE, isTimeZone, setTimeZone } from "./dates.ts";

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // Unset: the app starts its own embedded PostgreSQL under DATA_DIR.
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgresql://")
      .optional(),
    DATA_DIR: z.string().min(1).default("data"),
    // Anonymous visitors may read the public catalogue.
    PUBLIC_READ: booleanString.default(true),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    // Session cookies are Secure in production; "false" allows plain HTTP (a test box without TLS).
    COOKIE_SECURE: booleanString.optional(),
    // How much the server logs (pino's levels); server-side errors are "error".
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    // Exports (reports/export-pool.server.ts): builds at once, builds waiting, megabytes of kept
    // copies, and anonymous exports an address may ask for in 10 minutes (0: no limit).
    EXPORT_THREADS: z.coerce.number().int().min(1).max(64).optional(),
    EXPORT_QUEUE: z.coerce.number().int().min(0).max(1000).optional(),
    EXPORT_KEPT_MB: z.coerce.number().int().min(0).max(4096).optional(),
    EXPORT_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).optional(),
    // When every archived link is checked again (cron, five fields, UTC): weekly by default.
    LINK_CHECK_CRON: z
      .string()
      .trim()
      .regex(/^\S+(\s+\S+){4}$/, "must be a cron expression of five fields, such as 0 4 * * 1")
      .optional(),
    // Outgoing mail (app/modules/mail): an SMTP server as a URL, e.g.
    // smtps://user:password@mail.example.org:465 or smtp://localhost:25. Unset: no mail is sent,
    // following by e-mail is not offered, and admins see that mail is off.
    SMTP_URL: z
      .string()
      .trim()
      .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")
      .optional(),
    // The sender of every mail: an address, or "Name <address>".
    MAIL_FROM: z
      .string()
      .trim()
      .regex(
        /^([^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
        "must be an e-mail address or Name <address>",
      )
      .optional(),
    // The address people reach the tracker at, for every link in mail: e.g.
    // https://tracker.example.org. Needed with SMTP_URL (a request's Host header is the client's
    // to choose, so mailed links never come from it). Unset, without mail: http://localhost:PORT.
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    // The tracker's own zone: "today", the default day of a change, month ends, and how every
    // time is shown. An IANA name; the server process's own TZ decides nothing.
    TIME_ZONE: z
      .string()
      .trim()
      .default(DEFAULT_TIME_ZONE)
      .refine(isTimeZone, "must be an IANA time zone name such as America/Mexico_City or UTC"),
  })
  .refine((env) => Boolean(env.ADMIN_EMAIL) === Boolean(env.ADMIN_PASSWORD), {
    message: "ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither",
    path: ["ADMIN_PASSWORD"],
  })
  .refine((env) => !env.SMTP_URL || Boolean(env.MAIL_FROM), {
    message: "is needed when SMTP_URL is set: the sender of every mail",
    path: ["MAIL_FROM"],
  })
  .refine((env) => !env.SMTP_URL || Boolean(env.PUBLIC_URL), {
    message: "is needed when SMTP_URL is set: the tracker's address, for the links in mail",
    path: ["PUBLIC_URL"],
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parses process.env once; a bad value stops the app with a message naming the variable. */
export function getEnv(): Env {
  if (cached) return cached;
  const result = EnvSchema.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  cached = result.data;
  setTimeZone(cached.TIME_ZONE);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}

/**
 * Whether cookies (session, language, device) carry Secure: always in production, unless
 * COOKIE_SECURE says false in any spelling the check at start accepts ("false", "0", "no") — a
 * test box without TLS. The one place this rule is kept.
 */
export function secureCookies(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NODE_ENV !== "production") return false;
  const setting = booleanString.safeParse(env.COOKIE_SECURE);
  return setting.success ? setting.data : true;
}

/** The tracker's address for links made without a request (mail): PUBLIC_URL, without a trailing slash. */
export function publicOrigin(): string {
  const env = getEnv();
  return env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : `http://localhost:${env.PORT}`;
}

/**
 * Where a link made while answering `request` points: PUBLIC_URL when it is set (always, with
 * mail on: a mailed link must never take the Host the client sent), else the request's own origin.
 */
export function linkOrigin(request: Request): string {
  return getEnv().PUBLIC_URL ? publicOrigin() : new URL(request.url).origin;
}
