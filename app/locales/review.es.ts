import type { Messages } from "./en.ts";

// Textos de las páginas «qué cambió» e informes (español).
export const reviewEs: Messages["review"] = {
  nav: {
    changes: "Qué cambió",
    reports: "Informes",
  },
  filtersInWords: "Filtros: {filters}",
  items: {
    one: "{count} recomendación",
    other: "{count} recomendaciones",
  },
  noFilters: "Todas las recomendaciones (sin filtro).",
  changes: {
    reportOfView:
      "Hacer un informe de estado de estos elementos al final del periodo, con sus cambios",
    title: "Qué cambió",
    intro:
      "Cada cambio de estado y de estado oficial entre dos fechas, agrupado por fuente, y cuántas recomendaciones pasaron de cada estado a otro.",
    from: "Comparar con el estado al",
    fromHint:
      "Se enumeran los cambios posteriores a este día. Déjelo vacío para el último día del trimestre anterior ({date}).",
    to: "Hasta el día (incluido)",
    toHint: "Déjelo vacío para hoy.",
    show: "Mostrar cambios",
    period: "Cambios con fecha posterior al {from} y hasta el {to}, incluido.",
    defaultPeriod: "Lo que va de este trimestre, comparado con el cierre del anterior.",
    errors: {
      date: "Escriba una fecha real como AAAA-MM-DD, entre 0001-01-01 y 9999-12-31. La página muestra el periodo predeterminado.",
      future: "La fecha no puede ser futura. La página muestra el periodo predeterminado.",
      order:
        "Esta fecha debe ser anterior o igual al final del periodo. La página muestra el periodo predeterminado.",
    },
    moves: {
      title: "Cuántas cambiaron de estado",
      summary:
        "{items} al {to}. Cambiaron de estado desde el {from}: {changed}. Nuevas en el periodo: {new}.",
      none: "Ninguna recomendación coincide con estos filtros al {date}.",
      statusTitle: "Estado",
      officialTitle: "Estado oficial",
      officialIntro: "El estado que publica el emisor (como la GAO), cuando lo hay.",
      noMoves: "Ninguna recomendación cambió entre estos estados en el periodo.",
      move: "{from} → {to}",
      matrixCaption: "Recomendaciones por estado al {from} (filas) y al {to} (columnas)",
      officialMatrixCaption:
        "Recomendaciones por estado oficial al {from} (filas) y al {to} (columnas)",
      new: "Nuevas en el periodo",
      newHelp: "Aún no estaban en el catálogo el {date} (su fuente se publicó después).",
      none_: "Sin publicar",
      total: "Total",
      listLink: "{count} recomendaciones con estado «{status}» al {date}: abrir la lista",
    },
    list: {
      title: "Todos los cambios del periodo",
      counts: "Cambios de estado: {status}. Cambios de estado oficial: {official}.",
      none: "Ningún estado ni estado oficial cambió en este periodo.",
      more: "Se muestran los {shown} cambios más recientes de {total}; otros {more} no aparecen aquí. El informe XLSX enumera todos los cambios del periodo en su hoja Historial.",
      moreLink: "Preparar ese informe",
      sourceHeading: "{code}: {title}",
      statusChange: "Estado",
      officialChange: "Estado oficial",
      fromTo: "{from} → {to}",
    },
  },
  reports: {
    title: "Informes",
    intro:
      "Elija las recomendaciones, la fecha y el idioma de un informe de estado, revise sus cifras y descárguelo en el formato que necesite.",
    asOf: "Estado al",
    asOfHint:
      "Déjelo vacío para hoy. Una fecha pasada reconstruye el estado de cada recomendación ese día.",
    lang: "Idioma del informe",
    langNames: {
      en: "English",
      es: "Español",
    },
    from: "Historial desde",
    fromHint:
      "Inicio del periodo cuyos cambios enumera la hoja Historial del XLSX. Déjelo vacío para el inicio del trimestre ({date}).",
    preview: "Vista previa",
    errors: {
      lang: "Elija English o Español. Se usa el idioma de esta página.",
      fromDate:
        "Escriba una fecha real como AAAA-MM-DD, entre 0001-01-01 y 9999-12-31. Se usa el inicio del trimestre de la fecha del estado.",
      fromAfterAsOf:
        "El historial debe empezar antes o el mismo día de la fecha del estado. Se usa el inicio del trimestre de esa fecha.",
    },
    downloads: {
      title: "Descargar el informe",
      intro:
        "Cada botón descarga el informe con las opciones de arriba, también sin vista previa. Los informes grandes tardan unos segundos en prepararse.",
      preparing: "Preparando el {format}…",
      received: "Preparando el {format}… {size} recibidos",
      done: "El {format} está listo: {name} ({size}).",
      failed:
        "No se pudo descargar el {format}: falló la conexión. Compruébela y vuelva a intentarlo.",
      error: "No se pudo preparar el {format} (error {status}). Vuelva a intentarlo más tarde.",
      formats: {
        pdf: "Un informe de estado para enviar tal cual: a una oficina del Congreso, una secretaría o un financiador. Portada, resumen y gráficos, y un bloque por recomendación con su último cambio y su evidencia.",
        xlsx: "Un libro para analistas y socios que ordenan y filtran: una hoja Resumen, una fila por recomendación y el Historial de cambios de estado del periodo.",
        csv: "Una fila por recomendación, para otra base de datos o una combinación de correspondencia; se abre en cualquier hoja de cálculo.",
        json: "Para desarrolladores y socios de datos: los mismos datos en una estructura documentada y versionada.",
      },
      schema: "Esquema JSON",
    },
    previewTitle: "Vista previa",
    previewAsOf: "Dónde estaban las recomendaciones el {date}.",
    previewToday: "Dónde están hoy las recomendaciones ({date}).",
    previewLanguage: "Idioma del informe: {language}.",
    previewHistory: "Hoja Historial: cambios con fecha del {from} al {to}.",
    noItems:
      "Ninguna recomendación coincide con estos filtros en esta fecha: el informe estaría vacío.",
    byStatus: "Por estado",
    bySource: "Por fuente",
    openList: "Ver estas recomendaciones en la lista",
    statusBarLabel: "Recomendaciones por estado",
  },
};
