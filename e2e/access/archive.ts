// Archived evidence: a copy, asking for one again, and the admin's link-health list.
import { adminOnly, all, editors, type Row } from "./types.ts";

export const archiveRows: Row[] = [
  { pattern: "/archive/:copyId", method: "GET", url: "/archive/no-such-copy", ...all(404) },
  {
    pattern: "/archive/links/:linkId/again",
    method: "GET",
    url: "/archive/links/no-such-link/again",
    ...all(404),
  },
  {
    pattern: "/archive/links/:linkId/again",
    method: "POST",
    url: "/archive/links/no-such-link/again",
    body: { returnTo: "/" },
    ...editors(404),
  },
  { pattern: "/admin/link-health", method: "GET", url: "/admin/link-health", ...adminOnly(200) },
];
