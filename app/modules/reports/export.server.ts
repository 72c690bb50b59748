// One export as an HTTP response: the summary is read first (so that a database failure is an
// ordinary error page), then the chosen format streams the items into the body, written in a
// worker thread or copied from a kept export (export-pool.server.ts).
import { translator } from "#app/utils/i18n.ts";
import { exportBody } from "./export-pool.server.ts";
import { reportSummary, type ReportRequest } from "./report-data.server.ts";
import type { ReportFormat } from "./report-query.ts";

const contentTypes: Record<ReportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

const safe = (value: string) =>
  value
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");

/**
 * What the file is, in its name: `status-report_2026-09-30_GAO-21-322.pdf` (the report's stem
 * in its language, the as-of day, then the filters' values, or `all`). ASCII only.
 */
export function reportFileName(request: ReportRequest, format: ReportFormat): string {
  const t = translator(request.language);
  const filters = Object.values(request.filters)
    .map((value) => safe(String(value)))
    .filter(Boolean);
  const scope =
    filters.length > 0
      ? filters
          .join("_")
          .slice(0, 80)
          .replace(/[-._]+$/, "")
      : "all";
  return `${t("reportFile.fileStem")}_${request.asOfDay}_${scope}.${format}`;
}

/** An export's headers; its length when it is known (a kept copy). */
export function exportHeaders(
  request: ReportRequest,
  format: ReportFormat,
  length: number | null = null,
): Record<string, string> {
  const fileName = reportFileName(request, format);
  return {
    ...(length === null ? {} : { "Content-Length": String(length) }),
    "Content-Type": contentTypes[format],
    "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "Cache-Control": "private, no-store",
    Vary: "Cookie",
    "X-Content-Type-Options": "nosniff",
  };
}

export async function exportResponse(
  request: ReportRequest,
  format: ReportFormat,
): Promise<Response> {
  const { body, length } = await exportBody(request, format, () => reportSummary(request));
  return new Response(body, { headers: exportHeaders(request, format, length) });
}
