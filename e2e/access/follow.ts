// Following by e-mail (mail is on in e2e): the Follow form's target and the mailed links are
// open to anyone (a link's token is its key; an unknown one is a 404); what a signed-in person
// follows needs the session.
import { all, type Row } from "./types.ts";

const TOKEN = "a".repeat(32);

export const followRows: Row[] = [
  { pattern: "/follow", method: "GET", url: "/follow", ...all(200) },
  // An empty form: refused field by field.
  { pattern: "/follow", method: "POST", url: "/follow", body: {}, ...all(422) },
  {
    pattern: "/follow/confirm/:token",
    method: "GET",
    url: `/follow/confirm/${TOKEN}`,
    ...all(404),
  },
  // The page's "Confirm" button posts here; an unknown token confirms nothing.
  {
    pattern: "/follow/confirm/:token",
    method: "POST",
    url: `/follow/confirm/${TOKEN}`,
    body: {},
    ...all(404),
  },
  {
    pattern: "/following",
    method: "GET",
    url: "/following",
    anonymous: "login",
    disabled: "login",
    viewer: 200,
    editor: 200,
    admin: 200,
  },
  // An unknown form is a 400 for anyone signed in.
  {
    pattern: "/following",
    method: "POST",
    url: "/following",
    body: { intent: "nothing" },
    anonymous: "login",
    disabled: "login",
    viewer: 400,
    editor: 400,
    admin: 400,
  },
  { pattern: "/following/:token", method: "GET", url: `/following/${TOKEN}`, ...all(404) },
  {
    pattern: "/following/:token",
    method: "POST",
    url: `/following/${TOKEN}`,
    body: { intent: "unsubscribe" },
    ...all(404),
  },
  { pattern: "/unsubscribe/:token", method: "GET", url: `/unsubscribe/${TOKEN}`, ...all(404) },
  {
    pattern: "/unsubscribe/:token",
    method: "POST",
    url: `/unsubscribe/${TOKEN}`,
    body: { "List-Unsubscribe": "One-Click" },
    ...all(404),
  },
];
