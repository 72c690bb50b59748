// The Atom feed of changes: public like the what-changed page it follows; a bad filter is a 400.
import { all, type Row } from "./types.ts";

export const feedRows: Row[] = [
  { pattern: "/changes.atom", method: "GET", url: "/changes.atom?source=GAO-21-322", ...all(200) },
];
