// UI strings of the exports' refusals (English): too many builds at once, too many from one
// address. Wired into en.ts as `exports`; exports.es.ts must have the same keys.
export const exportsEn = {
  busyTitle: "Reports are busy",
  busy: "Many reports are being prepared right now. Try again in {seconds} seconds.",
  limitedTitle: "Too many reports",
  limited:
    "This address has asked for many reports in a short time. Try again in {minutes} minutes, or log in.",
  back: "Back to reports",
} as const;
