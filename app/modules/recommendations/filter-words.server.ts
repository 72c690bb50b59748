// A set of the catalogue's filters in words, for a report's title page, a feed or a followed
// list's label.
import type { Country, Status } from "#app/generated/prisma/enums.ts";
import { filterKeys, type ItemFilters } from "#app/modules/recommendations/filters.ts";
import { prisma } from "#app/utils/db.server.ts";
import { localizedTitle, translator, type Locale } from "#app/utils/i18n.ts";

export type FilterWords = { key: string; label: string; value: string };

/** `text` cut to `max` characters (whole characters, not UTF-16 units), ending with "…". */
function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

/**
 * The filters in words, in `language`: each filter's label and its value, naming sources, goals,
 * actors and tags, translating statuses, countries and the related-items choice. The search text
 * is cut to `searchMax` characters when given (it goes into mail to any address).
 */
export async function describeFilters(
  filters: ItemFilters,
  language: Locale,
  options: { searchMax?: number } = {},
): Promise<FilterWords[]> {
  const t = translator(language);
  const ci = (value: string | undefined) =>
    value ? { equals: value, mode: "insensitive" as const } : undefined;
  const [source, goal, actor, tag] = await Promise.all([
    filters.source
      ? prisma.source.findFirst({ where: { code: ci(filters.source) } })
      : Promise.resolve(null),
    filters.goal ? prisma.goal.findFirst({ where: { code: ci(filters.goal) } }) : null,
    filters.actor ? prisma.actor.findFirst({ where: { code: ci(filters.actor) } }) : null,
    filters.tag ? prisma.tag.findFirst({ where: { slug: ci(filters.tag) } }) : null,
  ]);
  const named = (code: string, name: string | null | undefined) =>
    name ? `${code} – ${name}` : code;
  const parts: FilterWords[] = [];
  for (const key of filterKeys) {
    const value = filters[key];
    if (!value) continue;
    let text: string = value;
    if (key === "q") text = `“${options.searchMax ? shorten(value, options.searchMax) : value}”`;
    if (key === "source") text = named(value, source && localizedTitle(language, source));
    if (key === "goal") text = named(value, goal && localizedTitle(language, goal));
    if (key === "actor") {
      text = named(value, actor && (language === "es" && actor.nameEs ? actor.nameEs : actor.name));
    }
    if (key === "tag")
      text = tag ? (language === "es" && tag.nameEs ? tag.nameEs : tag.name) : value;
    if (key === "country") text = t(`country.${value as Country}`);
    if (key === "status") text = t(`status.${value as Status}`);
    if (key === "related") text = t(`related.filter.${value as "yes" | "no"}`);
    parts.push({ key, label: t(key === "q" ? "filters.search" : `filters.${key}`), value: text });
  }
  return parts;
}
