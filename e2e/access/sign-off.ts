import { editors, type Row } from "./types.ts";

// Sign-off: the review queue and its count are for staff who may review (editors and admins);
// a post with an unknown form is a 400 naming the field, and changes nothing.
export const signOffRows: Row[] = [
  { pattern: "/review", method: "GET", url: "/review", ...editors(200) },
  {
    pattern: "/review",
    method: "POST",
    url: "/review",
    body: { intent: "nothing" },
    ...editors(400),
  },
  { pattern: "/review/count", method: "GET", url: "/review/count", ...editors(200) },
];
