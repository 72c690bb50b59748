import fs from "node:fs";
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// The second time zone's pass of `npm test` (scripts/test.js runs the whole suite with
// TZ=America/Mexico_City, then these files again with TZ=Asia/Tokyo): the files whose code turns
// a calendar day or an instant into text, SQL, a number of days or a month, or back, and so could
// depend on the process's own zone. A new test of such code belongs here too. Left out on
// purpose: files that only use Date.now() for unique names, deadlines or expiry arithmetic (users,
// sessions, rate limits, backups, the export queue), and those whose days are incidental to what
// they test (item scope, catalogue forms, notes).
export const dateTestFiles = [
  // The date module and its neighbours: parsing, formatting, the tracker's zone, SQL parameters.
  "app/utils/dates.test.ts",
  "app/utils/sql-dates.server.test.ts",
  "app/utils/env.server.test.ts",
  "app/utils/i18n.test.ts",
  "app/utils/page-cache.server.test.ts",
  "app/routes/recommendations/detail.test.ts",
  // As-of views, what changed, the over-time chart, the 90-day clock.
  "app/modules/recommendations/as-of.server.test.ts",
  "app/modules/recommendations/changes.server.test.ts",
  "app/modules/recommendations/over-time-history.server.test.ts",
  "app/modules/recommendations/overview.server.test.ts",
  "app/modules/recommendations/list.server.test.ts",
  "app/modules/recommendations/list-query.test.ts",
  // Reports for a day, in every format.
  "app/modules/reports/report-data.server.test.ts",
  "app/modules/reports/past-report.server.test.ts",
  // The archived copy a report for a day shows, and a change approved later counted as a
  // correction of that day.
  "app/modules/archive/report-archive.server.test.ts",
  "app/modules/review/review.server.test.ts",
  "app/modules/reports/report-query.test.ts",
  "app/modules/reports/report-preview.server.test.ts",
  "app/modules/reports/export.server.test.ts",
  "app/modules/reports/json.server.test.ts",
  "app/modules/reports/csv.server.test.ts",
  "app/modules/reports/xlsx.server.test.ts",
  "app/modules/reports/pdf.server.test.ts",
  // Days of status changes and evidence, the timeline, due and verification dates.
  "app/modules/tracking/status-change.server.test.ts",
  "app/modules/tracking/timeline.server.test.ts",
  "app/modules/tracking/tracking-fields.server.test.ts",
  "app/modules/tracking/evidence.server.test.ts",
  "app/modules/tracking/page.server.test.ts",
  // Dates read from files (XLSX cells, GAO's dates) and written back by an export.
  "app/modules/import/dates.test.ts",
  "app/modules/import/parse.server.test.ts",
  "app/modules/import/plan.server.test.ts",
  "app/modules/import/commit.server.test.ts",
  "app/modules/import/gao.server.test.ts",
  "app/modules/import/gao-import.server.test.ts",
  "app/modules/import/catalogue-update.server.test.ts",
  "app/modules/import/import-page.server.test.ts",
  "app/modules/import/round-trip.server.test.ts",
  // The audit log's day filters and its dates as values.
  "app/modules/audit/audit-query.server.test.ts",
  "app/modules/audit/audit-values.test.ts",
  "app/modules/catalogue/audit-page.server.test.ts",
  // Published dates; archiving times read through the raw SQL pool.
  "app/modules/catalogue/sources.server.test.ts",
  "app/modules/catalogue/admin-queries.server.test.ts",
  // Digest periods (a day, a Monday-to-Sunday week) in the tracker's zone.
  "app/modules/follow/periods.test.ts",
  // The shipped catalogue's days.
  "prisma/seed.test.ts",
];

// A file renamed or removed would otherwise drop out of the pass without a word.
const missing = dateTestFiles.filter((file) => !fs.existsSync(new URL(file, import.meta.url)));
if (missing.length > 0) {
  throw new Error(
    `vitest.dates.config.ts lists test files that do not exist: ${missing.join(", ")}`,
  );
}

// Not mergeConfig: it would add these to the base's include instead of replacing it.
export default defineConfig({ ...base, test: { ...base.test, include: dateTestFiles } });
