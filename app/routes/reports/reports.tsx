import { Link } from "react-router";
import type { Route } from "./+types/reports";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import {
  FilterDate,
  FilterForm,
  FilterSelect,
  describeFilters,
} from "#app/components/filters/filter-form.tsx";
import { DownloadButtons } from "#app/components/reports/download-buttons.tsx";
import { itemCount } from "#app/components/reports/item-count.ts";
import { StatusBadge, StatusBar, statusOrder } from "#app/components/status-badge.tsx";
import { loadCatalogueView } from "#app/modules/recommendations/catalogue-view.server.ts";
import { hasFilters, hasParamErrors, queryString } from "#app/modules/recommendations/filters.ts";
import { listQueryString } from "#app/modules/recommendations/list-query.ts";
import { listFilterOptions } from "#app/modules/recommendations/list.server.ts";
import { reportPreview } from "#app/modules/reports/report-preview.server.ts";
import { AsOfCorrections } from "#app/components/as-of-corrections.tsx";
import { countRecordedAfter } from "#app/modules/recommendations/as-of.server.ts";
import { parseReportQuery, type ReportFormat } from "#app/modules/reports/report-query.ts";
import { formatDate, locales, localizedTitle, useLocale, useT } from "#app/utils/i18n.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { currentDay, quarterStart } from "#app/utils/dates.ts";

export function loader(args: Route.LoaderArgs) {
  return loadCatalogueView(args, "review.reports.title", async ({ params, locale, now }) => {
    const { query, chosen, errors } = parseReportQuery(params, { defaultLanguage: locale, now });
    const [preview, options, corrections] = await Promise.all([
      reportPreview(query.filters, query.asOf, now),
      listFilterOptions(),
      countRecordedAfter(query.filters, query.asOf, now),
    ]);
    return { query, chosen, errors, preview, options, corrections, today: currentDay(now) };
  });
}

export default function ReportsPage({ loaderData }: Route.ComponentProps) {
  const { query, chosen, errors, preview, options, corrections, today } = loaderData;
  const t = useT();
  const locale = useLocale();
  const { filters, asOf, asOfDay } = query;
  const filterWords = describeFilters(filters, t, locale, options);
  const formats: Record<ReportFormat, React.ReactNode> = {
    pdf: t("review.reports.downloads.formats.pdf"),
    xlsx: t("review.reports.downloads.formats.xlsx"),
    csv: t("review.reports.downloads.formats.csv"),
    json: (
      <>
        {t("review.reports.downloads.formats.json")}{" "}
        <a href="/reports/schema.json">{t("review.reports.downloads.schema")}</a>
      </>
    ),
  };
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold">{t("review.reports.title")}</h1>
        <p className="mt-2 max-w-3xl text-gray-700">{t("review.reports.intro")}</p>
        <FilterForm
          key={queryString({ ...filters, asOf, lang: chosen.language, from: chosen.from })}
          action="/reports"
          values={filters}
          errors={errors}
          options={options}
          submitLabel={t("review.reports.preview")}
          clearHref={
            hasFilters(filters) || asOf || chosen.language || chosen.from || hasParamErrors(errors)
              ? "/reports"
              : undefined
          }
          footer={
            <>
              {/* Enter in a field previews: the first submit button of a form is its default,
                  and the download buttons come before the visible Preview button. */}
              <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
                {t("review.reports.preview")}
              </button>
              <DownloadButtons describe={(format) => formats[format]} />
            </>
          }
        >
          <FilterDate
            name="asOf"
            label={t("review.reports.asOf")}
            hint={t("review.reports.asOfHint")}
            value={asOf}
            max={today}
            errors={errors}
          />
          <FilterSelect
            name="lang"
            label={t("review.reports.lang")}
            value={query.language}
            errors={errors}
            any={false}
          >
            {locales.map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`review.reports.langNames.${language}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterDate
            name="from"
            label={t("review.reports.from")}
            hint={t("review.reports.fromHint", {
              date: formatDate(locale, quarterStart(asOfDay)),
            })}
            value={chosen.from}
            max={asOfDay}
            errors={errors}
          />
        </FilterForm>
      </header>

      <section
        aria-labelledby="preview"
        className="space-y-4 rounded-lg border border-gray-200 p-4"
        data-testid="report-preview"
      >
        <h2 id="preview" className="text-2xl font-semibold">
          {t("review.reports.previewTitle")}
        </h2>
        <div className="space-y-1">
          <p>
            {asOf
              ? t("review.reports.previewAsOf", { date: formatDate(locale, asOf) })
              : t("review.reports.previewToday", { date: formatDate(locale, today) })}
          </p>
          {asOf && <AsOfCorrections count={corrections} date={asOf} />}
          <p data-testid="preview-filters">
            {filterWords.length > 0
              ? t("review.filtersInWords", {
                  filters: filterWords.map((part) => `${part.label}: ${part.value}`).join(" · "),
                })
              : t("review.noFilters")}
          </p>
          <p>
            {t("review.reports.previewLanguage", {
              language: t(`review.reports.langNames.${query.language}`),
            })}{" "}
            {t("review.reports.previewHistory", {
              from: formatDate(locale, query.from),
              to: formatDate(locale, asOfDay),
            })}
          </p>
        </div>
        <p className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <strong className="text-2xl" data-testid="preview-total">
            {itemCount(t, locale, preview.total)}
          </strong>
          {preview.total > 0 && (
            <Link
              to={`/recommendations${listQueryString({ ...filters, asOf: asOf ?? undefined })}`}
            >
              {t("review.reports.openList")}
            </Link>
          )}
        </p>
        {preview.total === 0 ? (
          <p>{t("review.reports.noItems")}</p>
        ) : (
          <>
            <div>
              <h3 className="text-lg font-semibold">{t("review.reports.byStatus")}</h3>
              <div className="mt-2">
                <StatusBar counts={preview.byStatus} label={t("review.reports.statusBarLabel")} />
              </div>
              <ul
                className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3"
                data-testid="preview-by-status"
              >
                {statusOrder.map((status) => (
                  <li
                    key={status}
                    className="flex items-center justify-between gap-2 rounded border border-gray-100 px-3 py-2"
                    data-status={status}
                  >
                    <StatusBadge status={status} />
                    <span className="font-semibold tabular-nums">
                      {preview.byStatus[status] ?? 0}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3 className="text-lg font-semibold">{t("review.reports.bySource")}</h3>
              <ul className="mt-2 space-y-3" data-testid="preview-by-source">
                {preview.bySource.map((source) => (
                  <li
                    key={source.code}
                    className="rounded border border-gray-100 p-3"
                    data-source={source.code}
                  >
                    <p className="break-words">
                      <strong>{source.code}</strong>: {localizedTitle(locale, source)}
                    </p>
                    <p className="text-sm font-semibold">{itemCount(t, locale, source.total)}</p>
                    <div className="mt-1">
                      <StatusBar
                        counts={source.counts}
                        label={`${source.code} – ${t("review.reports.statusBarLabel")}`}
                      />
                    </div>
                    <p className="mt-1 text-sm text-gray-700">
                      {statusOrder
                        .filter((status) => source.counts[status])
                        .map((status) => `${t(`status.${status}`)}: ${source.counts[status]}`)
                        .join(" · ")}
                    </p>
                  </li>
                ))}
              </ul>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
