import { adminOnly, type Row } from "./types.ts";

// Catalogue administration and the audit log: administrators only. Posts carry an unknown form,
// which an administrator gets refused as a 400 (naming the field) and nothing changes.
export const catalogueRows: Row[] = [
  { pattern: "/admin/catalogue", method: "GET", url: "/admin/catalogue", ...adminOnly(200) },
  {
    pattern: "/admin/catalogue/:kind",
    method: "GET",
    url: "/admin/catalogue/sources",
    ...adminOnly(200),
  },
  {
    pattern: "/admin/catalogue/:kind",
    method: "POST",
    url: "/admin/catalogue/sources",
    body: { intent: "nothing" },
    ...adminOnly(400),
  },
  {
    pattern: "/admin/catalogue/:kind/:id",
    method: "GET",
    url: "/admin/catalogue/recommendations/gao-21-322-atf-data",
    ...adminOnly(200),
  },
  {
    pattern: "/admin/catalogue/:kind/:id",
    method: "POST",
    url: "/admin/catalogue/recommendations/gao-21-322-atf-data",
    body: { intent: "nothing" },
    ...adminOnly(400),
  },
  { pattern: "/admin/audit", method: "GET", url: "/admin/audit", ...adminOnly(200) },
  {
    pattern: "/admin/audit.csv",
    method: "GET",
    url: "/admin/audit.csv?entityType=User",
    ...adminOnly(200),
  },
];
