import { data, Form, Link } from "react-router";
import type { Route } from "./+types/account";
import { NewPasswordFields } from "#app/components/new-password-fields.tsx";
import { FormMessage, inputClass, SubmitButton, TextField } from "#app/components/ui/field.tsx";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { serializeSessionCookie } from "#app/modules/auth/cookie.server.ts";
import { ChangePasswordSchema, ProfileSchema } from "#app/modules/auth/schemas.ts";
import { changePassword, updateProfile } from "#app/modules/auth/users.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { parseForm } from "#app/utils/forms.ts";
import { badRequest, FIELD_ERRORS_STATUS } from "#app/utils/http.server.ts";
import { formatDateTime, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { getLocale, localeCookie } from "#app/utils/i18n.server.ts";
import { forwardHeaders } from "#app/utils/headers.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { readForm } from "#app/utils/upload.server.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const sessionUser = requireUser(context, request);
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: sessionUser.id },
    select: {
      name: true,
      email: true,
      role: true,
      locale: true,
      showNamePublicly: true,
      publicName: true,
      version: true,
      totpEnabledAt: true,
    },
  });
  const t = translator(await getLocale(request));
  const unusedRecoveryCodes = await prisma.recoveryCode.count({
    where: { userId: sessionUser.id, usedAt: null },
  });
  return { user, unusedRecoveryCodes, pageTitle: t("account.title"), appName: t("app.name") };
}

