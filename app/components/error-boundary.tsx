import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { isLocale, type Locale, type MessageKey, useLocale, useT } from "#app/utils/i18n.ts";
import { translateValidation } from "#app/utils/validation-i18n.ts";
import type { ErrorPayload } from "#app/utils/http.server.ts";
import { useRequestId } from "#app/utils/request-id.ts";

/**
 * The one error view of the app: 404, 403, 400 (naming the field) or a generic message.
 * Never shows a stack trace or an internal message.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const locale = useLocale();
  const requestId = useRequestId();
  let title = t("errors.serverTitle");
  let message = t("errors.server");
  const serverError = !isRouteErrorResponse(error) || error.status >= 500;
  if (isRouteErrorResponse(error)) {
    const payload = (
      typeof error.data === "object" && error.data ? error.data : {}
    ) as ErrorPayload;
    if (error.status === 404) {
      title = t("errors.notFoundTitle");
      message = t("errors.notFound");
    } else if (error.status === 403) {
      title = t("errors.forbiddenTitle");
      message = t("errors.forbidden");
    } else if (error.status >= 400 && error.status < 500) {
      // 409: the request was fine, the thing's state refuses it (an archived item).
      title = error.status === 409 ? t("errors.conflictTitle") : t("errors.badRequestTitle");
      // Messages are locale keys or the domain's own sentences, shown in the reader's language.
      const detail = !payload.message
        ? ""
        : payload.params
          ? t(payload.message as MessageKey, payload.params)
          : translateValidation(locale, t, payload.message);
      message = payload.field
        ? `${t("errors.invalidField", { field: payload.field })} ${detail}`.trim()
        : detail || title;
    }
  }
  // Server-side errors are logged once, with their request, by handleError (entry.server.tsx).
  return (
    <section className="mx-auto max-w-2xl py-12" aria-labelledby="error-title">
      <h1 id="error-title" className="text-2xl font-bold">
        {title}
      </h1>
      <p className="mt-4 text-gray-700">{message}</p>
      {serverError && (
        // The id exists only where the page was rendered (the server); the browser keeps that text.
        <p className="mt-4 text-gray-700" data-testid="error-reference" suppressHydrationWarning>
          {requestId ? `${t("http.reference", { id: requestId })} ${t("http.referenceHelp")}` : ""}
        </p>
      )}
      <p className="mt-6">
        <Link to="/">{t("errors.goHome")}</Link>
      </p>
    </section>
  );
}

/** The reader's language as an error response carries it (see ErrorPayload), if it does. */
export function errorLocale(error: unknown): Locale | undefined {
  if (!isRouteErrorResponse(error) || typeof error.data !== "object" || !error.data) return;
  const { locale } = error.data as ErrorPayload;
  return isLocale(locale) ? locale : undefined;
}
