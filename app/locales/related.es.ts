// Textos de las recomendaciones relacionadas (issue 18, punto 5): la sección y el formulario de
// la página de cada recomendación, el filtro de la lista, la columna de los informes. Enlazado en
// es.ts como `related`; las claves son las de related.en.ts.
import type { Messages } from "./en.ts";

export const relatedEs: Messages["related"] = {
  heading: "Recomendaciones relacionadas",
  intro:
    "Recomendaciones de esta u otras fuentes que piden lo mismo, le dan seguimiento, la sustituyen o forman parte de ella.",
  none: "Sin recomendaciones relacionadas.",
  archived: "archivada",
  types: {
    same_ask: { outgoing: "pide lo mismo que", incoming: "pide lo mismo que" },
    follows_up: { outgoing: "da seguimiento a", incoming: "tiene seguimiento en" },
    supersedes: { outgoing: "sustituye a", incoming: "sustituida por" },
    part_of: { outgoing: "forma parte de", incoming: "incluye" },
  },
  typeNames: {
    same_ask: "Pide lo mismo",
    follows_up: "Da seguimiento",
    supersedes: "Sustituye",
    part_of: "Forma parte",
  },
  importedReason: "Vinculadas por la importación de {file}.",
  typeLabel: "Relación",
  otherLabel: "Recomendación relacionada",
  sourceLabel: "Fuente",
  statusLabel: "Estado",
  reasonLabel: "Motivo",
  form: {
    title: "Vincular una recomendación relacionada",
    type: "Esta recomendación",
    chooseType: "Elija…",
    other: "Otra recomendación",
    otherHint:
      "Su referencia tal como la muestra su página (como GAO-21-322 (information sharing)), el código de su fuente y su referencia, o su ID.",
    reason: "Motivo",
    reasonHint:
      "Por qué están relacionadas, en una frase (500 caracteres como máximo). Si una fuente lo dice, cítela o diga dónde.",
    submit: "Vincular",
    remove: "Quitar",
    removeLabel: "Quitar el vínculo con {reference}",
  },
  saved: {
    added: "Las recomendaciones quedaron vinculadas.",
    removed: "Se quitó el vínculo.",
  },
  errors: {
    type: "Elija cómo se relacionan: piden lo mismo, da seguimiento, sustituye o forma parte.",
    otherRequired: "Falta la otra recomendación: indique su referencia o su ID.",
    otherUnknown:
      "Ninguna recomendación del catálogo tiene esta referencia o ID (las archivadas no se pueden vincular).",
    otherAmbiguous:
      "Varias recomendaciones tienen esta referencia: anteponga el código de la fuente.",
    self: "Una recomendación no puede estar relacionada consigo misma: elija otra.",
    duplicate: "Estas dos recomendaciones ya están vinculadas de esta forma.",
    reasonRequired: "Falta el motivo: diga en una frase por qué están relacionadas.",
    reasonTooLong: "El motivo debe tener 500 caracteres como máximo.",
    gone: "Este vínculo ya se había quitado.",
  },
  filter: {
    label: "Recomendaciones relacionadas",
    yes: "Con recomendaciones relacionadas",
    no: "Sin recomendaciones relacionadas",
  },
};
