import { all, type Row } from "./types.ts";

// The review pages and the status reports: public reading (PUBLIC_READ is on in e2e), with
// content that depends on who asks (tested in e2e/reports.spec.ts and the export tests).
export const reviewRows: Row[] = [
  { pattern: "/changes", method: "GET", url: "/changes", ...all(200) },
  { pattern: "/reports", method: "GET", url: "/reports", ...all(200) },
  ...(["csv", "json", "xlsx", "pdf"] as const).map((format): Row => ({
    pattern: `/reports/export.${format}`,
    method: "GET",
    url: `/reports/export.${format}?source=GAO-16-223`,
    ...all(200),
  })),
  { pattern: "/reports/schema.json", method: "GET", url: "/reports/schema.json", ...all(200) },
];
