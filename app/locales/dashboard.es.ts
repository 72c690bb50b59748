import type { Messages } from "./en.ts";

// Textos del panel (la página de inicio, "/") y de sus gráficos (español).
export const dashboardEs: Messages["dashboard"] = {
  title: "Panorama",
};
