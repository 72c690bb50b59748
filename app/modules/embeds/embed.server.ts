// What other sites embed: a small HTML card and an SVG badge for an item, a source or a goal.
// They are plain responses (no script, no hydration, no cookie), in the language the embedding
// page asks for (?lang=es|en, English by default), framable from any site, and cached briefly by
// anyone (the status changes seldom, and the page embedding them may be read by many).
import { createHash } from "node:crypto";
import { Prisma } from "#app/generated/prisma/client.ts";
import type { OfficialStatus, Status } from "#app/generated/prisma/enums.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import {
  defaultLocale,
  formatDayOf,
  isLocale,
  type Locale,
  localizedReference,
  localizedTitle,
  translator,
} from "#app/utils/i18n.ts";
import { statusPalette } from "#app/utils/status-palette.ts";

export const embedKinds = ["recommendations", "sources", "goals"] as const;
export type EmbedKind = (typeof embedKinds)[number];

const statuses = Object.keys(statusPalette) as Status[];

/** The policy of every embed: nothing runs, only its own styles, and any site may frame it. */
export const EMBED_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

/** The language the embedding page asked for: ?lang=es or ?lang=en, else English. */
export function embedLocale(request: Request): Locale {
  const lang = new URL(request.url).searchParams.get("lang");
  return isLocale(lang) ? lang : defaultLocale;
}

type ItemView = {
  kind: "recommendations";
  id: string;
  reference: string;
  title: string;
  status: Status;
  statusOfficial: OfficialStatus | null;
  lastChange: Date;
};
type GroupView = {
  kind: "sources" | "goals";
  code: string;
  title: string;
  counts: Record<Status, number>;
  total: number;
  lastChange: Date | null;
};
export type EmbedView = ItemView | GroupView;

async function loadItem(id: string, locale: Locale): Promise<ItemView | null> {
  const item = await prisma.recommendation.findFirst({
    where: { id, archivedAt: null, source: { archivedAt: null } },
    select: {
      id: true,
      reference: true,
      referenceEs: true,
      title: true,
      titleEs: true,
      status: true,
      statusOfficial: true,
      lastActivityAt: true,
    },
  });
  if (!item) return null;
  return {
    kind: "recommendations",
    id: item.id,
    reference: localizedReference(locale, item),
    title: localizedTitle(locale, item),
    status: item.status,
    statusOfficial: item.statusOfficial,
    lastChange: item.lastActivityAt,
  };
}

type CountRow = { status: Status; count: bigint; last: Date | null };

function tally(rows: CountRow[]) {
  const counts = Object.fromEntries(statuses.map((status) => [status, 0])) as Record<
    Status,
    number
  >;
  let last: Date | null = null;
  for (const row of rows) {
    counts[row.status] = Number(row.count);
    if (row.last && (!last || row.last > last)) last = row.last;
  }
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0), lastChange: last };
}

async function loadSource(code: string, locale: Locale): Promise<GroupView | null> {
  const source = await prisma.source.findFirst({
    where: { code: { equals: code, mode: "insensitive" }, archivedAt: null },
    select: { id: true, code: true, title: true, titleEs: true },
  });
  if (!source) return null;
  const rows = await prisma.$queryRaw<CountRow[]>`
    SELECT status, count(*) AS count, max("lastActivityAt") AS last FROM "Recommendation"
    WHERE "sourceId" = ${source.id} AND "archivedAt" IS NULL GROUP BY status`;
  return {
    kind: "sources",
    code: source.code,
    title: localizedTitle(locale, source),
    ...tally(rows),
  };
}

async function loadGoal(code: string, locale: Locale): Promise<GroupView | null> {
  const goal = await prisma.goal.findFirst({
    where: { code: { equals: code, mode: "insensitive" }, archivedAt: null },
    select: { id: true, code: true, title: true, titleEs: true },
  });
  if (!goal) return null;
  // The goal and every goal below it, as the overview's goal filter counts them.
  const rows = await prisma.$queryRaw<CountRow[]>`
    WITH RECURSIVE tree AS (
      SELECT id FROM "Goal" WHERE id = ${goal.id}
      UNION
      SELECT g.id FROM "Goal" g JOIN tree ON g."parentId" = tree.id
    )
    SELECT r.status, count(*) AS count, max(r."lastActivityAt") AS last
    FROM "Recommendation" r JOIN "Source" s ON s.id = r."sourceId"
    WHERE r."archivedAt" IS NULL AND s."archivedAt" IS NULL AND r.id IN (
      SELECT gr."B" FROM "_GoalToRecommendation" gr JOIN tree ON tree.id = gr."A")
    GROUP BY r.status`;
  return { kind: "goals", code: goal.code, title: localizedTitle(locale, goal), ...tally(rows) };
}

