import { escapeAttribute, escapeText } from "entities";
import { redirect } from "react-router";
import type { Route } from "./+types/export";
import { getUser, requireReader } from "#app/modules/auth/auth.server.ts";
import { exportGate } from "#app/modules/auth/rate-limit.server.ts";
import { ExportsBusy } from "#app/modules/reports/export-pool.server.ts";
import { exportHeaders, exportResponse } from "#app/modules/reports/export.server.ts";
import { hasParamErrors } from "#app/modules/recommendations/filters.ts";
import { formatFromPath, parseReportQuery } from "#app/modules/reports/report-query.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { translator, type Locale } from "#app/utils/i18n.ts";
import { notFoundUnless } from "#app/utils/http.server.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";

/**
 * /reports/export.{csv,json,xlsx,pdf}: the status report in the format the path ends with. What
 * it holds depends on who asks (staff see notes and who recorded changes). A bad parameter sends
 * the reader back to the reports page, which shows the error next to its field. Anonymous
 * readers are limited per address (429); when every export thread is busy and the queue is full,
 * the answer is 503 (both with Retry-After, as a page in the reader's language).
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireReader(context, request);
  const url = new URL(request.url);
  const format = notFoundUnless(formatFromPath(url.pathname));
  const locale = await getLocale(request);
  const { query, errors } = parseReportQuery(url.searchParams, { defaultLanguage: locale });
  if (hasParamErrors(errors)) throw redirect(`/reports${url.search}`, 303);
  const staff = Boolean(getUser(context));
  const reportRequest = {
    ...query,
    audience: staff ? ("staff" as const) : ("public" as const),
    origin: url.origin,
    generatedAt: new Date(),
  };
  // HEAD (a link checker) gets the headers only: React Router drops a HEAD response's body
  // without cancelling it, so a build started for it would never be read, and one too large to
  // keep would hold its thread for good.
  if (request.method === "HEAD") {
    return new Response(null, { headers: exportHeaders(reportRequest, format) });
  }
  if (!staff) {
    const gate = await exportGate(context.get(clientIpContext));
    if (!gate.ok) {
      return refusalPage(locale, 429, gate.retryAfter, url.search, (t) => [
        t("exports.limitedTitle"),
        t("exports.limited", { minutes: String(Math.ceil(gate.retryAfter / 60)) }),
      ]);
    }
  }
  try {
    return await exportResponse(reportRequest, format);
  } catch (error) {
    if (!(error instanceof ExportsBusy)) throw error;
    return refusalPage(locale, 503, error.retryAfter, url.search, (t) => [
      t("exports.busyTitle"),
      t("exports.busy", { seconds: String(error.retryAfter) }),
    ]);
  }
}

/**
 * A small page of its own: a resource route's thrown errors become JSON, not the app's error
 * page, and a download link's refusal should still read as a page.
 */
function refusalPage(
  locale: Locale,
  status: 429 | 503,
  retryAfter: number,
  search: string,
  words: (t: ReturnType<typeof translator>) => [string, string],
): Response {
  const t = translator(locale);
  const [title, message] = words(t);
  const html = `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(`${title} – ${t("app.name")}`)}</title></head>
<body><main><h1>${escapeText(title)}</h1><p>${escapeText(message)}</p>
<p><a href="${escapeAttribute(`/reports${search}`)}">${escapeText(t("exports.back"))}</a></p></main></body></html>
`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Language": locale,
      "Retry-After": String(retryAfter),
      "Cache-Control": "no-store",
    },
  });
}
