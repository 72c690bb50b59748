import { Link } from "react-router";
import type { Route } from "./+types/link-health";
import { AdminNav } from "#app/components/admin-nav.tsx";
import { ArchiveLine } from "#app/components/archive/archive-line.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { listProblemLinks } from "#app/modules/archive/archive.server.ts";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { formatDateTime, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  const t = translator(await getLocale(request));
  return {
    links: await listProblemLinks(),
    pageTitle: t("archive.health.title"),
    appName: t("app.name"),
  };
}

/** Links with a problem: never archived, changed since archived, unreachable; "Archive again". */
export default function LinkHealthPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { links } = loaderData;
  return (
    <div>
      <AdminNav />
      <h1 className="text-3xl font-bold">{t("archive.health.title")}</h1>
      <p className="mt-2 text-gray-700">{t("archive.health.intro")}</p>
      {links.length === 0 ? (
        <p className="mt-4">{t("archive.health.none")}</p>
      ) : (
        <ul className="mt-4 divide-y divide-gray-200" data-testid="link-health-list">
          {links.map((link) => (
            <li key={link.linkId} className="py-3">
              <p className="font-semibold break-all">
                <a href={link.url} rel="noopener noreferrer nofollow" target="_blank">
                  {link.evidence?.title ?? link.url}
                </a>
              </p>
              <p className="text-sm text-gray-700">
                {t("archive.health.belongsTo")}:{" "}
                {link.evidence ? (
                  <Link
                    to={`/recommendations/${encodeURIComponent(link.evidence.recommendationId)}`}
                  >
                    {link.evidence.reference}
                  </Link>
                ) : (
                  t("archive.health.source", { code: link.source?.code ?? "" })
                )}
                {" · "}
                {t("archive.health.lastChecked")}:{" "}
                {link.lastCheckedAt
                  ? formatDateTime(locale, link.lastCheckedAt)
                  : t("archive.health.never")}
              </p>
              <ArchiveLine
                archive={link}
                title={link.evidence?.title ?? link.url}
                canArchive
                returnTo="/admin/link-health"
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
