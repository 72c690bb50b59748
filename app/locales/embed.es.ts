// Textos de los embebidos (/embed/*) y de la sección "Copiar el código para insertar" (español).
import type { embedEn } from "./embed.en.ts";

export const embedEs: typeof embedEn = {
  card: {
    status: "Estado",
    official: "Estado oficial",
    lastChange: "Último cambio",
    open: "Verla en el {app} (se abre en una pestaña nueva)",
    openList: "Ver estos elementos en el {app} (se abre en una pestaña nueva)",
    counts: "Elementos por estado",
    total: "{count} elementos en total",
    source: "Fuente {code}",
    goal: "Meta {code}",
    notFound: "No encontrado: este elemento no es público o se ha archivado.",
  },
  badge: {
    label: "{ref}: {status}",
    progress: "{done} de {total} implementadas",
  },
  copy: {
    heading: "Insertar en otro sitio",
    intro: "Pegue este código en una página web para mostrar allí este estado; se mantiene al día.",
    card: "Tarjeta (iframe)",
    badge: "Insignia (imagen)",
    button: "Copiar",
    buttonLabel: "Copiar el código: {what}",
    copied: "Copiado",
    refused: "No se pudo copiar: seleccione el código y cópielo usted.",
    frameTitle: "{title}: estado en el {app}",
  },
};
