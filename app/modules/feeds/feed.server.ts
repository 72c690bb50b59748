// The Atom feed of changes (/changes.atom): the newest status and official-status changes of the
// items the list's filters (or `item=`) select, as anonymous readers see them. Changes awaiting
// sign-off live in their own table and so never appear here; nothing but the change itself and
// the recorder's public name is read. Its ETag keys on the general cache version (moved by every
// write), the normalised parameters and the language, so that a reader polling an unchanged
// tracker costs one indexed row.
import { createHash } from "node:crypto";
import { escapeText } from "entities";
import { Feed } from "feed";
import { Prisma } from "#app/generated/prisma/client.ts";
import type { OfficialStatus, Status } from "#app/generated/prisma/enums.ts";
import { itemsAsOfSql } from "#app/modules/recommendations/as-of.server.ts";
import {
  authorColumnsSql,
  changeAuthor,
  changeRowsSql,
  type AuthorColumns,
  type ChangeAuthor,
} from "#app/modules/recommendations/change-rows.server.ts";
import {
  filterKeys,
  parseFilters,
  paramSchemas,
  queryString,
  readParams,
  type ItemFilters,
  type ParamErrors,
} from "#app/modules/recommendations/filters.ts";
import { publicPerson } from "#app/modules/tracking/people.server.ts";
import { shownPersonName } from "#app/modules/tracking/people.ts";
import { cacheVersion } from "#app/utils/cache.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { feedQueryString } from "#app/components/feed-link.tsx";
import {
  formatDate,
  isLocale,
  localizedReference,
  translator,
  type Locale,
} from "#app/utils/i18n.ts";

/** How many changes a feed carries: feed readers poll often and keep what they saw. */
export const FEED_LIMIT = 50;

export type FeedQuery = {
  filters: ItemFilters;
  /** One item's changes only. */
  item?: string;
  /** `lang=` when given; else the reader's language (cookie, Accept-Language). */
  lang?: Locale;
};

/** The feed's parameters: the list's filters, `item` and `lang`; unknown ones are dropped. */
export function parseFeedQuery(params: URLSearchParams): {
  query: FeedQuery;
  errors: ParamErrors;
} {
  const { filters, errors } = parseFilters(params);
  const { values, errors: own } = readParams(params, { item: paramSchemas.source });
  Object.assign(errors, own);
  const query: FeedQuery = { filters, item: values.item };
  const lang = params.get("lang")?.trim();
  if (lang) {
    if (isLocale(lang)) query.lang = lang;
    else errors.lang = { key: "filters.errors.choice" };
  }
  return { query, errors };
}

/** Whether the item of an item's feed exists (archived ones too: their history stays readable). */
export async function feedItemExists(id: string): Promise<boolean> {
  return (await prisma.recommendation.count({ where: { id } })) > 0;
}

export type FeedEntry = {
  id: string;
  kind: "status" | "official";
  /** The day it happened ("YYYY-MM-DD"). */
  date: string;
  /** When it was recorded. */
  recordedAt: Date;
  fromValue: string | null;
  toValue: string | null;
  summary: string | null;
  item: { id: string; reference: string; referenceEs: string | null };
  author: ChangeAuthor | null;
};

/**
 * The newest `limit` changes (by when they were recorded) of the items that match the filters
 * today, or of one item. Official changes that did not change the status are left out, as on
 * the what-changed page.
 */
