// Rendered pages of the catalogue views (dashboard, list, item pages, what changed, reports),
// kept while the data they show is unchanged. Rendering a page on the server costs far more than
// reading its data (see docs/decisions/0007-speed-at-ten-thousand-items.md), and these pages are
// read far more often than anything changes. A page is reused only for the same address, the
// same language, the same reader (anonymous, or the same account with the same name and role)
// and the same hour, at the same CacheVersion (every committed change moves it), so nobody ever
// sees another reader's page or a page older than the last change.
import { type MiddlewareFunction } from "react-router";
import { getUser } from "#app/modules/auth/auth.server.ts";
import { cached, cacheKey, forget } from "./cache.server.ts";
import { getLocale } from "./i18n.server.ts";
import { nonceContext } from "./security.server.ts";

const cacheable = [
  /^\/(_root)?\.data$/,
  /^\/$/,
  /^\/recommendations(\.data)?$/,
  /^\/recommendations\/[^/]+(\.data)?$/,
  /^\/changes(\.data)?$/,
  /^\/reports(\.data)?$/,
];

/** Pages larger than this are not kept (none of these views comes near it). */
const MAX_BYTES = 2 * 1024 * 1024;

type Kept = {
  status: number;
  headers: Array<[string, string]>;
  /** The body cut at the nonce it was rendered with, to put the current one in its place. */
  parts: string[];
};

/** Serves a kept copy of a cacheable GET page, or renders it and keeps it when it can. */
export const pageCacheMiddleware: MiddlewareFunction<Response> = async (
  { request, context },
  next,
) => {
  const url = new URL(request.url);
  if (request.method !== "GET" || !cacheable.some((pattern) => pattern.test(url.pathname))) {
    return next();
  }
  const user = getUser(context);
  const nonce = context.get(nonceContext);
  const key = cacheKey("page", {
    url: `${url.pathname}${url.search}`,
    locale: await getLocale(request),
    reader: user ? [user.id, user.role, user.name] : null,
    hour: new Date().toISOString().slice(0, 13),
  });
  // This request's own rendering, when it did the work: answered as rendered.
  let own: Response | undefined;
  const kept = await cached(
    key,
    async (): Promise<Kept | null> => {
      const response = await next();
      const type = response.headers.get("Content-Type") ?? "";
      if (
        request.signal.aborted ||
        response.status !== 200 ||
        response.headers.has("Set-Cookie") ||
        !/^text\/(html|x-script)/.test(type)
      ) {
        own = response;
        return null;
      }
      const body = await response.text();
      own = new Response(body, { status: response.status, headers: response.headers });
      if (body.length > MAX_BYTES) return null;
      return { status: 200, headers: headersOf(type), parts: nonce ? body.split(nonce) : [body] };
    },
    "pages",
  );
  // Not kept (an error, a redirect, a reader who left mid-way): the next request tries again.
  if (!kept) forget(key, "pages");
  if (own) return own;
  if (!kept) return next();
  return new Response(kept.parts.join(nonce), {
    status: kept.status,
    headers: new Headers(kept.headers),
  });
};

function headersOf(type: string): Array<[string, string]> {
  return [
    ["Content-Type", type],
    // The page depends on who asks and in which language; shared caches must not keep it.
    ["Cache-Control", "private, no-cache"],
    ["Vary", "Cookie, Accept-Language"],
  ];
}
