// UI strings of the catalogue administration and the audit log (English). Wired into en.ts as
// `catalogue`; catalogue.es.ts must have the same keys.
export const catalogueEn = {
  title: "Catalogue",
} as const;
