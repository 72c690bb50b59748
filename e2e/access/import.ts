import { adminOnly, type Row } from "./types.ts";

// The import page (issue 11): administrators only. A post without a known intent is refused as a
// 400 and writes nothing; an import that does not exist is a 404 page.
export const importRows: Row[] = [
  { pattern: "/admin/import", method: "GET", url: "/admin/import", ...adminOnly(200) },
  {
    pattern: "/admin/import",
    method: "POST",
    url: "/admin/import",
    body: { intent: "nothing" },
    ...adminOnly(400),
  },
  ...(["csv", "xlsx"] as const).map((format): Row => ({
    pattern: `/admin/import/template.${format}`,
    method: "GET",
    url: `/admin/import/template.${format}`,
    ...adminOnly(200),
  })),
  {
    pattern: "/admin/import/:id",
    method: "GET",
    url: "/admin/import/no-such-import",
    ...adminOnly(404),
  },
];
