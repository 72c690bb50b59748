import type { Route } from "./+types/audit-csv";
import { auditCsvResponse } from "#app/modules/audit/audit-csv.server.ts";
import { parseAuditQuery } from "#app/modules/audit/audit-query.server.ts";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { badRequest } from "#app/utils/http.server.ts";
import { getLocale } from "#app/utils/i18n.server.ts";

/**
 * /admin/audit.csv: every event the audit page's filters (its query) select, as CSV, streamed.
 * Administrators only; a bad filter is a 400 naming it.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  let query;
  try {
    query = parseAuditQuery(new URL(request.url).searchParams);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const [field, messages] = Object.entries(error.fieldErrors)[0] ?? ["", []];
    throw badRequest(field, messages.join(" "));
  }
  return auditCsvResponse(query, await getLocale(request));
}
