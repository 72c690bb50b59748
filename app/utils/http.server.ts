import { data } from "react-router";

/** Body of an error response that the error boundary knows how to show. */
export type ErrorPayload = { message?: string; field?: string };

/** Throws a 404 response when `value` is missing; narrows it otherwise. */
export function notFoundUnless<T>(value: T | null | undefined, message = "Not found"): T {
  if (value === null || value === undefined) {
    throw data<ErrorPayload>({ message }, { status: 404 });
  }
  return value;
}

/** A 400 response that names the offending field. */
export function badRequest(field: string, message: string) {
  return data<ErrorPayload>({ field, message }, { status: 400 });
}

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
