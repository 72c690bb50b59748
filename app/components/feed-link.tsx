// Links to the Atom feed of changes (/changes.atom) from the pages it follows: the `<link
// rel="alternate">` of a page's `<head>` (its meta export) and a visible link. No server imports:
// pages render these.
import { Link } from "react-router";
import {
  filterKeys,
  parseFilters,
  queryString,
  type ItemFilters,
} from "#app/modules/recommendations/filters.ts";
import { defaultLocale, isLocale, translator, useT, type Locale } from "#app/utils/i18n.ts";

export type FeedTarget = { filters: ItemFilters; item?: string };

/** The feed's parameters in a fixed order (its ETag, its self link and links to it use them). */
export function feedQueryString(target: FeedTarget, lang?: Locale): string {
  const ordered: Record<string, string | undefined> = {};
  for (const key of filterKeys) ordered[key] = target.filters[key];
  ordered.item = target.item;
  ordered.lang = lang;
  return queryString(ordered);
}

/** The feed of a page's filters or of one item, relative to the site. */
export function feedHref(target: FeedTarget): string {
  return `/changes.atom${feedQueryString(target)}`;
}

type Match = { id: string; data?: unknown } | undefined;

/**
 * The `<link rel="alternate">` meta descriptor for a page: the feed of the filters in its URL
 * (the list's own parser: bad and unknown ones left out), or of one item. Its title is in the
 * page's language, which the root loader read.
 */
export function feedLinkMeta(
  matches: readonly Match[],
  search: string,
  item?: string,
): Record<string, string> {
  const root = matches.find((match) => match?.id === "root")?.data as
    { locale?: unknown } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : defaultLocale;
  const t = translator(locale);
  const filters = item ? {} : parseFilters(new URLSearchParams(search)).filters;
  return {
    tagName: "link",
    rel: "alternate",
    type: "application/atom+xml",
    title: item ? t("feed.linkItem") : t("feed.linkTitle"),
    href: feedHref({ filters, item }),
  };
}

/** A visible link to a feed, with what a feed is for. */
export function FeedLink({ target }: { target: FeedTarget }) {
  const t = useT();
  return (
    <p className="text-sm print:hidden">
      <Link
        to={feedHref(target)}
        reloadDocument
        type="application/atom+xml"
        className="font-semibold"
        data-testid="feed-link"
      >
        {t("feed.link")}
      </Link>{" "}
      <span className="text-gray-700">{t("feed.linkHint")}</span>
    </p>
  );
}
