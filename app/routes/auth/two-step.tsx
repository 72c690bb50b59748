import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/two-step";
import { SignInError } from "#app/components/sign-in-error.tsx";
import { FormMessage, SubmitButton, TextField } from "#app/components/ui/field.tsx";
import { getUser } from "#app/modules/auth/auth.server.ts";
import {
  clearTwoStepCookie,
  readTwoStepToken,
  serializeSessionCookie,
} from "#app/modules/auth/cookie.server.ts";
import { readDeviceCookie } from "#app/modules/auth/device-cookie.server.ts";
import { TwoStepSignInSchema } from "#app/modules/auth/schemas.ts";
import { completeSignIn, findChallenge } from "#app/modules/auth/two-step.server.ts";
import { noFieldErrors, parseForm } from "#app/utils/forms.ts";
import { FIELD_ERRORS_STATUS, safeRedirectPath } from "#app/utils/http.server.ts";
import { isLocale, translator, useT } from "#app/utils/i18n.ts";
import { getLocale, localeCookie } from "#app/utils/i18n.server.ts";
import { forwardHeaders } from "#app/utils/headers.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";
import { readForm } from "#app/utils/upload.server.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/");
  if (getUser(context)) throw redirect(redirectTo);
  const pending = await findChallenge(readTwoStepToken(request));
  const t = translator(await getLocale(request));
  return {
    redirectTo,
    expired: !pending,
    pageTitle: t("twoStep.signIn.title"),
    appName: t("app.name"),
  };
}

type ErrorKey =
  "twoStep.signIn.invalid" | "twoStep.signIn.expired" | "auth.rateLimited" | "limits.loginMinutes";

export async function action({ request, context }: Route.ActionArgs) {
  // Someone signed in already has nothing to complete here.
  if (getUser(context)) throw redirect("/");
  const form = await readForm(request);
  const parsed = parseForm(TwoStepSignInSchema, form, { omitFromValues: ["code"] });
  if (!parsed.success) {
    return data({ error: null, fieldErrors: parsed.fieldErrors }, { status: FIELD_ERRORS_STATUS });
  }
  const result = await completeSignIn({
    challenge: readTwoStepToken(request),
    code: parsed.data.code,
    ip: context.get(clientIpContext),
    device: readDeviceCookie(request),
  });
  if (!result.ok) {
    const error = (key: ErrorKey, seconds = 0) => ({
      error: { key, seconds },
      fieldErrors: noFieldErrors,
    });
    if (result.code === "rate_limited") {
      const key = result.retryAfter > 120 ? "limits.loginMinutes" : "auth.rateLimited";
      return data(error(key, result.retryAfter), {
        status: 429,
        headers: { "Retry-After": String(result.retryAfter) },
      });
    }
    if (result.code === "expired") {
      return data(error("twoStep.signIn.expired"), {
        status: 400,
        headers: { "Set-Cookie": clearTwoStepCookie() },
      });
    }
    return data(error("twoStep.signIn.invalid"), { status: 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", serializeSessionCookie(result.token, result.expiresAt));
  headers.append("Set-Cookie", clearTwoStepCookie());
  if (result.deviceCookie) headers.append("Set-Cookie", result.deviceCookie);
  if (isLocale(result.user.locale)) {
    headers.append("Set-Cookie", await localeCookie.serialize(result.user.locale));
  }
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/"), { headers });
}

export default function TwoStepSignInPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const expired = loaderData.expired || actionData?.error?.key === "twoStep.signIn.expired";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("twoStep.signIn.title")}</h1>
      {expired ? (
        <>
          <FormMessage kind="error">{t("twoStep.signIn.expired")}</FormMessage>
          <p className="mt-4">
            <Link
              to={`/login?${new URLSearchParams({ redirectTo: loaderData.redirectTo })}`}
              className="font-semibold text-brand underline"
            >
              {t("twoStep.signIn.startAgain")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-2 text-gray-700">{t("twoStep.signIn.intro")}</p>
          <SignInError error={actionData?.error} />
          <Form method="post" className="mt-4">
            <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
            <TextField
              name="code"
              label={t("twoStep.signIn.code")}
              hint={t("twoStep.signIn.codeHint")}
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellCheck={false}
              required
              errors={actionData?.fieldErrors.code}
            />
            <div className="mt-6">
              <SubmitButton>{t("twoStep.signIn.submit")}</SubmitButton>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export const headers: Route.HeadersFunction = forwardHeaders;
