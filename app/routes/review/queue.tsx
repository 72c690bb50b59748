import { redirect, useSearchParams } from "react-router";
import type { Route } from "./+types/queue";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PendingChangeCard } from "#app/components/review/pending-change.tsx";
import { reviewSavedMessages } from "#app/components/review/pending-changes.tsx";
import { FormMessage } from "#app/components/ui/field.tsx";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import {
  runReviewAction,
  type ReviewActionResult,
} from "#app/modules/review/review-actions.server.ts";
import { listReviewQueue } from "#app/modules/review/review.server.ts";
import { translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { readFormData } from "#app/utils/upload.server.ts";

/** /review: staff (editors and admins) only; viewers get a 403, visitors the login page. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireRole(context, request, "editor");
  const t = translator(await getLocale(request));
  return {
    changes: await listReviewQueue(user),
    pageTitle: t("signOff.queue.title"),
    appName: t("app.name"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireRole(context, request, "editor");
  const response = await runReviewAction(user, await readFormData(request));
  return response.data.ok ? redirect(`/review?saved=${response.data.intent}`) : response;
}

export default function ReviewQueuePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [searchParams] = useSearchParams();
  const saved = reviewSavedMessages[searchParams.get("saved") ?? ""];
  const result = actionData as ReviewActionResult | undefined;
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">{t("signOff.queue.title")}</h1>
      <p className="text-gray-700">{t("signOff.queue.intro")}</p>
      {saved && <FormMessage kind="success">{t(saved)}</FormMessage>}
      {loaderData.changes.length === 0 ? (
        <p data-testid="review-empty">{t("signOff.queue.empty")}</p>
      ) : (
        <div className="space-y-3">
          {loaderData.changes.map((change) => (
            <PendingChangeCard key={change.id} change={change} result={result} withItem />
          ))}
        </div>
      )}
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
