// Textos de los canales Atom de cambios (/changes.atom) y de los enlaces a ellos (español).
// Enlazado en es.ts como `feed`; las claves son las de feed.en.ts.
import type { Messages } from "./en.ts";

export const feedEs: Messages["feed"] = {
  title: "Cambios · {app}",
  titleFiltered: "Cambios ({filters}) · {app}",
  subtitle:
    "Cambios de estado y de estado oficial de las recomendaciones del seguimiento, los más recientes primero.",
  entryTitle: "{reference}: {from} → {to}",
  statusEntry: "El estado cambió el {date} de {from} a {to}.",
  officialEntry: "El estado oficial cambió al {date} de {from} a {to}.",
  item: "Recomendación",
  link: "Canal Atom",
  linkTitle: "Canal Atom de estos cambios",
  linkItem: "Canal Atom de los cambios de esta recomendación",
  linkHint: "Siga estos cambios en un lector de canales.",
  badParameter:
    "El parámetro «{field}» no es válido: vea los filtros de la lista para los valores que admite.",
  itemNotFound: "No existe esa recomendación: revise la dirección del canal.",
};
