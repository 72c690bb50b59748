// Rendered pages of the catalogue views (dashboard, list, item pages, what changed, reports),
// kept while the data they show is unchanged. Rendering a page on the server costs far more than
// reading its data (see docs/decisions/0007-speed-at-ten-thousand-items.md), and these pages are
// read far more often than anything changes. A page is reused only for the same address, the
// same language, the same reader (anonymous, or the same account with the same name and role)
// and the same hour, at the same CacheVersion (every committed change moves it), so nobody ever
// sees another reader's page or a page older than the last change. An item's page depends on
// less: it is kept on the catalogue version and the item's own stamp (migration 0016), so that a
// change to one item does not re-render every other item's page.
//
// "The same address" means the same parameters as the page reads them: parameters the page does
// not read are dropped, empty ones and defaults too, and their order does not matter, so that
// `?x=1`, `?x=2`, … are one page and cannot push others out. Each kind of page has a shelf of its
// own, bounded in bytes (cache.server.ts): a crawler of list pages never evicts the dashboard.
import { type MiddlewareFunction } from "react-router";
import { getUser } from "#app/modules/auth/auth.server.ts";
import { filterKeys } from "#app/modules/recommendations/filters.ts";
import {
  cached,
  cachedAt,
  cacheKey,
  forget,
  itemPageVersions,
  type Shelf,
} from "./cache.server.ts";
import { currentDay } from "./dates.ts";
import { getLocale } from "./i18n.server.ts";
import { nonceContext } from "./security.server.ts";

// React Router's own parameters of data requests (which routes' data, the index route).
const routerParams = ["_routes", "index"];
/** The kinds of cacheable page: their paths, and the parameters each reads (with defaults). */
const kinds: Array<{
  shelf: Shelf;
  path: RegExp;
  params: readonly string[];
  defaults?: Record<string, string>;
}> = [
  { shelf: "page:dashboard", path: /^\/((_root)?\.data)?$/, params: [...filterKeys, "asOf"] },
  {
    shelf: "page:list",
    path: /^\/recommendations(\.data)?$/,
    params: [...filterKeys, "asOf", "stale", "sort", "page"],
    defaults: { sort: "catalogue", page: "1" },
  },
  {
    shelf: "page:item",
    path: /^\/recommendations\/[^/]+(\.data)?$/,
    params: ["timeline", "saved", "note"],
  },
  { shelf: "page:changes", path: /^\/changes(\.data)?$/, params: [...filterKeys, "from", "to"] },
  {
    shelf: "page:reports",
    path: /^\/reports(\.data)?$/,
    params: [...filterKeys, "asOf", "lang", "from"],
  },
];

/**
 * The parameters of a cacheable page as it reads them, in a fixed order (the first value of each,
 * unknown ones, empty ones and defaults left out), or null for a page that is not kept.
 */
export function pageAddress(url: URL): { shelf: Shelf; search: string } | null {
  const kind = kinds.find((candidate) => candidate.path.test(url.pathname));
  if (!kind) return null;
  const params = new URLSearchParams();
  for (const name of [...kind.params, ...routerParams].sort()) {
    const value = url.searchParams.get(name);
    if (value === null) continue;
    if (value.trim() === "" && !routerParams.includes(name)) continue;
    if (kind.defaults?.[name] === value.trim()) continue;
    params.set(name, value);
  }
  const search = params.toString();
  return { shelf: kind.shelf, search: search ? `?${search}` : "" };
}

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
  const address = request.method === "GET" ? pageAddress(url) : null;
  if (!address) return next();
  // A page shows its own address (the header's links back to it): a page rendered for another
  // spelling of the address is served, but only one rendered for this spelling is kept, so that
  // no reader's stray parameters reach another. Data requests carry no address in their body.
  const keepable = url.pathname.endsWith(".data") || url.search === address.search;
  const user = getUser(context);
  const nonce = context.get(nonceContext);
  const item = address.shelf === "page:item" ? await itemVersions(url.pathname) : undefined;
  if (item === null) return next();
  const key = cacheKey("page", {
    url: `${url.pathname}${address.search}`,
    locale: await getLocale(request),
    reader: user ? [user.id, user.role, user.name] : null,
    hour: new Date().toISOString().slice(0, 13),
    // Today in the tracker's zone, which turns at its midnight: in a zone whose offset is not
    // whole hours (India's, Newfoundland's) that falls within a UTC hour.
    day: currentDay(),
    stamp: item?.stamp,
  });
  // This request's own rendering, when it did the work: answered as rendered.
  let own: Response | undefined;
  const render = async (): Promise<Kept | null> => {
    if (!keepable) return null;
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
    if (Buffer.byteLength(body) > MAX_BYTES) return null;
    return { status: 200, headers: headersOf(type), parts: nonce ? body.split(nonce) : [body] };
  };
  const kept = await (item
    ? cachedAt(item.catalogue, key, render, address.shelf, keptBytes)
    : cached(key, render, address.shelf, keptBytes));
  // Not kept (an error, a redirect, a reader who left mid-way): the next request tries again.
  if (!kept) forget(key, address.shelf);
  if (own) return own;
  if (!kept) return next();
  return new Response(kept.parts.join(nonce), {
    status: kept.status,
    headers: new Headers(kept.headers),
  });
};

/**
 * The versions an item's page is kept on, from its address; null when the address names no
 * item that could be kept (a malformed id, or none: the page is then rendered, not kept).
 */
async function itemVersions(pathname: string) {
  const encoded = /^\/recommendations\/([^/]+?)(?:\.data)?$/.exec(pathname)?.[1];
  let id: string;
  try {
    id = decodeURIComponent(encoded ?? "");
  } catch {
    return null;
  }
  const versions = await itemPageVersions(id);
  return versions.stamp === null ? null : { catalogue: versions.catalogue, stamp: versions.stamp };
}

/** A kept page's size: its text in UTF-8 (headers are a few dozen bytes). */
function keptBytes(kept: Kept | null): number {
  return kept ? kept.parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0) : 0;
}

function headersOf(type: string): Array<[string, string]> {
  return [
    ["Content-Type", type],
    // The page depends on who asks and in which language; shared caches must not keep it.
    ["Cache-Control", "private, no-cache"],
    ["Vary", "Cookie, Accept-Language"],
  ];
}
