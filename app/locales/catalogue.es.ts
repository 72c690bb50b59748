import type { Messages } from "./en.ts";

// Textos de la administración del catálogo y del registro de auditoría (español).
export const catalogueEs: Messages["catalogue"] = {
  title: "Catálogo",
};
