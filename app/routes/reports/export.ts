import { redirect } from "react-router";
import type { Route } from "./+types/export";
import { getUser, requireReader } from "#app/modules/auth/auth.server.ts";
import { exportResponse } from "#app/modules/reports/export.server.ts";
import { hasParamErrors } from "#app/modules/recommendations/filters.ts";
import { formatFromPath, parseReportQuery } from "#app/modules/reports/report-query.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { notFoundUnless } from "#app/utils/http.server.ts";

/**
 * /reports/export.{csv,json,xlsx,pdf}: the status report in the format the path ends with. What
 * it holds depends on who asks (staff see notes and who recorded changes). A bad parameter sends
 * the reader back to the reports page, which shows the error next to its field.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireReader(context, request);
  const url = new URL(request.url);
  const format = notFoundUnless(formatFromPath(url.pathname));
  const { query, errors } = parseReportQuery(url.searchParams, {
    defaultLanguage: await getLocale(request),
  });
  if (hasParamErrors(errors)) throw redirect(`/reports${url.search}`, 303);
  return exportResponse(
    {
      ...query,
      audience: getUser(context) ? "staff" : "public",
      origin: url.origin,
      generatedAt: new Date(),
    },
    format,
  );
}
