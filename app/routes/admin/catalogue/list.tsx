import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/list";
import { AdminNav } from "#app/components/admin-nav.tsx";
import { CatalogueForm, initialValues } from "#app/components/catalogue/catalogue-form.tsx";
import { ItemTable } from "#app/components/catalogue/item-table.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FilterSelect, ParamErrorText, SearchField } from "#app/components/filters/filter-form.tsx";
import { pageRange, Pagination } from "#app/components/pagination.tsx";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import {
  kindOrNotFound,
  loadCatalogueList,
  loadRecommendationList,
  parseArchivedFilter,
  runCatalogueAction,
} from "#app/modules/catalogue/admin-forms.server.ts";
import type { CatalogueKind, ItemRow } from "#app/modules/catalogue/admin-kinds.ts";
import {
  pageSizes,
  parseRecommendationListQuery,
  recommendationListHref,
  type AdminRecommendationQuery,
} from "#app/modules/catalogue/admin-list-query.ts";
import { hasParamErrors, type ParamErrors } from "#app/modules/recommendations/filters.ts";
import { formatDayOf, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { CATALOGUE_FORM_BYTES, readForm } from "#app/utils/upload.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  const kind = kindOrNotFound(params.kind);
  const searchParams = new URL(request.url).searchParams;
  const archived = parseArchivedFilter(searchParams);
  const locale = await getLocale(request);
  const t = translator(locale);
  const page = {
    kind,
    archived,
    pageTitle: t(`catalogue.kinds.${kind}.title`),
    appName: t("app.name"),
  };
  if (kind !== "recommendations") {
    return data({ ...page, ...(await loadCatalogueList(kind, locale, archived)), search: null });
  }
  // The recommendations grow past what one page shows: searched, filtered by source and paged,
  // with a bad parameter left out and shown next to its field, as the public list does.
  const { query, errors } = parseRecommendationListQuery(searchParams, archived);
  const list = await loadRecommendationList(locale, query);
  const { rows, ...pages } = list.page;
  return data(
    {
      ...page,
      rows,
      counts: list.counts,
      fields: list.fields,
      search: { query, errors, pages, sourceCodes: list.sourceCodes },
    },
    { status: hasParamErrors(errors) ? 400 : 200 },
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const admin = requireRole(context, request, "admin");
  const kind = kindOrNotFound(params.kind);
  const form = await readForm(request, { maxBytes: CATALOGUE_FORM_BYTES });
  const response = await runCatalogueAction(admin.id, kind, null, form);
  if (response.data.ok) {
    // Post/redirect/get to the new record's page, which says it was created.
    return redirect(
      `/admin/catalogue/${kind}/${encodeURIComponent(response.data.id)}?saved=created`,
    );
  }
  return response;
}

export default function CatalogueListPage({ loaderData, actionData }: Route.ComponentProps) {
  const { kind, archived, rows, counts, fields, search } = loaderData;
  const t = useT();
  const failed = actionData && !actionData.ok ? actionData : undefined;
  const filterClass =
    "rounded px-3 py-1.5 text-sm aria-[current=page]:bg-brand-light aria-[current=page]:font-semibold";
  const filtered = Boolean(search?.query.q || search?.query.source);
  return (
    <div>
      <AdminNav />
      <p>
        <Link to="/admin/catalogue">← {t("catalogue.list.backToCatalogue")}</Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold break-words sm:text-3xl">
        {t(`catalogue.kinds.${kind}.title`)}
      </h1>
      <p className="mt-2 text-gray-700">{t(`catalogue.kinds.${kind}.description`)}</p>

      <nav aria-label={t("catalogue.list.show")} className="mt-4">
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link
              to={`/admin/catalogue/${kind}`}
              aria-current={archived ? undefined : "page"}
              className={filterClass}
            >
              {t("catalogue.list.active", { count: counts.active })}
            </Link>
          </li>
          <li>
            <Link
              to={`/admin/catalogue/${kind}?archived=1`}
              aria-current={archived ? "page" : undefined}
              className={filterClass}
            >
              {t("catalogue.list.archived", { count: counts.archived })}
            </Link>
          </li>
        </ul>
      </nav>

      {search && (
        <RecommendationSearch
          query={search.query}
          errors={search.errors}
          sourceCodes={search.sourceCodes}
          filtered={filtered}
        />
      )}
      {search?.pages.requestedPage !== undefined && (
        <p className="mt-4 rounded border-l-4 border-brand bg-brand-light px-3 py-2" role="note">
          {t("catalogue.list.pastEnd", {
            requested: search.pages.requestedPage,
            last: search.pages.pageCount,
          })}
        </p>
      )}
      {search?.errors.page && (
        <div className="mt-4">
          <ParamErrorText id="list-page-error" error={search.errors.page} />
        </div>
      )}
      {search && (
        <p className="mt-4 text-sm text-gray-700" role="status">
          {t("catalogue.list.showing", { ...pageRange(search.pages), total: search.pages.total })}
        </p>
      )}

      {rows.length === 0 ? (
        <p className="mt-4 text-gray-700">
          {filtered
            ? t("catalogue.list.noMatch")
            : archived
              ? t("catalogue.list.noneArchived")
              : t("catalogue.list.none")}
        </p>
      ) : (
        <>
          <ItemCards kind={kind} rows={rows} archived={archived} />
          <div className="hidden sm:block">
            <ItemTable kind={kind} rows={rows} archived={archived} />
          </div>
        </>
      )}

      {search && (
        <Pagination
          page={search.pages.page}
          pageCount={search.pages.pageCount}
          href={(page) => recommendationListHref({ ...search.query, page })}
        />
      )}

      <section
        aria-labelledby="new-heading"
        className="mt-10 rounded-lg border border-gray-200 p-4"
      >
        <h2 id="new-heading" className="text-xl font-semibold">
          {t(`catalogue.kinds.${kind}.new`)}
        </h2>
        <CatalogueForm
          fields={fields}
          values={failed?.values ?? initialValues(fields)}
          intent="create"
          submitLabel={t(`catalogue.kinds.${kind}.create`)}
          labelledBy="new-heading"
          fieldErrors={failed?.fieldErrors}
        />
      </section>
    </div>
  );
}

/** The recommendations' search form: words, source and page size, as a GET form. */
function RecommendationSearch({
  query,
  errors,
  sourceCodes,
  filtered,
}: {
  query: AdminRecommendationQuery;
  errors: ParamErrors;
  sourceCodes: string[];
  filtered: boolean;
}) {
  const t = useT();
  return (
    <Form
      // A new search starts from the typed values, not from what the browser kept.
      key={recommendationListHref(query)}
      method="get"
      action="/admin/catalogue/recommendations"
      role="search"
      aria-label={t("catalogue.list.searchLabel")}
      className="mt-4 rounded-lg border border-gray-200 bg-gray-50 p-4"
    >
      {query.archived && <input type="hidden" name="archived" value="1" />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SearchField value={query.q} error={errors.q} hint={t("catalogue.list.searchHint")} />
        <FilterSelect
          name="source"
          label={t("filters.source")}
          value={query.source}
          errors={errors}
        >
          {sourceCodes.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="size"
          label={t("catalogue.list.pageSize")}
          value={String(query.size)}
          errors={errors}
          any={false}
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </FilterSelect>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-4">
        <button
          type="submit"
          className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
        >
          {t("filters.apply")}
        </button>
        {filtered && (
          <Link to={recommendationListHref({ archived: query.archived })} className="text-sm">
            {t("filters.clear")}
          </Link>
        )}
      </div>
    </Form>
  );
}

/** Phones: one card per record, with what the table's columns say. */
function ItemCards({
  kind,
  rows,
  archived,
}: {
  kind: CatalogueKind;
  rows: ItemRow[];
  archived: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const counted = rows.some((row) => row.recommendationCount !== undefined);
  return (
    <ul className="mt-4 space-y-3 sm:hidden">
      {rows.map((row) => (
        <li
          key={row.id}
          className="rounded-lg border border-gray-200 p-3 break-words"
          data-testid="item-card"
        >
          <Link
            to={`/admin/catalogue/${kind}/${encodeURIComponent(row.id)}`}
            aria-label={t("catalogue.list.editLink", { code: row.code })}
            className="font-semibold"
          >
            {row.code}
          </Link>
          <p className="mt-1">{row.title}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-gray-700">{t("catalogue.list.detail")}</dt>
            <dd>{row.detailKey ? t(row.detailKey) : (row.detail ?? "")}</dd>
            {counted && (
              <>
                <dt className="text-gray-700">{t("catalogue.list.recommendations")}</dt>
                <dd>{row.recommendationCount ?? 0}</dd>
              </>
            )}
            {archived && (
              <>
                <dt className="text-gray-700">{t("catalogue.list.archivedOn")}</dt>
                <dd>{row.archivedAt ? formatDayOf(locale, row.archivedAt) : ""}</dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
