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

/** Accepts only same-site absolute paths ("/x"), never "//host" or "/\\host" or a URL. */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string") return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Control characters (tabs, newlines) are dropped by URL parsers and can smuggle a host in.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value)) return fallback;
  try {
    const url = new URL(value, "http://localhost");
    if (url.origin !== "http://localhost") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
