import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/reset-password";
import { NewPasswordFields } from "#app/components/new-password-fields.tsx";
import { FormMessage, SubmitButton } from "#app/components/ui/field.tsx";
import { serializeSessionCookie } from "#app/modules/auth/cookie.server.ts";
import { ResetPasswordSchema } from "#app/modules/auth/schemas.ts";
import { findPasswordReset, resetPassword } from "#app/modules/auth/users.server.ts";
import { noFieldErrors, parseForm } from "#app/utils/forms.ts";
import { translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { forwardHeaders } from "#app/utils/headers.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { FIELD_ERRORS_STATUS } from "#app/utils/http.server.ts";
import { readForm } from "#app/utils/upload.server.ts";

export async function loader({ request, params }: Route.LoaderArgs) {
  const t = translator(await getLocale(request));
  const reset = await findPasswordReset(params.token);
  return data(
    { email: reset?.user.email ?? null, pageTitle: t("auth.resetTitle"), appName: t("app.name") },
    { status: reset ? 200 : 404, headers: { "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ request, params }: Route.ActionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(ResetPasswordSchema, form, {
    omitFromValues: ["password", "confirmPassword"],
  });
  if (!parsed.success)
    return data(
      { invalid: false, fieldErrors: parsed.fieldErrors },
      { status: FIELD_ERRORS_STATUS },
    );
  const result = await resetPassword({ token: params.token, password: parsed.data.password });
  if (!result.ok) return data({ invalid: true, fieldErrors: noFieldErrors }, { status: 404 });
  return redirect("/", {
    headers: { "Set-Cookie": serializeSessionCookie(result.token, result.expiresAt) },
  });
}

export default function ResetPasswordPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  if (!loaderData.email || actionData?.invalid) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-bold">{t("auth.resetTitle")}</h1>
        <FormMessage kind="error">{t("auth.resetInvalid")}</FormMessage>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("auth.resetTitle")}</h1>
      <p className="mt-2 text-gray-700">{t("auth.resetIntro", { email: loaderData.email })}</p>
      <Form method="post" className="mt-4">
        <NewPasswordFields errors={actionData?.fieldErrors} labels="account" />
        <div className="mt-6">
          <SubmitButton>{t("auth.resetSubmit")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export const headers: Route.HeadersFunction = forwardHeaders;
