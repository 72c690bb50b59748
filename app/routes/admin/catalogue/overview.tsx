import { Link } from "react-router";
import type { Route } from "./+types/overview";
import { AdminNav } from "#app/components/admin-nav.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { catalogueOverview } from "#app/modules/catalogue/admin-forms.server.ts";
import { translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  const t = translator(await getLocale(request));
  return {
    kinds: await catalogueOverview(),
    pageTitle: t("catalogue.title"),
    appName: t("app.name"),
  };
}

export default function CatalogueOverviewPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const cell = "py-2 pr-3";
  return (
    <div>
      <AdminNav />
      <h1 className="text-3xl font-bold">{t("catalogue.title")}</h1>
      <p className="mt-2 max-w-3xl text-gray-700">{t("catalogue.intro")}</p>
      <table className="mt-6 w-full max-w-3xl border-collapse text-left">
        <caption className="sr-only">{t("catalogue.overview.tableCaption")}</caption>
        <thead>
          <tr className="border-b border-gray-300 text-sm">
            <th scope="col" className={cell}>
              {t("catalogue.overview.kind")}
            </th>
            <th scope="col" className={`${cell} text-right`}>
              {t("catalogue.overview.active")}
            </th>
            <th scope="col" className={`${cell} text-right`}>
              {t("catalogue.overview.archived")}
            </th>
          </tr>
        </thead>
        <tbody>
          {loaderData.kinds.map(({ kind, active, archived }) => (
            <tr key={kind} className="border-b border-gray-100 align-top" data-testid="kind-row">
              <th scope="row" className={cell}>
                <Link to={`/admin/catalogue/${kind}`} className="font-semibold">
                  {t(`catalogue.kinds.${kind}.title`)}
                </Link>
                <p className="text-sm font-normal text-gray-700">
                  {t(`catalogue.kinds.${kind}.description`)}
                </p>
              </th>
              <td className={`${cell} text-right`}>{active}</td>
              <td className={`${cell} text-right`}>
                {archived > 0 ? (
                  <Link
                    to={`/admin/catalogue/${kind}?archived=1`}
                    aria-label={`${t(`catalogue.kinds.${kind}.title`)}: ${t("catalogue.list.archived", { count: archived })}`}
                  >
                    {archived}
                  </Link>
                ) : (
                  archived
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
