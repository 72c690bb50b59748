import { Link, redirect } from "react-router";
import type { Route } from "./+types/list";
import { AdminNav } from "#app/components/admin-nav.tsx";
import { CatalogueForm, initialValues } from "#app/components/catalogue/catalogue-form.tsx";
import { ItemTable } from "#app/components/catalogue/item-table.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import {
  kindOrNotFound,
  loadCatalogueList,
  parseArchivedFilter,
  runCatalogueAction,
} from "#app/modules/catalogue/admin-forms.server.ts";
import { translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { CATALOGUE_FORM_BYTES, readForm } from "#app/utils/upload.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  const kind = kindOrNotFound(params.kind);
  const archived = parseArchivedFilter(new URL(request.url).searchParams);
  const locale = await getLocale(request);
  const t = translator(locale);
  return {
    kind,
    archived,
    ...(await loadCatalogueList(kind, locale, archived)),
    pageTitle: t(`catalogue.kinds.${kind}.title`),
    appName: t("app.name"),
  };
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
  const { kind, archived, rows, counts, fields } = loaderData;
  const t = useT();
  const failed = actionData && !actionData.ok ? actionData : undefined;
  const filterClass =
    "rounded px-3 py-1.5 text-sm aria-[current=page]:bg-brand-light aria-[current=page]:font-semibold";
  return (
    <div>
      <AdminNav />
      <p>
        <Link to="/admin/catalogue">← {t("catalogue.list.backToCatalogue")}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">{t(`catalogue.kinds.${kind}.title`)}</h1>
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
      <ItemTable kind={kind} rows={rows} archived={archived} />

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

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
