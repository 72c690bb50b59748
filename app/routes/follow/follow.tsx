import { data, Link } from "react-router";
import type { Route } from "./+types/follow";
import { FollowResult, type FollowActionData } from "#app/components/follow/follow-form.tsx";
import { getUser } from "#app/modules/auth/auth.server.ts";
import { follow } from "#app/modules/follow/follow.server.ts";
import { mailEnabled } from "#app/modules/mail/mailer.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { formValues } from "#app/utils/forms.ts";
import {
  FIELD_ERRORS_STATUS,
  notFoundUnless,
  throwUnlessFormError,
} from "#app/utils/http.server.ts";
import { translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";
import { readForm } from "#app/utils/upload.server.ts";

// Where the Follow form of an item, source, goal, actor or list posts. With JavaScript the form
// shows the answer in place; without, this page shows it with a link back.

export async function loader({ request }: Route.LoaderArgs) {
  const t = translator(await getLocale(request));
  return { mail: mailEnabled(), pageTitle: t("follow.page.title"), appName: t("app.name") };
}

/** A path on this site to go back to, or null (never another site). */
function localPath(value: FormDataEntryValue | null): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) return null;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (value.length > 2000 || /[\\\u0000-\u001f]/.test(value)) return null;
  return value;
}

export async function action({ request, context }: Route.ActionArgs) {
  // Following is offered only when the tracker sends mail.
  notFoundUnless(mailEnabled() ? true : null);
  const form = await readForm(request);
  const returnTo = localPath(form.get("returnTo"));
  const values = formValues(form);
  try {
    const result = await follow({
      kind: form.get("kind"),
      target: form.get("target"),
      frequency: form.get("frequency"),
      locale: form.get("locale"),
      email: form.get("email"),
      user: getUser(context),
      ip: context.get(clientIpContext),
    });
    const body: FollowActionData & { returnTo: string | null } = { ...result, values, returnTo };
    if (result.outcome === "rate-limited") {
      return data(body, { status: 429, headers: { "Retry-After": String(result.retryAfter) } });
    }
    return data(body, { status: result.outcome === "mail-failed" ? 503 : 200 });
  } catch (error) {
    throwUnlessFormError(error);
    if (!(error instanceof ValidationError)) throw error;
    const body: FollowActionData & { returnTo: string | null } = {
      fieldErrors: error.fieldErrors,
      values,
      returnTo,
    };
    return data(body, { status: FIELD_ERRORS_STATUS });
  }
}

export default function FollowPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("follow.page.title")}</h1>
      {actionData ? (
        <FollowResult
          result={{
            ...actionData,
            // Without the form on this page, a field's error is said here.
            fieldErrors: actionData.fieldErrors && {
              form: Object.values(actionData.fieldErrors).flat(),
            },
          }}
        />
      ) : (
        <p>{loaderData.mail ? t("follow.page.intro") : t("follow.page.off")}</p>
      )}
      {actionData?.returnTo && (
        <p>
          <Link to={actionData.returnTo}>{t("follow.page.back")}</Link>
        </p>
      )}
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);
