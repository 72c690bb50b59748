// UI strings of the what-changed page and the reports page (English).
// Wired into en.ts as `review`; review.es.ts must have the same keys.
export const reviewEn = {
  nav: {
    changes: "What changed",
    reports: "Reports",
  },
  filtersInWords: "Filters: {filters}",
  items: {
    one: "{count} item",
    other: "{count} items",
  },
  noFilters: "All recommendations (no filter).",
  changes: {
    reportOfView: "Make a status report of these items as of the period's end, with its changes",
    title: "What changed",
    intro:
      "Every change of status and of official status between two dates, grouped by source, and how many items moved from each status to each other.",
    from: "Compare with the state on",
    fromHint:
      "The changes after this day are listed. Leave empty for the last day of the last quarter ({date}).",
    to: "Up to and including",
    toHint: "Leave empty for today.",
    show: "Show changes",
    period: "Changes dated after {from}, up to and including {to}.",
    defaultPeriod: "This quarter so far, compared with the end of the last one.",
    errors: {
      date: "Enter a real date as YYYY-MM-DD, from 0001-01-01 to 9999-12-31. The page shows the default period instead.",
      future: "The date cannot be in the future. The page shows the default period instead.",
      order:
        "This date must be on or before the end of the period. The page shows the default period instead.",
    },
    moves: {
      title: "Counts that moved",
      summary: "{items} on {to}. Changed status since {from}: {changed}. New in the period: {new}.",
      none: "No recommendation matches these filters on {date}.",
      statusTitle: "Status",
      officialTitle: "Official status",
      officialIntro: "The status published by the issuer (such as GAO), where there is one.",
      noMoves: "No item moved between these statuses in the period.",
      move: "{from} → {to}",
      matrixCaption: "Items by status on {from} (rows) and on {to} (columns)",
      officialMatrixCaption: "Items by official status on {from} (rows) and on {to} (columns)",
      new: "New in the period",
      newHelp: "Not yet in the catalogue on {date} (its source was published later).",
      none_: "None published",
      total: "Total",
      listLink: "{count} items with status “{status}” on {date}: open the list",
    },
    list: {
      title: "Every change in the period",
      counts: "Status changes: {status}. Official-status changes: {official}.",
      none: "No status or official status changed in this period.",
      more: "Showing the newest {shown} of {total} changes; {more} more are not listed here. The XLSX report lists every change of the period in its History sheet.",
      moreLink: "Prepare that report",
      sourceHeading: "{code}: {title}",
      statusChange: "Status",
      officialChange: "Official status",
      fromTo: "{from} → {to}",
    },
  },
  reports: {
    title: "Reports",
    intro:
      "Choose the recommendations, the date and the language of a status report, preview its counts, then download it in the format you need.",
    asOf: "Status as of",
    asOfHint: "Leave empty for today. A past date rebuilds each item's status on that day.",
    lang: "Language of the report",
    langNames: {
      en: "English",
      es: "Español",
    },
    from: "History from",
    fromHint:
      "Start of the period whose changes the XLSX History sheet lists. Leave empty for the start of the quarter ({date}).",
    preview: "Preview",
    errors: {
      lang: "Choose English or Español. The language of this page is used instead.",
      fromDate:
        "Enter a real date as YYYY-MM-DD, from 0001-01-01 to 9999-12-31. The start of the as-of date's quarter is used instead.",
      fromAfterAsOf:
        "The history must start on or before the as-of date. The start of that date's quarter is used instead.",
    },
    downloads: {
      title: "Download the report",
      intro:
        "Each button downloads the report for the choices above, also without a preview. Large reports take a few seconds to prepare.",
      preparing: "Preparing the {format}…",
      received: "Preparing the {format}… {size} received",
      done: "The {format} is ready: {name} ({size}).",
      failed:
        "The {format} could not be downloaded: the connection failed. Check it and try again.",
      error: "The {format} could not be prepared (error {status}). Try again later.",
      formats: {
        pdf: "A status report to send as it is: to a congressional office, a ministry or a funder. Title page, summary and charts, then one block per item with its last change and evidence.",
        xlsx: "A workbook for analysts and partners who sort and filter: a Summary sheet, one row per item, and the History of status changes in the period.",
        csv: "One row per item, for another database or a mail merge; opens in any spreadsheet program.",
        json: "For developers and data partners: the same data in a documented, versioned structure.",
      },
      schema: "JSON Schema",
    },
    previewTitle: "Preview",
    previewAsOf: "Where the recommendations stood on {date}.",
    previewToday: "Where the recommendations stand today ({date}).",
    previewLanguage: "Report language: {language}.",
    previewHistory: "History sheet: changes dated from {from} to {to}.",
    noItems: "No recommendation matches these filters on this date: the report would be empty.",
    byStatus: "By status",
    bySource: "By source",
    openList: "See these items in the list",
    statusBarLabel: "Items by status",
  },
};