/** What the embed shows; null when it is missing, archived, or the catalogue is not public. */
export async function loadEmbed(
  kind: EmbedKind,
  key: string,
  locale: Locale,
): Promise<EmbedView | null> {
  // Embeds are for anonymous readers: with PUBLIC_READ off there is nothing they may see.
  if (!getEnv().PUBLIC_READ) return null;
  // A key no record can have (too long, control characters) is simply not found.
  // eslint-disable-next-line no-control-regex
  if (key.length > 200 || /[\u0000-\u001f\u007f]/.test(key)) return null;
  try {
    if (kind === "recommendations") return await loadItem(key, locale);
    if (kind === "sources") return await loadSource(key, locale);
    return await loadGoal(key, locale);
  } catch (error) {
    // Text PostgreSQL refuses (e.g. invalid UTF-8 sequences) names nothing: not found.
    if (error instanceof Prisma.PrismaClientKnownRequestError) return null;
    throw error;
  }
}

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapes[c]!);
}

/**
 * Where the embed leads back to on the tracker. The tracker's pages speak the reader's own
 * language (their cookie or browser), so the link carries no language of its own.
 */
export function backLink(view: EmbedView, origin: string): string {
  if (view.kind === "recommendations") {
    return `${origin}/recommendations/${encodeURIComponent(view.id)}`;
  }
  const param = view.kind === "sources" ? "source" : "goal";
  const path = view.kind === "sources" ? "/recommendations" : "/";
  return `${origin}${path}?${param}=${encodeURIComponent(view.code)}`;
}

function statusLabel(status: Status, locale: Locale) {
  const palette = statusPalette[status];
  return `<span class="status" style="background:${palette.bg};color:${palette.fg}">${escapeXml(
    translator(locale)(`status.${status}`),
  )}</span>`;
}

