// Strings written inside the exported reports (PDF, XLSX, CSV headers), in the report's own
// language (English). Wired into en.ts as `reportFile`; report-file.es.ts has the same keys.
export const reportFileEn = {
  title: "Status report",
};
