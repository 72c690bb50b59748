// The authorization matrix's vocabulary: who visits, and what they should get.
export type Who = "anonymous" | "viewer" | "editor" | "admin" | "disabled";
/** "login" = redirected to the login page; a number = that HTTP status. */
export type Outcome = number | "login";
export type Row = {
  /** The route's path pattern as in app/routes.ts, e.g. "/recommendations/:id". */
  pattern: string;
  method: "GET" | "POST";
  /** A concrete URL for the pattern. */
  url: string;
  body?: Record<string, string>;
} & Record<Who, Outcome>;

export const all = (outcome: Outcome) => ({
  anonymous: outcome,
  viewer: outcome,
  editor: outcome,
  admin: outcome,
  disabled: outcome,
});
/** Any logged-in, enabled user. */
export const staff = (outcome: Outcome) => ({
  anonymous: "login" as const,
  disabled: "login" as const,
  viewer: outcome,
  editor: outcome,
  admin: outcome,
});
export const editors = (outcome: Outcome) => ({
  anonymous: "login" as const,
  disabled: "login" as const,
  viewer: 403,
  editor: outcome,
  admin: outcome,
});
export const adminOnly = (outcome: Outcome) => ({
  anonymous: "login" as const,
  disabled: "login" as const,
  viewer: 403,
  editor: 403,
  admin: outcome,
});
