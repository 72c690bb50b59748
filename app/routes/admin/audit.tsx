import { Form, Link } from "react-router";
import type { Route } from "./+types/audit";
import { AdminNav } from "#app/components/admin-nav.tsx";
import { AuditTable, useEntityTypeLabel } from "#app/components/catalogue/audit-table.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { pageRange, Pagination } from "#app/components/pagination.tsx";
import { inputClass } from "#app/components/ui/field.tsx";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { loadAuditPage } from "#app/modules/catalogue/audit-page.server.ts";
import { translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  const t = translator(await getLocale(request));
  return {
    ...(await loadAuditPage(new URL(request.url).searchParams)),
    pageTitle: t("catalogue.audit.title"),
    appName: t("app.name"),
  };
}

export default function AuditPage({ loaderData }: Route.ComponentProps) {
  const { filters, page, refs, users } = loaderData;
  const t = useT();
  const entityType = useEntityTypeLabel();
  const { from, to } = pageRange(page);
  const href = (number: number) => {
    const params = new URLSearchParams(Object.entries(filters).filter(([, value]) => value));
    if (number > 1) params.set("page", String(number));
    const query = params.toString();
    return query ? `/admin/audit?${query}` : "/admin/audit";
  };
  const filterQuery = new URLSearchParams(
    Object.entries(filters).filter(([, value]) => value),
  ).toString();
  const csvHref = filterQuery ? `/admin/audit.csv?${filterQuery}` : "/admin/audit.csv";
  const label = "block text-sm font-medium";
  return (
    <div>
      <AdminNav />
      <h1 className="text-3xl font-bold">{t("catalogue.audit.title")}</h1>
      <p className="mt-2 text-gray-700">{t("catalogue.audit.intro")}</p>

      <Form
        key={href(1)}
        method="get"
        role="search"
        aria-label={t("catalogue.audit.filters")}
        className="mt-4 rounded-lg border border-gray-200 bg-gray-50 p-4"
      >
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <div>
            <label htmlFor="audit-user" className={label}>
              {t("catalogue.audit.user")}
            </label>
            <select
              id="audit-user"
              name="actorId"
              defaultValue={filters.actorId}
              className={inputClass}
            >
              <option value="">{t("catalogue.audit.anyUser")}</option>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({user.email})
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-type" className={label}>
              {t("catalogue.audit.entityType")}
            </label>
            <select
              id="audit-type"
              name="entityType"
              defaultValue={filters.entityType}
              className={inputClass}
            >
              <option value="">{t("catalogue.audit.anyType")}</option>
              {page.entityTypes.map((type) => (
                <option key={type} value={type}>
                  {entityType(type)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-id" className={label}>
              {t("catalogue.audit.entityId")}
            </label>
            <input
              id="audit-id"
              name="entityId"
              defaultValue={filters.entityId}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor="audit-from" className={label}>
              {t("catalogue.audit.from")}
            </label>
            <input
              id="audit-from"
              type="date"
              name="from"
              defaultValue={filters.from}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor="audit-to" className={label}>
              {t("catalogue.audit.to")}
            </label>
            <input
              id="audit-to"
              type="date"
              name="to"
              defaultValue={filters.to}
              className={inputClass}
            />
          </div>
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
          >
            {t("catalogue.audit.apply")}
          </button>
          <Link to="/admin/audit">{t("catalogue.audit.clear")}</Link>
        </div>
      </Form>

      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-3">
        <p className="text-sm text-gray-700" aria-live="polite">
          {t("catalogue.audit.showing", { from, to, total: page.total })}
        </p>
        {/* A plain link: the file is a resource route, downloaded rather than navigated to. */}
        <a
          href={csvHref}
          download
          title={t("hardeningDomain.auditCsv.downloadHelp")}
          className="text-sm font-semibold"
        >
          {t("hardeningDomain.auditCsv.download")}
        </a>
      </div>
      {page.items.length === 0 ? (
        <p className="mt-4">{t("catalogue.audit.none")}</p>
      ) : (
        <AuditTable rows={page.items} refs={refs} />
      )}
      <Pagination page={page.page} pageCount={page.pageCount} href={href} />
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
