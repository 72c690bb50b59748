import { createContext, useContext } from "react";
import { en, type Messages } from "#app/locales/en.ts";
import { es } from "#app/locales/es.ts";
import { dayDate, dayFromParts, dayIn, formatInstant, parseDay, timeZone } from "./dates.ts";

export const locales = ["en", "es"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

const catalogues: Record<Locale, Messages> = { en, es };

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<typeof en>;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, values) => {
    let node: unknown = messages;
    for (const part of key.split(".")) node = (node as Record<string, unknown>)[part];
    const text = typeof node === "string" ? node : key;
    if (!values) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in values ? String(values[name]) : match,
    );
  };
}

const LocaleContext = createContext<Locale>(defaultLocale);
export const LocaleProvider = LocaleContext.Provider;

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  return translator(useLocale());
}

// Building an Intl formatter costs far more than using one (it was the list page's largest cost),
// so each is built once per language and set of options.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached Intl.DateTimeFormat in UTC, the calendar the whole app uses. */
export function dateFormatter(
  locale: Locale,
  options: Omit<Intl.DateTimeFormatOptions, "timeZone">,
): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Formats a date (or a partial ISO date such as "2016-01") for the reader's language. */
export function formatDate(locale: Locale, value: Date | string | null | undefined): string {
  if (!value) return "";
  if (typeof value === "string") {
    const partial = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
    if (partial) {
      const [, year, month, day] = partial;
      if (!month) return year!;
      const date = parseDay(dayFromParts(Number(year), Number(month), Number(day ?? 1)) ?? "");
      if (!date) return value;
      return dateFormatter(
        locale,
        day
          ? { year: "numeric", month: "long", day: "numeric" }
          : { year: "numeric", month: "long" },
      ).format(date);
    }
    value = new Date(value);
  }
  return dateFormatter(locale, { dateStyle: "medium" }).format(value);
}

/** The day of an instant in the tracker's zone, for the reader's language. */
export function formatDayOf(locale: Locale, value: Date | string | null | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  // The day's UTC midnight, shown by the UTC formatter: the tracker's day, in any process zone.
  return formatDate(locale, dayDate(dayIn(date, timeZone())));
}

/**
 * A moment (when something was entered) in the reader's language, in the tracker's zone, with
 * the zone named ("Jan 15, 2026, 4:12 AM CST").
 */
export function formatDateTime(locale: Locale, value: Date | string): string {
  return formatInstant(value, locale, timeZone());
}

/** Title in the reader's language: the Spanish title where one exists. */
export function localizedTitle(
  locale: Locale,
  item: { title: string; titleEs?: string | null },
): string {
  return locale === "es" && item.titleEs ? item.titleEs : item.title;
}

/** The issuer's reference in the reader's language: its Spanish form where one exists. */
export function localizedReference(
  locale: Locale,
  item: { reference: string; referenceEs?: string | null },
): string {
  return locale === "es" && item.referenceEs ? item.referenceEs : item.reference;
}

/**
 * How a responsible actor is shown where space is short (lists, cards): its common abbreviation
 * ("ATF", "SRE"), the same in both languages; else its name in the reader's language. Never the
 * internal code ("MX-GOV"), which readers do not know.
 */
export function actorLabel(
  locale: Locale,
  actor: { name: string; nameEs?: string | null; abbreviation?: string | null },
): string {
  const abbreviation = actor.abbreviation?.trim();
  if (abbreviation) return abbreviation;
  return locale === "es" && actor.nameEs ? actor.nameEs : actor.name;
}