export async function feedEntries(
  query: FeedQuery,
  options: { limit?: number; now?: Date } = {},
): Promise<FeedEntry[]> {
  const { limit = FEED_LIMIT, now = new Date() } = options;
  const items = itemsAsOfSql(query.filters, null, now);
  const onlyItem = query.item ? Prisma.sql`AND c."recommendationId" = ${query.item}` : Prisma.empty;
  type Row = Omit<FeedEntry, "item" | "author"> & {
    itemId: string;
    reference: string;
    referenceEs: string | null;
  } & AuthorColumns;
  const rows = await prisma.$queryRaw<Row[]>`
    WITH c AS ${changeRowsSql}
    SELECT c.id, c.kind, to_char(c.day, 'YYYY-MM-DD') AS date, c."createdAt" AS "recordedAt",
      c."fromValue", c."toValue", c.summary, r.id AS "itemId", r.reference, r."referenceEs",
      ${authorColumnsSql}
    FROM c
    JOIN ${items} i ON i.id = c."recommendationId"
    JOIN "Recommendation" r ON r.id = c."recommendationId"
    LEFT JOIN "User" u ON u.id = c."createdById"
    WHERE TRUE ${onlyItem}
    ORDER BY c."createdAt" DESC, c.id DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    date: row.date,
    recordedAt: row.recordedAt,
    fromValue: row.fromValue,
    toValue: row.toValue,
    summary: row.summary,
    item: { id: row.itemId, reference: row.reference, referenceEs: row.referenceEs },
    author: changeAuthor(row),
  }));
}

/** The ETag of a feed: what its content depends on, hashed. */
export async function feedEtag(query: FeedQuery, locale: Locale, origin: string): Promise<string> {
  const version = await cacheVersion("all");
  const hash = createHash("sha256")
    .update([version, origin, feedQueryString(query, locale)].join("\n"))
    .digest("base64url")
    .slice(0, 27);
  return `"${hash}"`;
}

// XML 1.0 refuses most control characters even escaped; a stored summary could hold one.
// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;

/** Plain text for an Atom `type="html"` element (the `feed` package's choice). */
function html(text: string): string {
  return escapeText(text.replace(notXml, ""));
}

/** The Atom document of `entries`, in `locale`, with absolute links on `origin`. */
export function atomDocument(
  query: FeedQuery,
  entries: FeedEntry[],
  locale: Locale,
  origin: string,
): string {
  const t = translator(locale);
  const app = t("app.name");
  const label = (entry: FeedEntry, value: string | null) =>
    entry.kind === "status"
      ? t(`status.${value as Status}`)
      : value === null
        ? t("review.changes.moves.none_")
        : t(`officialStatus.${value as OfficialStatus}`);
  const described = [
    ...filterKeys.map((key) => {
      const value = query.filters[key];
      if (!value) return undefined;
      if (key === "related") return t(`related.filter.${value as "yes" | "no"}`);
      return key === "status" ? t(`status.${value as Status}`) : value;
    }),
    query.item ? `${t("feed.item")} ${query.item}` : undefined,
  ].filter((part): part is string => Boolean(part));
  const self = `${origin}/changes.atom${feedQueryString(query, query.lang)}`;
  const page = query.item
    ? `${origin}/recommendations/${encodeURIComponent(query.item)}`
    : `${origin}/changes${queryString(query.filters)}`;
  const feed = new Feed({
    id: `${origin}/changes.atom${feedQueryString(query)}`,
    title: html(
      described.length > 0
        ? t("feed.titleFiltered", { filters: described.join(" · "), app })
        : t("feed.title", { app }),
    ),
    description: t("feed.subtitle"),
    link: page,
    feedLinks: { atom: self },
    language: locale,
    // With no entry the feed's own time is the epoch, so that an empty feed does not change.
    updated: entries[0]?.recordedAt ?? new Date(0),
    author: { name: app, link: origin },
    generator: app,
  });
  for (const entry of entries) {
    const reference = localizedReference(locale, entry.item);
    const from = label(entry, entry.fromValue);
    const to = label(entry, entry.toValue);
    const day = formatDate(locale, entry.date);
    const said =
      entry.kind === "status"
        ? t("feed.statusEntry", { date: day, from, to })
        : t("feed.officialEntry", { date: day, from, to });
    const link = `${origin}/recommendations/${encodeURIComponent(entry.item.id)}`;
    feed.addItem({
      id: `${link}#${entry.kind}-${entry.id}`,
      title: html(t("feed.entryTitle", { reference, from, to })),
      link,
      date: entry.recordedAt,
      description: [said, entry.summary]
        .filter((part): part is string => Boolean(part))
        .map((part) => `<p>${html(part)}</p>`)
        .join(""),
      author: [{ name: entry.author ? shownPersonName(t, publicPerson(entry.author)) : app }],
    });
  }
  return feed.atom1();
}
