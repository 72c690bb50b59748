// UI strings of the limits on password guessing (English). Wired into en.ts as `limits`;
// hardening-ops.es.ts must have the same keys.
export const limitsEn = {
  loginMinutes: "Too many failed attempts. Try again in {minutes} min.",
  passwordCheck: "Too many wrong current passwords. Try again in {minutes} min.",
};
