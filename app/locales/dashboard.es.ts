import type { Messages } from "./en.ts";

// Textos del panel (la página de inicio, "/") y de sus gráficos (español).
export const dashboardEs: Messages["dashboard"] = {
  // Como el enlace «Resumen» de la navegación, que lleva aquí.
  title: "Resumen",
  summary: {
    line: "{items} de {sources}",
    itemsOne: "{count} recomendación",
    itemsOther: "{count} recomendaciones",
    sourcesOne: "{count} fuente",
    sourcesOther: "{count} fuentes",
    today: "Estado a hoy, {date}.",
    asOf: "Estado tal como estaba el {date}.",
    filteredBy: "Filtrado por",
    backToToday: "Ver el estado de hoy",
  },
  headline: {
    title: "Por estado",
    legend: "Estados, con el número de elementos en cada uno",
  },
  charts: {
    bySource: "Avance por fuente",
    byGoal: "Avance por meta del Entendimiento Bicentenario",
    byGoalNote:
      "Un elemento vinculado a un área de cooperación u objetivo conjunto cuenta una vez para su meta; uno que sirve a dos metas cuenta para cada una.",
    byGoalFiltered:
      "Solo se muestra la meta elegida en los filtros (o la meta a la que pertenece).",
    byActor: "Avance por actor responsable",
    byActorNote: "Un elemento con varios actores responsables cuenta una vez para cada uno.",
    byActorFiltered: "Solo se muestra el actor elegido en los filtros.",
    goal: "Meta {code}",
    items: "elementos",
    segment: "{name}: {status}, {count}",
    none: "Ninguna recomendación coincide con estos filtros.",
    showTable: "Ver los números en una tabla",
    columns: {
      source: "Fuente",
      goal: "Meta",
      actor: "Actor",
      month: "Fin de mes",
      total: "Total",
    },
    captions: {
      byStatus: "Elementos por estado",
      bySource: "Elementos por fuente y estado",
      byGoal: "Elementos por meta del Entendimiento y estado",
      byActor: "Elementos por actor responsable y estado",
      overTime: "Elementos por estado al final de cada mes",
    },
  },
  overTime: {
    title: "Estado en los últimos 24 meses",
    note: "Elementos por estado al final de cada mes, reconstruidos a partir del historial registrado; la última columna es hoy.",
    label:
      "Columnas apiladas: elementos por estado al final de cada mes, de {from} a {to}. Los números están en la tabla «{caption}».",
    today: "hoy",
  },
  recent: {
    title: "Qué cambió en los últimos 30 días",
    titleAsOf: "Qué cambió en los 30 días hasta el {date}",
    none: "Ningún estado cambió en estos 30 días.",
    countOne: "1 cambio de estado.",
    countAll: "{count} cambios de estado.",
    countSome: "{count} cambios de estado; los {shown} más recientes:",
    change: "{from} → {to}",
    seeAll: "Ver todo lo que cambió",
  },
  stale: {
    title: "Pendientes de revisión",
    textOne: "El estado de 1 elemento se revisó alguna vez, pero no en los últimos 90 días.",
    textOther:
      "El estado de {count} elementos se revisó alguna vez, pero no en los últimos 90 días.",
    none: "Ninguna revisión está atrasada: todo elemento revisado se revisó en los últimos 90 días.",
    link: "Verlos",
    neverOne: "El estado de 1 elemento nunca se ha revisado.",
    neverOther: "El estado de {count} elementos nunca se ha revisado.",
    neverLink: "Ver los elementos nunca revisados",
  },
  reportOfView: "Hacer un informe de estado de esta vista (PDF, XLSX, CSV, JSON)",
  viewAll: "Ver estas recomendaciones en la lista ({count})",
};
