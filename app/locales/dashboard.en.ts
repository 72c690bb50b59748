// UI strings of the dashboard (the overview page, "/") and its charts (English). Wired into
// en.ts as `dashboard`; dashboard.es.ts must have the same keys.
export const dashboardEn = {
  title: "Overview",
};
