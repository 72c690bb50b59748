import { randomBytes } from "node:crypto";
import { createContext, type MiddlewareFunction } from "react-router";

/** The per-request nonce that lets the page's own inline scripts run under the CSP. */
export const nonceContext = createContext<string>("");

export function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The cards and badges other sites embed: framable anywhere, without cookies. */
export function isEmbedPath(pathname: string): boolean {
  return pathname.startsWith("/embed/");
}

/** Sets the Content-Security-Policy on every response the app itself produces. */
export const securityHeadersMiddleware: MiddlewareFunction<Response> = async (
  { request, context },
  next,
) => {
  const nonce = randomBytes(16).toString("base64");
  context.set(nonceContext, nonce);
  const response = await next();
  try {
    // Embeds (/embed/*) are read inside other sites' pages: they never set a cookie, whatever
    // a middleware after this one wanted to renew or clear (the session's is renewed on the
    // tracker's own pages).
    if (isEmbedPath(new URL(request.url).pathname)) response.headers.delete("Set-Cookie");
    // A response with a policy of its own keeps it: files served as they were uploaded or
    // archived (evidence downloads, archived copies) carry a stricter one, with sandbox.
    if (!response.headers.has("Content-Security-Policy")) {
      response.headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
    }
  } catch {
    // Some responses (e.g. Response.redirect) have immutable headers; they carry no content.
  }
  return response;
};
