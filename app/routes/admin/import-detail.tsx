import { Link } from "react-router";
import type { Route } from "./+types/import-detail";
import { AdminNav } from "#app/components/admin-nav.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { getImport } from "#app/modules/import/import-records.server.ts";
import { notFoundUnless } from "#app/utils/http.server.ts";
import { formatDateTime, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  const t = translator(await getLocale(request));
  const record = notFoundUnless(await getImport(params.id));
  return {
    record,
    pageTitle: t("import.detail.title", { file: record.fileName }),
    appName: t("app.name"),
  };
}

export default function ImportDetailPage({ loaderData }: Route.ComponentProps) {
  const { record } = loaderData;
  const t = useT();
  const locale = useLocale();
  const lists = [
    { action: "created", label: t("import.detail.created") },
    { action: "updated", label: t("import.detail.updated") },
  ] as const;
  return (
    <div>
      <AdminNav />
      <p>
        <Link to="/admin/import">{t("import.detail.back")}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold break-words">
        {t("import.detail.title", { file: record.fileName })}
      </h1>
      <p className="mt-2 break-all text-gray-700">
        {t("import.detail.summary", {
          who: record.createdBy?.name ?? "—",
          date: formatDateTime(locale, record.createdAt),
          sha256: record.sha256,
        })}
      </p>
      <p className="mt-2">
        {t("import.history.counts")}: {record.created} / {record.updated} / {record.unchanged} /{" "}
        {record.errors}
      </p>
      {record.changes.length === 0 && <p className="mt-4">{t("import.detail.nothing")}</p>}
      {lists.map(({ action, label }) => {
        const changes = record.changes.filter((change) => change.action === action);
        if (changes.length === 0) return null;
        return (
          <section key={action} className="mt-6" aria-labelledby={`import-${action}`}>
            <h2 id={`import-${action}`} className="text-xl font-semibold">
              {label} ({changes.length})
            </h2>
            <ul className="mt-2 list-disc space-y-1 pl-6">
              {changes.map((change) => (
                <li key={change.itemId}>
                  <Link to={`/recommendations/${change.itemId}`}>{change.reference}</Link>{" "}
                  <Link
                    to={`/admin/audit?entityType=Recommendation&entityId=${encodeURIComponent(change.itemId)}`}
                    className="text-sm"
                  >
                    ({t("import.detail.audit")})
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
