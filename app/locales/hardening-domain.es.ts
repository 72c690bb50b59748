import type { Messages } from "./en.ts";

// Cadenas de la interfaz del endurecimiento del dominio (español). Mismas claves que
// hardening-domain.en.ts.
export const hardeningDomainEs: Messages["hardeningDomain"] = {
  archivedItem:
    "Esta recomendación está archivada y no se puede modificar. Un administrador puede restaurarla primero.",
  audit: {
    unknownPerson: "Alguien sin sesión iniciada",
  },
};
