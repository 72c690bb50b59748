import type { Route } from "./+types/import-template";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { templateCsv, templateXlsx } from "#app/modules/import/template.server.ts";
import { getLocale } from "#app/utils/i18n.server.ts";

// The import template in the reader's language: /admin/import/template.csv and .xlsx.
const types = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  const format = new URL(request.url).pathname.endsWith(".xlsx") ? "xlsx" : "csv";
  const locale = await getLocale(request);
  const bytes = format === "xlsx" ? await templateXlsx(locale) : await templateCsv(locale);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": types[format],
      "Content-Disposition": `attachment; filename="import-template-${locale}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
