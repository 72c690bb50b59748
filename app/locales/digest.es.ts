// Textos de los resúmenes por correo y de «Mi cola» (español). Enlazado en es.ts como `digest`;
// las claves son las de digest.en.ts.
import type { Messages } from "./en.ts";

export const digestEs: Messages["digest"] = {
  subjectChanges: "Resumen de {app}: {count} cambios, {period}",
  subjectOneChange: "Resumen de {app}: 1 cambio, {period}",
  subjectQueue: "Resumen de {app}: {count} por revisar, {period}",
  headingDaily: "Su resumen diario",
  headingWeekly: "Su resumen semanal",
  introDaily: "Lo que cambió el {period} en lo que usted sigue.",
  introWeekly: "Lo que cambió en la semana del {period} en lo que usted sigue.",
  noChanges: "Nada de lo que usted sigue cambió en este periodo.",
  status: "Estado: {from} → {to}",
  official: "Estado oficial: {from} → {to}",
  evidence: "Nueva evidencia: {title}",
  evidenceDocumented: "Nueva evidencia: {title} (documenta el {date})",
  note: "Nota pública: {excerpt}",
  by: "por {name}",
  openItem: "Abrir {reference}",
  times: "Los días están en la zona horaria del seguimiento ({zone}).",
  footerWhy: "Recibe este correo porque sigue recomendaciones de {app} por correo electrónico.",
  manage: "Administrar lo que sigue",
  unsubscribe: "Cancelar todos los resúmenes",
  queueHeading: "Mi cola: por revisar",
  queueIntro:
    "Recomendaciones que usted sigue que nunca se revisaron, se revisaron hace más de 90 días o pasaron su fecha límite.",
  queueMore: "Y {count} más.",
  queueOpen: "Abrir Mi cola",
  page: {
    title: "Mi cola",
    intro:
      "Las recomendaciones que usted sigue (directamente, o por una fuente, meta, actor o lista) que toca revisar: nunca revisadas, revisadas hace más de 90 días o con la fecha límite vencida y aún abiertas. La revisión más antigua va primero.",
    empty: "Nada de lo que usted sigue está pendiente de revisión.",
    notFollowing:
      "Aún no sigue nada: siga recomendaciones, fuentes, metas, actores o una lista filtrada para llenar su cola.",
    count: "{count} recomendaciones por revisar",
    item: "Recomendación",
    status: "Estado",
    lastChecked: "Última revisión",
    dueDate: "Fecha límite",
    why: "Motivo",
    never: "Nunca",
  },
  reasons: {
    never: "Nunca revisada",
    overdue: "Sin revisar en 90 días",
    pastDue: "Fecha límite vencida",
  },
  nav: "Mi cola",
};
