import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/invite";
import { NewPasswordFields } from "#app/components/new-password-fields.tsx";
import { FormMessage, SubmitButton, TextField } from "#app/components/ui/field.tsx";
import { serializeSessionCookie } from "#app/modules/auth/cookie.server.ts";
import { AcceptInviteSchema } from "#app/modules/auth/schemas.ts";
import { acceptInvite, findInvite } from "#app/modules/auth/users.server.ts";
import { fieldError, noFieldErrors, parseForm } from "#app/utils/forms.ts";
import { translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { forwardHeaders } from "#app/utils/headers.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { FIELD_ERRORS_STATUS } from "#app/utils/http.server.ts";
import { readForm } from "#app/utils/upload.server.ts";

// One page for invitations and for the first-admin setup link (an invite with no inviter).
export async function loader({ request, params }: Route.LoaderArgs) {
  const t = translator(await getLocale(request));
  const invite = await findInvite(params.token);
  const setup = invite ? invite.createdById === null && invite.role === "admin" : false;
  const titleKey = setup ? "auth.setupTitle" : "auth.inviteTitle";
  return data(
    {
      invite: invite ? { email: invite.email, role: invite.role, setup } : null,
      pageTitle: t(titleKey),
      appName: t("app.name"),
    },
    { status: invite ? 200 : 404, headers: { "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ request, params }: Route.ActionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(AcceptInviteSchema, form, {
    omitFromValues: ["password", "confirmPassword"],
  });
  if (!parsed.success) {
    return data(
      { error: null, fieldErrors: parsed.fieldErrors, values: parsed.values },
      { status: FIELD_ERRORS_STATUS },
    );
  }
  const result = await acceptInvite({
    token: params.token,
    email: parsed.data.email ?? "",
    name: parsed.data.name,
    password: parsed.data.password,
  });
  const values = { email: parsed.data.email ?? "", name: parsed.data.name };
  if (!result.ok) {
    if (result.code === "email_taken") {
      return data(
        { error: null, fieldErrors: fieldError("email", "auth.emailTaken"), values },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    return data(
      { error: "auth.inviteInvalid" as const, fieldErrors: noFieldErrors, values },
      { status: 404 },
    );
  }
  return redirect("/", {
    headers: { "Set-Cookie": serializeSessionCookie(result.token, result.expiresAt) },
  });
}

export default function InvitePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { invite } = loaderData;
  if (!invite || actionData?.error) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-bold">{t("auth.inviteTitle")}</h1>
        <FormMessage kind="error">{t("auth.inviteInvalid")}</FormMessage>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">
        {invite.setup ? t("auth.setupTitle") : t("auth.inviteTitle")}
      </h1>
      <p className="mt-2 text-gray-700">
        {invite.setup
          ? t("auth.setupIntro")
          : t("auth.inviteIntro", { role: t(`roles.${invite.role}`) })}
      </p>
      <Form method="post" className="mt-4">
        {invite.email ? (
          <TextField
            name="email-display"
            type="email"
            label={t("auth.email")}
            value={invite.email}
            readOnly
          />
        ) : (
          <TextField
            name="email"
            type="email"
            label={t("auth.email")}
            autoComplete="email"
            required
            defaultValue={actionData?.values.email ?? ""}
            errors={actionData?.fieldErrors.email}
          />
        )}
        <TextField
          name="name"
          label={t("auth.name")}
          autoComplete="name"
          required
          defaultValue={actionData?.values.name ?? ""}
          errors={actionData?.fieldErrors.name}
        />
        <NewPasswordFields errors={actionData?.fieldErrors} />
        <div className="mt-6">
          <SubmitButton>{t("auth.createAccount")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export const headers: Route.HeadersFunction = forwardHeaders;
