// UI strings of the what-changed page and the reports page (English).
// Wired into en.ts as `review`; review.es.ts must have the same keys.
export const reviewEn = {
  nav: {
    changes: "What changed",
    reports: "Reports",
  },
};
