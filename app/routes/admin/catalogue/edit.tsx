import {
  Form,
  Link,
  redirect,
  useLocation,
  useSearchParams,
  type ShouldRevalidateFunctionArgs,
} from "react-router";
import type { Route } from "./+types/edit";
import { AdminNav } from "#app/components/admin-nav.tsx";
import {
  CatalogueConflictNotice,
  CatalogueForm,
} from "#app/components/catalogue/catalogue-form.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormMessage, SubmitButton } from "#app/components/ui/field.tsx";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import {
  kindOrNotFound,
  loadCatalogueItem,
  runCatalogueAction,
} from "#app/modules/catalogue/admin-forms.server.ts";
import { notFoundUnless } from "#app/utils/http.server.ts";
import { formatDayOf, type MessageKey, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { CATALOGUE_FORM_BYTES, readForm } from "#app/utils/upload.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  const kind = kindOrNotFound(params.kind);
  const locale = await getLocale(request);
  const item = notFoundUnless(await loadCatalogueItem(kind, params.id, locale));
  const t = translator(locale);
  return {
    kind,
    item,
    pageTitle: `${t(`catalogue.kinds.${kind}.edit`)}: ${item.code}`,
    appName: t("app.name"),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const admin = requireRole(context, request, "admin");
  const kind = kindOrNotFound(params.kind);
  const form = await readForm(request, { maxBytes: CATALOGUE_FORM_BYTES });
  const response = await runCatalogueAction(admin.id, kind, params.id, form);
  if (response.data.ok) {
    // Post/redirect/get: a reload does not post again; the message comes from the query.
    const saved = response.data.intent === "save" ? "1" : response.data.intent;
    return redirect(`/admin/catalogue/${kind}/${encodeURIComponent(params.id)}?saved=${saved}`);
  }
  return response;
}

// A failed save or archive changes what the page should show (the record may have moved on).
export function shouldRevalidate({
  formMethod,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  return formMethod === "POST" || defaultShouldRevalidate;
}

const savedMessages: Record<string, MessageKey> = {
  created: "catalogue.form.created",
  "1": "catalogue.form.saved",
  archive: "catalogue.form.archived",
  unarchive: "catalogue.form.unarchived",
};

export default function CatalogueEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const { kind, item } = loaderData;
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const saved = savedMessages[searchParams.get("saved") ?? ""];
  const failed = actionData && !actionData.ok ? actionData : undefined;
  const typed = failed?.intent === "save" ? failed : undefined;
  const archiveFailed = failed && failed.intent !== "save" ? failed : undefined;
  return (
    <div>
      <AdminNav />
      <p>
        <Link to={`/admin/catalogue/${kind}`}>← {t(`catalogue.kinds.${kind}.title`)}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">
        {t(`catalogue.kinds.${kind}.edit`)}: {item.code}
      </h1>
      <p className="mt-1 text-gray-700">{item.title}</p>
      {kind === "recommendations" && !item.archivedAt && (
        <p className="mt-2">
          <Link to={`/recommendations/${encodeURIComponent(item.id)}`}>
            {t("catalogue.form.openPublic")}
          </Link>
        </p>
      )}
      {saved && <FormMessage kind="success">{t(saved)}</FormMessage>}
      {item.archivedAt && (
        <p
          className="mt-4 rounded border-l-4 border-gray-500 bg-gray-100 px-4 py-3"
          data-testid="archived-notice"
        >
          {t("catalogue.form.archivedNotice", { date: formatDayOf(locale, item.archivedAt) })}
        </p>
      )}

      <section aria-labelledby="edit-heading" className="mt-6">
        <h2 id="edit-heading" className="sr-only">
          {t(`catalogue.kinds.${kind}.edit`)}
        </h2>
        <CatalogueForm
          // A new version or a new post shows the form afresh, not the browser's old input.
          key={`${item.version}-${location.key}`}
          fields={item.fields}
          values={typed?.values ?? item.values}
          intent="save"
          version={typed?.conflict?.currentVersion ?? typed?.expectedVersion ?? item.version}
          submitLabel={t("catalogue.form.save")}
          labelledBy="edit-heading"
          fieldErrors={typed?.fieldErrors}
          conflict={typed?.conflict}
        />
      </section>

      <section
        aria-labelledby="archive-heading"
        className="mt-10 max-w-3xl rounded-lg border border-gray-200 p-4"
      >
        <h2 id="archive-heading" className="text-xl font-semibold">
          {t("catalogue.form.archiveTitle")}
        </h2>
        {archiveFailed?.conflict && <CatalogueConflictNotice conflict={archiveFailed.conflict} />}
        {archiveFailed?.fieldErrors && (
          <FormMessage kind="error">{t("validation.reload")}</FormMessage>
        )}
        <p className="mt-2 text-gray-700">
          {item.archivedAt ? t("catalogue.form.unarchiveHelp") : t("catalogue.form.archiveHelp")}
        </p>
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value={item.archivedAt ? "unarchive" : "archive"} />
          <input type="hidden" name="expectedVersion" value={item.version} />
          <SubmitButton variant={item.archivedAt ? "secondary" : "danger"}>
            {item.archivedAt ? t("catalogue.form.unarchive") : t("catalogue.form.archive")}
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
