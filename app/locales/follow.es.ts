import type { Messages } from "./en.ts";

// Textos del seguimiento por correo y del correo de las cuentas (invitaciones, restablecimientos).
export const followEs: Messages["follow"] = {
  nav: "Seguimiento",
  kinds: {
    item: "Recomendación",
    source: "Fuente",
    goal: "Objetivo",
    actor: "Actor responsable",
    filter: "Lista filtrada",
  },
  frequency: { daily: "Diario", weekly: "Semanal" },
  frequencyWords: { daily: "cada día", weekly: "cada semana" },
  form: {
    heading: "Seguir por correo",
    intro:
      "Reciba un resumen de lo que cambió en {what}: cambios de estado, nuevas pruebas y notas públicas. No se envía nada en un periodo sin cambios.",
    what: {
      item: "esta recomendación",
      source: "la fuente {code}",
      goal: "el objetivo {code}",
      actor: "las recomendaciones de {name}",
      filter: "esta lista filtrada",
    },
    frequency: "Frecuencia",
    language: "Idioma del correo",
    email: "Su dirección de correo",
    emailHint: "Enviamos un enlace para confirmarla; no se envía nada más antes de abrirlo.",
    signedInNote: "Los resúmenes van a la dirección de su cuenta.",
    submit: "Seguir",
    sending: "Enviando…",
  },
  result: {
    checkInbox:
      "Revise su correo: enviamos un mensaje a {email}. Abra su enlace para confirmar; no se envía nada antes.",
    following: "Ya sigue esto. Los resúmenes van a la dirección de su cuenta.",
    manage: "Ver lo que sigue",
    rateLimited:
      "Demasiadas solicitudes para esta dirección o desde su red. Vuelva a intentarlo en {minutes} minutos.",
    mailFailed: "No se pudo enviar el mensaje ahora. Vuelva a intentarlo en unos minutos.",
  },
  errors: {
    kind: "Elija qué seguir.",
    target: "No se puede seguir: no existe o no es público.",
    emptyFilter: "Elija al menos un filtro antes de seguir la lista.",
    frequency: "Elija diario o semanal.",
    locale: "Elija inglés o español.",
    email: "Escriba una dirección de correo válida.",
  },
  page: {
    title: "Seguir por correo",
    intro:
      "Siga una recomendación, una fuente, un objetivo, un actor responsable o una lista filtrada desde su página: busque «Seguir por correo».",
    back: "Volver a la página en la que estaba",
    off: "El seguimiento por correo no está disponible: este sistema no envía correo.",
  },
  confirm: {
    title: "Confirme para seguir",
    intro: "Confirme que esta dirección debe recibir resúmenes de lo que sigue en el {app}.",
    button: "Confirmar",
    what: "Se pidió seguir {what}, con un resumen {frequency}.",
    invalidTitle: "Este enlace no funciona",
    invalid:
      "El enlace es desconocido o ha caducado (un enlace de confirmación sirve 7 días). Vuelva a seguir desde la página para recibir uno nuevo.",
    done: "Su dirección está confirmada. Los resúmenes llegarán según lo elegido abajo.",
  },
  manage: {
    title: "Lo que sigue",
    intro: "Los resúmenes se envían a {email}.",
    pending: "Esta dirección aún no está confirmada: abra el enlace del mensaje de confirmación.",
    none: "Ahora no sigue nada.",
    caption: "Lo que sigue, con la frecuencia de cada resumen",
    columns: { what: "Qué", kind: "Tipo", frequency: "Frecuencia", actions: "Acciones" },
    frequencyFor: "Frecuencia para {what}",
    saveFrequency: "Guardar",
    saveFrequencyFor: "Guardar la frecuencia para {what}",
    remove: "Dejar de seguir",
    removeLabel: "Dejar de seguir {what}",
    languageTitle: "Idioma del correo",
    saveLanguage: "Guardar el idioma",
    unsubscribeTitle: "Dejarlo todo",
    unsubscribeHint: "Quita todo lo que sigue: no se envían más resúmenes a esta dirección.",
    unsubscribeAll: "Darse de baja de todo",
    saved: "Guardado.",
    removed: "Ya no sigue {what}.",
    unsubscribed: "Se ha dado de baja: no se enviarán más resúmenes a esta dirección.",
    notFound: "Eso no está entre lo que sigue (¿ya se quitó?).",
    signedInIntro: "Lo que sigue con su cuenta. Los resúmenes van a {email}.",
  },
  unsubscribe: {
    title: "Darse de baja",
    intro: "¿Dejar de enviar todos los resúmenes a {email}?",
    button: "Darse de baja",
    done: "Se ha dado de baja. No se enviarán más resúmenes a esta dirección.",
    manage: "Gestionar lo que sigue en su lugar",
  },
  mail: {
    confirmSubject: "Confirme para seguir {what} – {app}",
    confirmIntro:
      "Alguien (esperamos que usted) pidió seguir {what} en el {app}, con un resumen {frequency}.",
    confirmAction: "Para confirmar, abra este enlace (sirve 7 días):",
    ignore: "Si no lo pidió, ignore este mensaje: no se enviará nada más.",
    inviteSubject: "Su invitación al {app}",
    inviteIntro: "{name} le invita al {app} con el rol {role}.",
    inviteAction:
      "Abra este enlace en los próximos 7 días para elegir su contraseña (sirve una vez):",
    resetSubject: "Elija una nueva contraseña en el {app}",
    resetIntro: "{name} emitió un enlace para que elija una nueva contraseña en el {app}.",
    resetAction: "Abra este enlace en las próximas 24 horas (sirve una vez):",
    accountIgnore: "Si no esperaba este mensaje, ignórelo.",
  },
  admin: {
    mailOn:
      "El correo está activado (desde {from}): se envían invitaciones, restablecimientos y resúmenes.",
    mailOff:
      "El correo está desactivado: configure SMTP_URL y MAIL_FROM para enviar invitaciones, restablecimientos y resúmenes.",
    mailed: "También se envió por correo a {email}.",
    notMailed: "No se envió por correo: envíe el enlace usted.",
  },
};
