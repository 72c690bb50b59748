import type { Messages } from "./en.ts";

// Cadenas de la interfaz del endurecimiento del dominio (español). Mismas claves que
// hardening-domain.en.ts.
export const hardeningDomainEs: Messages["hardeningDomain"] = {
  archivedItem:
    "Esta recomendación está archivada y no se puede modificar. Un administrador puede restaurarla primero.",
  audit: {
    unknownPerson: "Alguien sin sesión iniciada",
  },
  privacy: {
    showNamePublicly: "Mostrar quién soy en las páginas públicas y en los informes públicos",
    showNamePubliclyHelp:
      "Si está marcado, quienes no han iniciado sesión leen su nombre donde usted registró algo; si no, leen «{label}». El personal siempre ve su nombre.",
    publicName: "Nombre público",
    publicNameFor: "Guardar el nombre público de {name}",
    publicNameHelp:
      "Se muestra al público en lugar del nombre, salvo que la persona haya elegido mostrar el suyo. Vacío: su rol.",
    publicNameTooLong: "Use como máximo 100 caracteres.",
    savePublicName: "Guardar",
    showsOwnName: "Muestra su propio nombre",
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
