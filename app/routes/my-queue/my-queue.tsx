import { Link } from "react-router";
import type { Route } from "./+types/my-queue";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { queueForUser } from "#app/modules/follow/queue.server.ts";
import {
  formatDate,
  formatDayOf,
  localizedReference,
  localizedTitle,
  translator,
  useLocale,
  useT,
} from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

/** /my-queue: staff (editors and admins) only; viewers get a 403, visitors the login page. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireRole(context, request, "editor");
  const t = translator(await getLocale(request));
  const queue = await queueForUser(user.id);
  return { ...queue, pageTitle: t("digest.page.title"), appName: t("app.name") };
}

export default function MyQueuePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { items, following } = loaderData;
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">{t("digest.page.title")}</h1>
      <p className="text-gray-700">{t("digest.page.intro")}</p>
      {items.length === 0 ? (
        <p data-testid="my-queue-empty">
          {following ? t("digest.page.empty") : t("digest.page.notFollowing")}
        </p>
      ) : (
        <>
          <p className="font-semibold">{t("digest.page.count", { count: items.length })}</p>
          <ul className="divide-y divide-gray-200" data-testid="my-queue-list">
            {items.map((item) => (
              <li key={item.id} className="py-3">
                <p className="font-semibold break-words">
                  <Link to={`/recommendations/${encodeURIComponent(item.id)}`}>
                    {localizedReference(locale, item)}
                  </Link>{" "}
                  <span className="font-normal">{localizedTitle(locale, item)}</span>
                </p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-gray-700">
                  <dt>{t("digest.page.status")}</dt>
                  <dd>
                    <StatusBadge status={item.status} />
                  </dd>
                  <dt>{t("digest.page.lastChecked")}</dt>
                  <dd>
                    {item.lastVerifiedAt
                      ? formatDayOf(locale, item.lastVerifiedAt)
                      : t("digest.page.never")}
                  </dd>
                  {item.dueDate && (
                    <>
                      <dt>{t("digest.page.dueDate")}</dt>
                      <dd>{formatDate(locale, item.dueDate)}</dd>
                    </>
                  )}
                  <dt>{t("digest.page.why")}</dt>
                  <dd>{item.reasons.map((reason) => t(`digest.reasons.${reason}`)).join(", ")}</dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
