// UI strings of the HTTP edge: refused bodies and parameters, and the error page's reference
// (English). Wired into en.ts as `http`; hardening-http.es.ts must have the same keys.
export const httpEn = {
  nulByte: "It contains a control character (such as a NUL byte) that is not allowed.",
  tooLarge: "The form is too large: the limit is {limit}.",
  malformed: "The form could not be read. Send it again from the page.",
  language: "Choose English (en) or Spanish (es).",
  reference: "Reference: {id}",
  referenceHelp: "Quote this reference if you report the problem.",
} as const;
