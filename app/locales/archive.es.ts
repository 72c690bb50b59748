// Textos de las copias archivadas de la evidencia (español). Mismas claves que archive.en.ts.
import type { Messages } from "./en.ts";

export const archiveEs: Messages["archive"] = {
  line: {
    copy: "Copia archivada, {date} · SHA-256 {hash}…",
    pending: "Aún no archivada: esperando el primer intento.",
    notYet: "Aún no archivada: {reason}.",
    changed: "Cambió desde que se archivó (detectado el {date}).",
    unreachable: "Inaccesible desde el {date}.",
    again: "Archivar de nuevo",
    requested:
      "Se pidió archivar: la copia aparecerá aquí en cuanto se haya podido acceder al sitio.",
  },
  reasons: {
    bad_url: "la dirección no es una dirección web (http o https)",
    refused_address: "la dirección no es un sitio público",
    unreachable: "no se pudo acceder al sitio",
    timeout: "el sitio no respondió a tiempo",
    too_large: "el archivo pesa más de 25 MB",
    type_not_kept:
      "este tipo de archivo no se guarda (solo páginas web, PDF, texto, imágenes y documentos de oficina)",
    too_many_redirects: "el sitio redirigió demasiadas veces",
    http_error: "el sitio respondió con un error",
  },
  health: {
    title: "Estado de los enlaces",
    nav: "Estado de los enlaces",
    intro:
      "Enlaces de evidencia y documentos de fuentes que aún no tienen copia archivada, que cambiaron desde que se archivaron o a los que no se puede acceder. Cada enlace se revisa de nuevo cada semana.",
    none: "Todos los enlaces están archivados y eran accesibles en su última revisión.",
    link: "Enlace",
    state: "Estado",
    lastChecked: "Última revisión",
    belongsTo: "Pertenece a",
    never: "nunca",
    source: "Fuente {code}",
  },
  report: {
    archivedOn: "Evidencia más reciente archivada el",
    sha256: "SHA-256 del archivo de la evidencia más reciente",
    pdfLabel: "Copia archivada",
    pdfLine: "Archivada el {date} · SHA-256 {hash}…",
  },
  copy: {
    notFound: "No hay ninguna copia archivada en esta dirección.",
  },
};
