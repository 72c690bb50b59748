import type { Messages } from "./en.ts";

// Textos dentro de los informes exportados (PDF, XLSX, encabezados CSV), en español.
export const reportFileEs: Messages["reportFile"] = {
  title: "Informe de estado",
};
