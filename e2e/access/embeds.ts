// Embeds other sites show (cards and badges): anyone, signed in or not, while PUBLIC_READ is on
// (the e2e server's default); an unknown key is a plain 404 for everyone.
import { all, type Row } from "./types.ts";

const ID = "gao-21-322-atf-data";

export const embedRows: Row[] = [
  {
    pattern: "/embed/recommendations/:key",
    method: "GET",
    url: `/embed/recommendations/${ID}`,
    ...all(200),
  },
  {
    pattern: "/embed/recommendations/:key",
    method: "GET",
    url: "/embed/recommendations/no-such-item",
    ...all(404),
  },
  {
    pattern: "/embed/recommendations/:key/badge.svg",
    method: "GET",
    url: `/embed/recommendations/${ID}/badge.svg`,
    ...all(200),
  },
  { pattern: "/embed/sources/:key", method: "GET", url: "/embed/sources/GAO-21-322", ...all(200) },
  {
    pattern: "/embed/sources/:key/badge.svg",
    method: "GET",
    url: "/embed/sources/GAO-21-322/badge.svg",
    ...all(200),
  },
  { pattern: "/embed/goals/:key", method: "GET", url: "/embed/goals/1", ...all(200) },
  {
    pattern: "/embed/goals/:key/badge.svg",
    method: "GET",
    url: "/embed/goals/no-such-goal/badge.svg",
    ...all(404),
  },
];
