import type { Locale, Translate } from "#app/utils/i18n.ts";

/** "1 item", "31 items" (or "1 recomendación", …) by the language's plural rules. */
export function itemCount(t: Translate, locale: Locale, count: number): string {
  const form = new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
  return t(`review.items.${form}`, { count });
}
