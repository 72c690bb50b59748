import type { Messages } from "./en.ts";

// Textos de las páginas «qué cambió» e informes (español).
export const reviewEs: Messages["review"] = {
  nav: {
    changes: "Qué cambió",
    reports: "Informes",
  },
};
