import type { Messages } from "./en.ts";

// Cadenas de la interfaz del endurecimiento del dominio (español). Mismas claves que
// hardening-domain.en.ts.
export const hardeningDomainEs: Messages["hardeningDomain"] = {
  archivedItem:
    "Esta recomendación está archivada y no se puede modificar. Un administrador puede restaurarla primero.",
  audit: {
    unknownPerson: "Alguien sin sesión iniciada",
  },
  auditCsv: {
    download: "Descargar CSV",
    downloadHelp: "Todos los cambios que seleccionan estos filtros, no solo esta página",
    columns: {
      at: "Cuándo (UTC)",
      who: "Quién",
      whoEmail: "Su correo",
      action: "Acción",
      actionCode: "Código de la acción",
      recordKind: "Tipo de registro",
      record: "Registro",
      recordId: "Id del registro",
      changes: "Cambios",
      before: "Registrado antes (JSON)",
      after: "Registrado después (JSON)",
    },
  },
};