type ActionResult = {
  form: "profile" | "password";
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
  message?: {
    kind: "error" | "success";
    key:
      | "account.profileConflict"
      | "account.passwordChanged"
      | "forms.saved"
      | "limits.passwordCheck";
    name?: string;
    minutes?: number;
  };
};

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "profile") {
    const parsed = parseForm(ProfileSchema, form);
    if (!parsed.success) {
      return data<ActionResult>(
        { form: "profile", fieldErrors: parsed.fieldErrors, values: parsed.values },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    const result = await updateProfile({
      userId: user.id,
      expectedVersion: parsed.data.version,
      name: parsed.data.name,
      locale: parsed.data.locale,
      showNamePublicly: parsed.data.showNamePublicly,
    });
    const values = {
      name: parsed.data.name,
      locale: parsed.data.locale ?? "",
      showNamePublicly: parsed.data.showNamePublicly ? "on" : "",
    };
    if (!result.ok) {
      return data<ActionResult>(
        {
          form: "profile",
          fieldErrors: {},
          values,
          message: {
            kind: "error",
            key: "account.profileConflict",
            name: result.code === "conflict" ? result.current.name : "",
          },
        },
        { status: 409 },
      );
    }
    const headers = parsed.data.locale
      ? { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) }
      : undefined;
    return data<ActionResult>(
      {
        form: "profile",
        fieldErrors: {},
        values: {},
        message: { kind: "success", key: "forms.saved" },
      },
      { headers },
    );
  }
  if (intent === "password") {
    const parsed = parseForm(ChangePasswordSchema, form, {
      omitFromValues: ["currentPassword", "password", "confirmPassword"],
    });
    if (!parsed.success) {
      return data<ActionResult>(
        { form: "password", fieldErrors: parsed.fieldErrors, values: {} },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    const result = await changePassword({
      userId: user.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.password,
    });
    if (!result.ok && result.code === "rate_limited") {
      const minutes = Math.ceil(result.retryAfter / 60);
      return data<ActionResult>(
        {
          form: "password",
          fieldErrors: {},
          values: {},
          message: { kind: "error", key: "limits.passwordCheck", minutes },
        },
        { status: 429, headers: { "Retry-After": String(result.retryAfter) } },
      );
    }
    if (!result.ok) {
      return data<ActionResult>(
        {
          form: "password",
          fieldErrors: { currentPassword: ["account.wrongPassword"] },
          values: {},
        },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    return data<ActionResult>(
      {
        form: "password",
        fieldErrors: {},
        values: {},
        message: { kind: "success", key: "account.passwordChanged" },
      },
      { headers: { "Set-Cookie": serializeSessionCookie(result.token, result.expiresAt) } },
    );
  }
  throw badRequest("intent", "must be profile or password");
}

export default function AccountPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { user } = loaderData;
  const profile = actionData?.form === "profile" ? actionData : undefined;
  const password = actionData?.form === "password" ? actionData : undefined;
  return (
    <div className="mx-auto max-w-2xl space-y-10">
      <h1 className="text-3xl font-bold">{t("account.title")}</h1>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="text-xl font-semibold">
          {t("account.profile")}
        </h2>
        <p className="mt-2 text-sm text-gray-700">
          {t("account.email")}: {user.email} · {t("account.role")}: {t(`roles.${user.role}`)}
        </p>
        {profile?.message && (
          <FormMessage kind={profile.message.kind}>
            {t(profile.message.key, { name: profile.message.name ?? "" })}
          </FormMessage>
        )}
        {/* The key resets the form to the saved values after a successful save. */}
        <Form method="post" key={`profile-${user.version}`}>
          <input type="hidden" name="intent" value="profile" />
          <input type="hidden" name="version" value={user.version} />
          <TextField
            name="name"
            label={t("account.name")}
            required
            autoComplete="name"
            defaultValue={profile?.values.name ?? user.name}
            errors={profile?.fieldErrors.name}
          />
          <div className="mt-4">
            <label htmlFor="account-locale" className="block text-sm font-semibold">
              {t("account.language")}
            </label>
            <select
              id="account-locale"
              name="locale"
              defaultValue={profile?.values.locale ?? user.locale ?? ""}
              className={inputClass}
            >
              <option value="">{t("account.languageDefault")}</option>
              <option value="en" lang="en">
                English
              </option>
              <option value="es" lang="es">
                Español
              </option>
            </select>
          </div>
          <div className="mt-4 flex items-start gap-2">
            <input
              id="account-show-name"
              type="checkbox"
              name="showNamePublicly"
              defaultChecked={
                profile?.values.showNamePublicly !== undefined
                  ? profile.values.showNamePublicly === "on"
                  : user.showNamePublicly
              }
              aria-describedby="account-show-name-help"
              className="mt-1 h-4 w-4"
            />
            <div>
              <label htmlFor="account-show-name" className="text-sm font-semibold">
                {t("hardeningDomain.privacy.showNamePublicly")}
              </label>
              <p id="account-show-name-help" className="text-sm text-gray-700">
                {t("hardeningDomain.privacy.showNamePubliclyHelp", {
                  label: user.publicName?.trim() || t(`roles.${user.role}`),
                })}
              </p>
            </div>
          </div>
          <div className="mt-6">
            <SubmitButton>{t("account.save")}</SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-xl font-semibold">
          {t("account.passwordTitle")}
        </h2>
        <p className="mt-2 text-sm text-gray-700">{t("account.passwordIntro")}</p>
        {password?.message && (
          <FormMessage kind={password.message.kind}>
            {t(password.message.key, { minutes: password.message.minutes ?? 0 })}
          </FormMessage>
        )}
        <Form method="post">
          <input type="hidden" name="intent" value="password" />
          <TextField
            name="currentPassword"
            type="password"
            label={t("account.currentPassword")}
            autoComplete="current-password"
            required
            errors={password?.fieldErrors.currentPassword}
          />
          <NewPasswordFields errors={password?.fieldErrors} labels="account" />
          <div className="mt-6">
            <SubmitButton>{t("account.changePassword")}</SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="two-step-heading">
        <h2 id="two-step-heading" className="text-xl font-semibold">
          {t("twoStep.account.heading")}
        </h2>
        <p className="mt-2 text-sm text-gray-700">
          {user.totpEnabledAt
            ? t("twoStep.account.statusOn", {
                date: formatDateTime(locale, user.totpEnabledAt),
                count: loaderData.unusedRecoveryCodes,
              })
            : t("twoStep.account.statusOff")}
        </p>
        <p className="mt-2">
          <Link to="/account/two-step" className="font-semibold">
            {t("twoStep.account.manage")}
          </Link>
        </p>
      </section>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

// Sends the action's Retry-After with a 429.
export const headers: Route.HeadersFunction = forwardHeaders;
