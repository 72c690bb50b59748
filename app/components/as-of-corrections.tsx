import { formatDate, useLocale, useT } from "#app/utils/i18n.ts";

/**
 * On a past day's view: how many of its changes were recorded after that day (corrections), so
 * that a reader comparing it with an earlier copy knows why they differ. Nothing when none.
 */
export function AsOfCorrections({ count, date }: { count: number; date: string }) {
  const t = useT();
  const locale = useLocale();
  if (count === 0) return null;
  const values = { count, date: formatDate(locale, date) };
  return (
    <p className="mt-1 text-sm text-gray-800" data-testid="as-of-corrections">
      {count === 1
        ? t("filters.asOfCorrectionsOne", values)
        : t("filters.asOfCorrectionsOther", values)}
    </p>
  );
}
