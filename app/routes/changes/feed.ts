import type { Route } from "./+types/feed";
import { requireReader } from "#app/modules/auth/auth.server.ts";
import { hasParamErrors } from "#app/modules/recommendations/filters.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { translator } from "#app/utils/i18n.ts";
import {
  atomDocument,
  feedEntries,
  feedEtag,
  feedItemExists,
  parseFeedQuery,
} from "#app/modules/feeds/feed.server.ts";

const ATOM = "application/atom+xml; charset=utf-8";

/** Whether an If-None-Match header names `etag` (weak or strong, or `*`). */
function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

function plainText(message: string, status: number, locale: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Language": locale,
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * /changes.atom: the Atom feed of changes for the list's filters or one item (`item=`), in the
 * reader's language (`lang=` first). Readers poll it: an unchanged feed is a 304 without reading
 * the changes. A bad parameter is a short plain-text 400 naming it.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireReader(context, request);
  const url = new URL(request.url);
  const { query, errors } = parseFeedQuery(url.searchParams);
  const locale = query.lang ?? (await getLocale(request));
  if (hasParamErrors(errors)) {
    const t = translator(locale);
    const message = Object.keys(errors)
      .map((field) => t("feed.badParameter", { field }))
      .join("\n");
    return plainText(message, 400, locale);
  }
  // A feed of an item that does not exist would be empty forever: say so instead.
  if (query.item && !(await feedItemExists(query.item))) {
    return plainText(translator(locale)("feed.itemNotFound"), 404, locale);
  }
  const etag = await feedEtag(query, locale, url.origin);
  const headers = {
    ETag: etag,
    // The language may come from the cookie or Accept-Language when `lang=` is absent.
    Vary: "Cookie, Accept-Language",
    "Cache-Control": "no-cache",
  };
  if (etagMatches(request.headers.get("If-None-Match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  const entries = await feedEntries(query);
  const newest = entries[0]?.recordedAt;
  const lastModified = newest ? new Date(Math.floor(newest.getTime() / 1000) * 1000) : null;
  const since = request.headers.get("If-Modified-Since");
  if (lastModified && since && !request.headers.has("If-None-Match")) {
    const sinceTime = Date.parse(since);
    if (!Number.isNaN(sinceTime) && lastModified.getTime() <= sinceTime) {
      return new Response(null, {
        status: 304,
        headers: { ...headers, "Last-Modified": lastModified.toUTCString() },
      });
    }
  }
  return new Response(atomDocument(query, entries, locale, url.origin), {
    headers: {
      ...headers,
      "Content-Type": ATOM,
      "Content-Language": locale,
      "X-Content-Type-Options": "nosniff",
      ...(lastModified ? { "Last-Modified": lastModified.toUTCString() } : {}),
    },
  });
}
