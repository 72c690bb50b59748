// Textos de la aprobación antes de publicar (español). Mismas claves que sign-off.en.ts.
import type { Messages } from "./en.ts";

export const signOffEs: Messages["signOff"] = {
  nav: { queue: "Revisión", queueCount: "Revisión ({count} pendientes)" },
  setting: {
    title: "Aprobación antes de publicar",
    label:
      "Los cambios de estado, las notas públicas y la evidencia de los editores esperan la aprobación de otra persona del equipo, en todas las recomendaciones",
    hint: "También puede exigirse solo para una fuente, en el formulario de la fuente. Los cambios de los administradores se publican directamente.",
    save: "Guardar la configuración de aprobación",
    savedOn:
      "Ahora se exige aprobación para los cambios de los editores en todas las recomendaciones.",
    savedOff:
      "Ya no se exige aprobación en todo el rastreador (las fuentes que la exigen la siguen exigiendo).",
  },
  saved: {
    submitted: "Enviado a revisión. No será público hasta que otra persona del equipo lo apruebe.",
    approved: "Aprobado: el cambio ya es público.",
    returned: "Devuelto a su autor con su motivo.",
    amended: "Enviado de nuevo a revisión.",
    withdrawn: "Su cambio fue retirado.",
  },
  item: {
    heading: "Cambios pendientes de revisión",
    intro: "Solo el equipo los ve. No son públicos ni cambian el estado hasta que se aprueben.",
  },
  state: { awaiting: "Pendiente de revisión", returned: "Devuelto" },
  kind: { status: "Cambio de estado", note: "Nota pública", evidence: "Evidencia" },
  submittedBy: "Enviado por {name} el {date}",
  returnedBy: "Devuelto por {name} el {date}. Motivo: {reason}",
  someone: "alguien",
  newStatus: "Nuevo estado: {status}",
  occurredOn: "Fecha del cambio: {date}",
  evidence: "Evidencia:",
  existingEvidence: "{count} evidencia(s) ya registrada(s)",
  documentedOn: "Documentada el {date}",
  approve: "Aprobar y publicar",
  sendBack: "Devolver",
  reason: "Motivo de la devolución",
  reasonHint: "Indique qué debe cambiar el autor. El autor lo verá.",
  withdraw: "Retirar",
  amend: "Corregir y enviar de nuevo a revisión",
  amendTitle: "Corregir su cambio",
  ownChange: "Usted envió este cambio: otra persona del equipo lo revisa.",
  awaitingConflict:
    "Ya hay otro cambio de esta recomendación pendiente de revisión. El suyo no se guardó; lo que escribió sigue en el formulario. Vuelva a intentarlo cuando ese cambio se apruebe o se devuelva.",
  queue: {
    title: "Cola de revisión",
    intro:
      "Cambios de los editores pendientes de aprobación, del más antiguo al más reciente, y cambios devueltos a sus autores.",
    empty: "No hay nada pendiente de revisión.",
    item: "Recomendación",
  },
  approvedBy: "Aprobado por {name} el {date}",
  reasonLabel: "Motivo",
  changeLabel: "Cambio",
  errors: {
    internalNote: "Solo las notas públicas esperan revisión.",
    notAwaiting: "Este cambio fue devuelto: no está pendiente de revisión.",
    alreadyReturned: "Este cambio ya fue devuelto.",
    evidenceNeeded:
      "Este estado necesita al menos una evidencia. Retire este cambio y envíelo de nuevo con evidencia.",
    noteEditReviewed:
      "En esta recomendación las notas públicas esperan revisión: una nota pública editada no puede publicarse directamente. Manténgala interna o añada el texto como una nota pública nueva.",
  },
};
