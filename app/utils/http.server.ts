import { data, type MiddlewareFunction } from "react-router";
import {
  ArchivedError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from "./domain-errors.ts";
import type { Locale } from "./i18n.ts";
import { getLocale } from "./i18n.server.ts";

/**
 * Body of an error response that the error boundary knows how to show. `message` is a locale key
 * (with `params`) or one of the domain's sentences; `locale` is the reader's language, for the
 * error page when the root loader did not run (an error thrown by middleware or by an action
 * whose page has no boundary of its own).
 */
export type ErrorPayload = {
  message?: string;
  field?: string;
  params?: Record<string, string>;
  locale?: Locale;
};

/** Throws a 404 response when `value` is missing; narrows it otherwise. */
export function notFoundUnless<T>(value: T | null | undefined, message = "Not found"): T {
  if (value === null || value === undefined) {
    throw data<ErrorPayload>({ message }, { status: 404 });
  }
  return value;
}

/**
 * The status of a form sent back with its fields' errors and what was typed (zod or domain
 * validation). 400 is kept for requests that are not what any form sends: a malformed body, an
 * unknown `intent`, a bad query parameter.
 */
export const FIELD_ERRORS_STATUS = 422;

/**
 * The one mapping from the domain's errors (domain-errors.ts) to HTTP statuses: ValidationError
 * → 422, VersionConflictError → 409, NotFoundError → 404, ForbiddenError → 403; null for any
 * other error (a bug: a 500).
 */
export function domainErrorStatus(error: unknown): 422 | 409 | 404 | 403 | null {
  if (error instanceof ValidationError) return FIELD_ERRORS_STATUS;
  if (error instanceof VersionConflictError) return 409;
  if (error instanceof NotFoundError) return 404;
  // An archived item: no change is allowed until it is restored (a ForbiddenError, but a 409).
  if (error instanceof ArchivedError) return 409;
  if (error instanceof ForbiddenError) return 403;
  return null;
}

/**
 * For an action's catch: lets through the errors a form shows next to its fields (validation,
 * conflict), throws the error page's response for the others (404, 403), and rethrows anything
 * else as it is (logged, a 500).
 */
export function throwUnlessFormError(
  error: unknown,
): asserts error is ValidationError | VersionConflictError {
  if (error instanceof ValidationError || error instanceof VersionConflictError) return;
  if (error instanceof ArchivedError) {
    throw data<ErrorPayload>({ message: "hardeningDomain.archivedItem" }, { status: 409 });
  }
  const status = domainErrorStatus(error);
  if (status !== null && error instanceof Error) {
    throw data<ErrorPayload>({ message: error.message }, { status });
  }
  throw error;
}

/** A 400 response that names the offending field. */
export function badRequest(field: string, message: string) {
  return data<ErrorPayload>({ field, message }, { status: 400 });
}

/**
 * An error response to throw, in the reader's language: 400 for a malformed request or
 * parameter, 413 for a body past its limit. The error boundary shows the field and the message.
 */
export async function refusal(
  request: Request,
  status: number,
  payload: Omit<ErrorPayload, "locale">,
) {
  return data<ErrorPayload>({ ...payload, locale: await getLocale(request) }, { status });
}

// PostgreSQL refuses U+0000 in text, so a NUL byte that reached a query was a 500.
const NUL = "\u0000";

/** Whether a string holds a NUL byte, which no field or parameter of the app may carry. */
export function hasNul(value: string): boolean {
  return value.includes(NUL);
}

/**
 * Refuses (400, naming the parameter) a URL whose path or query holds a NUL byte, before any
 * loader or action reads it. Form fields are checked where bodies are read (upload.server.ts).
 */
export const urlGuardMiddleware: MiddlewareFunction<Response> = async ({ request }, next) => {
  const url = new URL(request.url);
  for (const [key, value] of url.searchParams) {
    if (hasNul(key) || hasNul(value)) {
      throw await refusal(request, 400, {
        field: key.replaceAll(NUL, ""),
        message: "http.nulByte",
      });
    }
  }
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape is left to the router; the raw path is checked for "%00" below.
  }
  if (hasNul(path) || /%00/.test(url.pathname)) {
    throw await refusal(request, 400, { field: "path", message: "http.nulByte" });
  }
  return next();
};

/**
 * Accepts only a same-site path ("/x?y#z") and returns it normalised; anything else gives
 * `fallback`. The path is normalised before it is judged, because a browser resolves dot segments
 * and backslashes itself: "/.//evil.example", "/%2e//evil.example" and "/./\evil.example" all end
 * as "//evil.example", a link to another host. Percent-encoded dots, slashes and backslashes are
 * decoded, dot segments resolved and backslashes turned into slashes; what is left must start
 * with exactly one slash (runs of slashes further on are collapsed).
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2048) return fallback;
  // Control characters (tabs, newlines, NUL) are dropped by URL parsers and can smuggle a host in.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Only the path is normalised; the query and fragment are kept as they were written.
  const end = value.search(/[?#]/);
  let path = end === -1 ? value : value.slice(0, end);
  const rest = end === -1 ? "" : value.slice(end);
  // Decode only what changes how the path is split; twice-encoded forms ("%252e") too.
  for (let round = 0; /%(25)*(2e|2f|5c)/i.test(path); round++) {
    if (round === 3) return fallback;
    path = path.replace(/%(2e|2f|5c|25)/gi, (encoded) => decodeURIComponent(encoded));
  }
  try {
    const url = new URL(path.replaceAll("\\", "/") + rest, "http://localhost");
    if (url.origin !== "http://localhost") return fallback;
    if (!url.pathname.startsWith("/") || url.pathname.startsWith("//")) return fallback;
    const pathname = url.pathname.replace(/\/{2,}/g, "/");
    return `${pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
