import { type RouteConfig, index, prefix, route } from "@react-router/dev/routes";

// Every route of the app, grouped by feature. e2e/authorization-matrix.spec.ts lists each of
// them with who may reach it, and fails when one is added without an entry.
export default [
  index("routes/home/overview.tsx"),
  route("recommendations", "routes/recommendations/list.tsx"),
  route("recommendations/:id", "routes/recommendations/detail.tsx"),
  route("evidence/:id", "routes/evidence/download.ts"),
  route("archive/:copyId", "routes/archive/copy.ts"),
  route("archive/links/:linkId/again", "routes/archive/again.ts"),
  route("changes", "routes/changes/changes.tsx"),
  route("changes.atom", "routes/changes/feed.ts"),
  route("reports", "routes/reports/reports.tsx"),
  // One module serves every format; each URL ends with its file's extension.
  ...(["csv", "json", "xlsx", "pdf"] as const).map((format) =>
    route(`reports/export.${format}`, "routes/reports/export.ts", {
      id: `reports-export-${format}`,
    }),
  ),
  route("reports/schema.json", "routes/reports/schema.ts"),
  route("review", "routes/review/queue.tsx"),
  route("review/count", "routes/review/count.ts"),
  route("my-queue", "routes/my-queue/my-queue.tsx"),

  route("login", "routes/auth/login.tsx"),
  route("login/two-step", "routes/auth/two-step.tsx"),
  route("logout", "routes/auth/logout.ts"),
  route("invite/:token", "routes/auth/invite.tsx"),
  route("reset/:token", "routes/auth/reset-password.tsx"),
  route("account", "routes/account/account.tsx"),
  route("account/two-step", "routes/account/two-step.tsx"),

  ...prefix("admin", [
    index("routes/admin/index.ts"),
    route("users", "routes/admin/users.tsx"),
    route("catalogue", "routes/admin/catalogue/overview.tsx"),
    route("catalogue/:kind", "routes/admin/catalogue/list.tsx"),
    route("catalogue/:kind/:id", "routes/admin/catalogue/edit.tsx"),
    route("audit", "routes/admin/audit.tsx"),
    route("audit.csv", "routes/admin/audit-csv.ts"),
    route("link-health", "routes/admin/link-health.tsx"),
    route("import", "routes/admin/import.tsx"),
    ...(["csv", "xlsx"] as const).map((format) =>
      route(`import/template.${format}`, "routes/admin/import-template.ts", {
        id: `admin-import-template-${format}`,
      }),
    ),
    route("import/:id", "routes/admin/import-detail.tsx"),
  ]),

  // Cards and badges other sites embed (an item, a source, a goal): one module each.
  ...(["recommendations", "sources", "goals"] as const).flatMap((kind) => [
    route(`embed/${kind}/:key`, "routes/embed/card.ts", { id: `embed-card-${kind}` }),
    route(`embed/${kind}/:key/badge.svg`, "routes/embed/badge.ts", { id: `embed-badge-${kind}` }),
  ]),

  // Following by e-mail: the Follow forms post to /follow; the mailed links open the others.
  route("follow", "routes/follow/follow.tsx"),
  route("follow/confirm/:token", "routes/follow/confirm.tsx"),
  route("following", "routes/follow/following.tsx"),
  route("following/:token", "routes/follow/manage.tsx"),
  route("unsubscribe/:token", "routes/follow/unsubscribe.tsx"),

  route("language", "routes/language.ts"),
  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
