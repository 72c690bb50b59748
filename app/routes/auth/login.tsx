import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/login";
import { SignInError } from "#app/components/sign-in-error.tsx";
import { SubmitButton, TextField } from "#app/components/ui/field.tsx";
import { getUser } from "#app/modules/auth/auth.server.ts";
import { serializeSessionCookie, serializeTwoStepCookie } from "#app/modules/auth/cookie.server.ts";
import { readDeviceCookie } from "#app/modules/auth/device-cookie.server.ts";
import { LoginSchema } from "#app/modules/auth/schemas.ts";
import { login } from "#app/modules/auth/users.server.ts";
import { noFieldErrors, parseForm } from "#app/utils/forms.ts";
import { safeRedirectPath, FIELD_ERRORS_STATUS } from "#app/utils/http.server.ts";
import { isLocale, translator, useT } from "#app/utils/i18n.ts";
import { getLocale, localeCookie } from "#app/utils/i18n.server.ts";
import { forwardHeaders } from "#app/utils/headers.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";
import { readForm } from "#app/utils/upload.server.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/");
  if (getUser(context)) throw redirect(redirectTo);
  const t = translator(await getLocale(request));
  return { redirectTo, pageTitle: t("auth.loginTitle"), appName: t("app.name") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(LoginSchema, form, { omitFromValues: ["password"] });
  if (!parsed.success) {
    return data(
      { error: null, fieldErrors: parsed.fieldErrors, values: parsed.values },
      { status: FIELD_ERRORS_STATUS },
    );
  }
  const { email, password } = parsed.data;
  const values = { email };
  const result = await login({
    email,
    password,
    ip: context.get(clientIpContext),
    device: readDeviceCookie(request),
  });
  if (!result.ok) {
    if (result.code === "two_step") {
      // No session until the code: the next page asks for it.
      const maxAge = Math.round((result.expiresAt.getTime() - Date.now()) / 1000);
      const params = new URLSearchParams({
        redirectTo: safeRedirectPath(parsed.data.redirectTo, "/"),
      });
      return redirect(`/login/two-step?${params}`, {
        headers: { "Set-Cookie": serializeTwoStepCookie(result.challenge, maxAge) },
      });
    }
    if (result.code === "rate_limited") {
      return data(
        {
          error: {
            // Waits past two minutes are told in minutes.
            key:
              result.retryAfter > 120
                ? ("limits.loginMinutes" as const)
                : ("auth.rateLimited" as const),
            seconds: result.retryAfter,
          },
          fieldErrors: noFieldErrors,
          values,
        },
        { status: 429, headers: { "Retry-After": String(result.retryAfter) } },
      );
    }
    return data(
      { error: { key: "auth.invalid" as const, seconds: 0 }, fieldErrors: noFieldErrors, values },
      { status: 400 },
    );
  }
  const headers = new Headers();
  headers.append("Set-Cookie", serializeSessionCookie(result.token, result.expiresAt));
  if (result.deviceCookie) headers.append("Set-Cookie", result.deviceCookie);
  if (isLocale(result.user.locale)) {
    headers.append("Set-Cookie", await localeCookie.serialize(result.user.locale));
  }
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/"), { headers });
}

export default function LoginPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("auth.loginTitle")}</h1>
      <p className="mt-2 text-gray-700">{t("auth.loginIntro")}</p>
      <SignInError error={actionData?.error} />
      <Form method="post" className="mt-4">
        <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="username"
          required
          defaultValue={actionData?.values.email ?? ""}
          errors={actionData?.fieldErrors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t("auth.password")}
          autoComplete="current-password"
          required
          errors={actionData?.fieldErrors.password}
        />
        <div className="mt-6">
          <SubmitButton>{t("auth.submit")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export const headers: Route.HeadersFunction = forwardHeaders;
