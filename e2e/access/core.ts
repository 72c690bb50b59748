import { adminOnly, all, editors, staff, type Row } from "./types.ts";

// Catalogue, tracking, accounts and the site's own routes.
export const coreRows: Row[] = [
  { pattern: "/", method: "GET", url: "/", ...all(200) },
  { pattern: "/recommendations", method: "GET", url: "/recommendations", ...all(200) },
  {
    pattern: "/recommendations/:id",
    method: "GET",
    url: "/recommendations/gao-21-322-atf-data",
    ...all(200),
  },
  // Any form of the page: an unknown one is a 400 for editors, refused before that for others.
  {
    pattern: "/recommendations/:id",
    method: "POST",
    url: "/recommendations/gao-21-322-atf-data",
    body: { intent: "nothing" },
    ...editors(400),
  },
  { pattern: "/evidence/:id", method: "GET", url: "/evidence/no-such-evidence", ...all(404) },
  // Logged-in users are sent on from the login page.
  {
    pattern: "/login",
    method: "GET",
    url: "/login",
    anonymous: 200,
    disabled: 200,
    viewer: 302,
    editor: 302,
    admin: 302,
  },
  // Invalid input is refused; a logged-in user is sent on, as from GET.
  {
    pattern: "/login",
    method: "POST",
    url: "/login",
    body: {},
    anonymous: 422,
    disabled: 422,
    viewer: 302,
    editor: 302,
    admin: 302,
  },
  { pattern: "/logout", method: "GET", url: "/logout", ...all(302) },
  { pattern: "/logout", method: "POST", url: "/logout", ...all(302) },
  { pattern: "/invite/:token", method: "GET", url: "/invite/not-a-token", ...all(404) },
  { pattern: "/invite/:token", method: "POST", url: "/invite/not-a-token", body: {}, ...all(422) },
  { pattern: "/reset/:token", method: "GET", url: "/reset/not-a-token", ...all(404) },
  { pattern: "/reset/:token", method: "POST", url: "/reset/not-a-token", body: {}, ...all(422) },
  { pattern: "/account", method: "GET", url: "/account", ...staff(200) },
  {
    pattern: "/account",
    method: "POST",
    url: "/account",
    body: { intent: "nothing" },
    ...staff(400),
  },
  { pattern: "/admin", method: "GET", url: "/admin", ...adminOnly(302) },
  { pattern: "/admin/users", method: "GET", url: "/admin/users", ...adminOnly(200) },
  {
    pattern: "/admin/users",
    method: "POST",
    url: "/admin/users",
    body: { intent: "nothing" },
    ...adminOnly(400),
  },
  { pattern: "/language", method: "GET", url: "/language", ...all(302) },
  { pattern: "/language", method: "POST", url: "/language", body: { lang: "fr" }, ...all(400) },
  { pattern: "/healthz", method: "GET", url: "/healthz", ...all(200) },
  { pattern: "/*", method: "GET", url: "/no/such/page", ...all(404) },
  { pattern: "/*", method: "POST", url: "/no/such/page", ...all(404) },
];