/** The card: a small HTML page of its own, with inline styles and no script. */
export function renderCard(view: EmbedView, origin: string, locale: Locale): string {
  const t = translator(locale);
  const app = t("app.name");
  const href = escapeXml(backLink(view, origin));
  const rows: string[] = [];
  let heading: string;
  let title: string;
  if (view.kind === "recommendations") {
    heading = view.reference;
    title = view.title;
    rows.push(
      `<dt>${escapeXml(t("embed.card.status"))}</dt><dd>${statusLabel(view.status, locale)}</dd>`,
    );
    if (view.statusOfficial) {
      rows.push(
        `<dt>${escapeXml(t("embed.card.official"))}</dt><dd>${escapeXml(
          t(`officialStatus.${view.statusOfficial}`),
        )}</dd>`,
      );
    }
  } else {
    heading = t(view.kind === "sources" ? "embed.card.source" : "embed.card.goal", {
      code: view.code,
    });
    title = view.title;
  }
  if (view.lastChange) {
    rows.push(
      `<dt>${escapeXml(t("embed.card.lastChange"))}</dt><dd>${escapeXml(
        formatDayOf(locale, view.lastChange),
      )}</dd>`,
    );
  }
  const counts =
    view.kind === "recommendations"
      ? ""
      : `<h2>${escapeXml(t("embed.card.counts"))}</h2><ul class="counts">${statuses
          .filter((status) => view.counts[status] > 0)
          .map((status) => `<li>${statusLabel(status, locale)} <b>${view.counts[status]}</b></li>`)
          .join("")}</ul><p>${escapeXml(t("embed.card.total", { count: view.total }))}</p>`;
  const linkText = t(view.kind === "recommendations" ? "embed.card.open" : "embed.card.openList", {
    app,
  });
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeXml(`${heading} – ${app}`)}</title>
<style>
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#fff}
main{border:1px solid #d1d5db;border-radius:8px;padding:12px;max-width:36rem}
h1{font-size:1rem;margin:0 0 4px}
h2{font-size:.875rem;margin:8px 0 4px}
p{margin:4px 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:8px 0}
dt{color:#374151}
dd{margin:0}
.status{display:inline-block;border-radius:4px;padding:0 6px;font-weight:600}
.counts{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:4px 12px}
a{color:#1d4ed8}
footer{margin-top:8px;font-size:.8125rem;color:#374151}
</style>
</head>
<body>
<main>
<h1>${escapeXml(heading)}</h1>
<p>${escapeXml(title)}</p>
<dl>${rows.join("")}</dl>
${counts}
<footer><a href="${href}" target="_blank" rel="noopener">${escapeXml(linkText)}</a></footer>
</main>
</body>
</html>
`;
}

/** The page or image answered for what cannot be shown: a 404 without any detail. */
export function renderNotFoundCard(locale: Locale): string {
  const t = translator(locale);
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeXml(t("app.name"))}</title></head>
<body><main><p>${escapeXml(t("embed.card.notFound"))}</p></main></body></html>
`;
}

// Widths of text in the badge's 11 px Verdana-like font, estimated per character class: close
// enough for a label that must not be cut, without a font file on the server.
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/[il.,:;|!' ]/.test(char)) width += 3.5;
    else if (/[mwMW]/.test(char)) width += 10;
    else if (/[A-Z0-9#–-]/.test(char)) width += 7.5;
    else width += 6.5;
  }
  return Math.ceil(width);
}

/** The badge: "<ref> | <status>", like shields.io's, readable by screen readers. */
export function renderBadge(view: EmbedView | null, locale: Locale): string {
  const t = translator(locale);
  let left: string;
  let right: string;
  let colour: { bg: string; fg: string };
  if (!view) {
    left = t("app.name");
    right = "404";
    colour = { bg: "#e5e7eb", fg: "#111827" };
  } else if (view.kind === "recommendations") {
    left = view.reference;
    right = t(`status.${view.status}`);
    colour = statusPalette[view.status];
  } else {
    left = view.code;
    right = t("embed.badge.progress", { done: view.counts.implemented, total: view.total });
    colour =
      view.total > 0 && view.counts.implemented === view.total
        ? statusPalette.implemented
        : statusPalette.in_progress;
  }
  const label = t("embed.badge.label", { ref: left, status: right });
  const leftWidth = textWidth(left) + 12;
  const rightWidth = textWidth(right) + 12;
  const width = leftWidth + rightWidth;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20" role="img" aria-label="${escapeXml(label)}">
<title>${escapeXml(label)}</title>
<rect width="${leftWidth}" height="20" rx="3" fill="#374151"/>
<rect x="${leftWidth}" width="${rightWidth}" height="20" rx="3" fill="${colour.bg}"/>
<g font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle" aria-hidden="true">
<text x="${leftWidth / 2}" y="14" fill="#ffffff">${escapeXml(left)}</text>
<text x="${leftWidth + rightWidth / 2}" y="14" fill="${colour.fg}">${escapeXml(right)}</text>
</g>
</svg>
`;
}

/**
 * The embed's response: its own policy (framable anywhere), a short public cache and an ETag,
 * answering 304 when the embedding page already has this version.
 */
export function embedResponse(
  request: Request,
  body: string,
  type: string,
  status = 200,
): Response {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = new Headers({
    "Content-Type": type,
    "Content-Security-Policy": EMBED_CSP,
    "Cache-Control": status === 200 ? "public, max-age=300" : "public, max-age=60",
    // Other sites' pages load it: no referrer of ours needed, and no language from cookies.
    Vary: "Accept-Encoding",
  });
  if (status === 200) {
    headers.set("ETag", etag);
    const match = request.headers.get("If-None-Match");
    if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
      return new Response(null, { status: 304, headers });
    }
  }
  return new Response(request.method === "HEAD" ? null : body, { status, headers });
}

export function embedKindOf(request: Request): EmbedKind {
  const segment = new URL(request.url).pathname.split("/")[2];
  return embedKinds.find((kind) => kind === segment) ?? "recommendations";
}
