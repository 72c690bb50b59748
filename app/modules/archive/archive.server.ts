// Archived links: what is kept of each evidence link and source document URL, and how each
// stood at its last check. The fetching is safe-fetch.server.ts; the scheduling is jobs.server.ts.
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { LinkHealth } from "#app/generated/prisma/client.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { safeFetch, type FetchFailureReason, type SafeFetchOptions } from "./safe-fetch.server.ts";

/** "archive": keep a copy (the first, or a new one when the bytes changed); "check": compare. */
export type ArchiveMode = "archive" | "check";

/** Failures that another try will not mend: the job records them and does not retry. */
const PERMANENT_FAILURES = new Set<FetchFailureReason>([
  "bad_url",
  "refused_address",
  "type_not_kept",
  "too_large",
  "too_many_redirects",
]);

export class RetryableArchiveError extends Error {}

/**
 * The evidence link's archive record, made or pointed at its (new) address in the caller's
 * transaction. Returns the link's id when there is something to fetch.
 */
export async function ensureEvidenceLink(
  tx: Tx,
  evidenceId: string,
  url: string | null,
): Promise<string | null> {
  return url ? ensureLink(tx, { evidenceId }, url) : null;
}

/** As ensureEvidenceLink, for a source's document URL (none: nothing to fetch). */
export async function ensureSourceLink(sourceId: string, url: string | null) {
  if (!url) return null;
  return prisma.$transaction((tx) => ensureLink(tx, { sourceId }, url));
}

/** The link of an evidence or a source at `url`: made, or started again at a new address. */
async function ensureLink(
  tx: Tx,
  owner: { evidenceId: string } | { sourceId: string },
  url: string,
): Promise<string | null> {
  const existing = await tx.archivedLink.findUnique({
    where: owner,
    select: { id: true, url: true },
  });
  if (existing?.url === url) return null;
  const row = await tx.archivedLink.upsert({
    where: owner,
    create: { ...owner, url },
    update: resetFor(url),
    select: { id: true },
  });
  return row.id;
}

/** A link given a new address: its state starts again (its old copies stay). */
function resetFor(url: string) {
  return {
    url,
    health: "pending" as const,
    lastFailureReason: null,
    lastFailureDetail: null,
    unreachableSince: null,
    changedSince: null,
    changedSha256: null,
  };
}

/** Every link evidence and source URL without an archive record gets one (the weekly check). */
export async function ensureAllLinks() {
  await prisma.$executeRaw`
    INSERT INTO "ArchivedLink" ("id", "evidenceId", "url", "updatedAt")
    SELECT 'lnk' || md5(random()::text || e.id), e.id, e.url, now() FROM "Evidence" e
    WHERE e.kind = 'link' AND e.url IS NOT NULL AND e."archivedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "ArchivedLink" l WHERE l."evidenceId" = e.id)
    ON CONFLICT DO NOTHING`;
  await prisma.$executeRaw`
    INSERT INTO "ArchivedLink" ("id", "sourceId", "url", "updatedAt")
    SELECT 'lnk' || md5(random()::text || s.id), s.id, s.url, now() FROM "Source" s
    WHERE s.url IS NOT NULL AND s.url <> '' AND s."archivedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "ArchivedLink" l WHERE l."sourceId" = s.id)
    ON CONFLICT DO NOTHING`;
}

/** The links to re-check: those of evidence and sources still in use. */
export async function linksToCheck(): Promise<string[]> {
  const rows = await prisma.archivedLink.findMany({
    where: {
      OR: [
        { evidence: { archivedAt: null, recommendation: { archivedAt: null } } },
        { source: { archivedAt: null } },
      ],
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.id);
}

/** Links never fetched yet (a job lost while the runner was down, or never sent). */
export async function pendingLinks(): Promise<string[]> {
  const rows = await prisma.archivedLink.findMany({
    where: { health: "pending", lastCheckedAt: null },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

export type ArchiveRunResult =
  | { kind: "copied"; copyId: string }
  | { kind: "unchanged" }
  | { kind: "changed" }
  | { kind: "failed"; reason: FetchFailureReason; retry: boolean }
  | { kind: "gone" };

/**
 * Fetches a link and records what was found: a new copy (archive mode, or a first copy in check
 * mode), "changed since archived", or the failure ("unreachable since" once it had a copy).
 */
export async function runArchive(
  linkId: string,
  mode: ArchiveMode,
  fetchOptions: SafeFetchOptions = {},
): Promise<ArchiveRunResult> {
  const link = await prisma.archivedLink.findUnique({
    where: { id: linkId },
    select: { id: true, url: true },
  });
  if (!link) return { kind: "gone" };
  const outcome = await safeFetch(link.url, fetchOptions);
  return prisma.$transaction(async (tx) => {
    // The link may have moved to another address while the fetch ran: then this is stale.
    const current = await tx.$queryRaw<Array<{ url: string; health: LinkHealth }>>`
      SELECT "url", "health" FROM "ArchivedLink" WHERE "id" = ${linkId} FOR UPDATE`;
    if (!current[0] || current[0].url !== link.url) return { kind: "gone" } as const;
    const before = current[0].health;
    const newest = await tx.archivedCopy.findFirst({
      where: { linkId, requestedUrl: link.url },
      orderBy: [{ fetchedAt: "desc" }, { id: "desc" }],
      select: { sha256: true },
    });
    const now = outcome.fetchedAt;
    if (!outcome.ok) {
      const health: LinkHealth = newest ? "unreachable" : "pending";
      await tx.archivedLink.update({
        where: { id: linkId },
        data: {
          health,
          lastCheckedAt: now,
          lastFailureReason: outcome.reason,
          lastFailureDetail: outcome.detail.slice(0, 500),
          ...(health === "unreachable"
            ? { unreachableSince: (await sinceOf(tx, linkId)) ?? now }
            : {}),
        },
      });
      if (before !== health) await auditHealth(tx, linkId, before, health, outcome.reason);
      return {
        kind: "failed",
        reason: outcome.reason,
        retry: !PERMANENT_FAILURES.has(outcome.reason),
      } as const;
    }
    const same = newest?.sha256 === outcome.sha256;
    if (newest && !same && mode === "check") {
      const state = await tx.archivedLink.findUniqueOrThrow({
        where: { id: linkId },
        select: { changedSince: true, changedSha256: true },
      });
      await tx.archivedLink.update({
        where: { id: linkId },
        data: {
          health: "changed",
          lastCheckedAt: now,
          unreachableSince: null,
          lastFailureReason: null,
          lastFailureDetail: null,
          changedSince:
            state.changedSha256 === outcome.sha256 && state.changedSince ? state.changedSince : now,
          changedSha256: outcome.sha256,
        },
      });
      if (before !== "changed") await auditHealth(tx, linkId, before, "changed", null);
      return { kind: "changed" } as const;
    }
    await tx.archivedLink.update({
      where: { id: linkId },
      data: {
        health: "ok",
        lastCheckedAt: now,
        lastFailureReason: null,
        lastFailureDetail: null,
        unreachableSince: null,
        changedSince: null,
        changedSha256: null,
      },
    });
    if (same) {
      if (before !== "ok") await auditHealth(tx, linkId, before, "ok", null);
      return { kind: "unchanged" } as const;
    }
    const copy = await tx.archivedCopy.create({
      data: {
        linkId,
        requestedUrl: link.url,
        finalUrl: outcome.finalUrl,
        httpStatus: outcome.httpStatus,
        contentType: outcome.contentType,
        sizeBytes: outcome.sizeBytes,
        sha256: outcome.sha256,
        fetchedAt: now,
        data: { create: { data: new Uint8Array(outcome.data) } },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "archive.copied",
      entityType: "ArchivedLink",
      entityId: linkId,
      after: {
        copyId: copy.id,
        url: link.url,
        finalUrl: outcome.finalUrl,
        httpStatus: outcome.httpStatus,
        contentType: outcome.contentType,
        sizeBytes: outcome.sizeBytes,
        sha256: outcome.sha256,
        fetchedAt: now,
      },
    });
    return { kind: "copied", copyId: copy.id } as const;
  });
}

async function sinceOf(tx: Tx, linkId: string) {
  const row = await tx.archivedLink.findUnique({
    where: { id: linkId },
    select: { unreachableSince: true },
  });
  return row?.unreachableSince ?? null;
}

async function auditHealth(
  tx: Tx,
  linkId: string,
  before: LinkHealth,
  after: LinkHealth,
  reason: FetchFailureReason | null,
) {
  await recordAudit(tx, {
    actorId: null,
    action: "archive.health_changed",
    entityType: "ArchivedLink",
    entityId: linkId,
    before: { health: before },
    after: { health: after, reason },
  });
}

/**
 * A person asked for a link to be archived again: audited; the job is sent by the caller.
 * False when there is no such link.
 */
export async function recordArchiveRequest(actorId: string, linkId: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const link = await tx.archivedLink.findUnique({
      where: { id: linkId },
      select: { url: true },
    });
    if (!link) return false;
    await recordAudit(tx, {
      actorId,
      action: "archive.requested",
      entityType: "ArchivedLink",
      entityId: linkId,
      after: { url: link.url },
    });
    return true;
  });
}

/** What the item page and the reports show of a link: its state and its newest copy. */
export type LinkArchiveView = {
  linkId: string;
  health: LinkHealth;
  lastCheckedAt: Date | null;
  lastFailureReason: string | null;
  unreachableSince: Date | null;
  changedSince: Date | null;
  copy: {
    id: string;
    fetchedAt: Date;
    sha256: string;
    contentType: string;
    sizeBytes: number;
    finalUrl: string;
  } | null;
};

const viewSelect = {
  id: true,
  url: true,
  evidenceId: true,
  sourceId: true,
  health: true,
  lastCheckedAt: true,
  lastFailureReason: true,
  unreachableSince: true,
  changedSince: true,
  copies: {
    orderBy: [{ fetchedAt: "desc" as const }, { id: "desc" as const }],
    take: 1,
    select: {
      id: true,
      requestedUrl: true,
      fetchedAt: true,
      sha256: true,
      contentType: true,
      sizeBytes: true,
      finalUrl: true,
    },
  },
};

type ViewRow = {
  id: string;
  url: string;
  health: LinkHealth;
  lastCheckedAt: Date | null;
  lastFailureReason: string | null;
  unreachableSince: Date | null;
  changedSince: Date | null;
  copies: Array<{
    id: string;
    requestedUrl: string;
    fetchedAt: Date;
    sha256: string;
    contentType: string;
    sizeBytes: number;
    finalUrl: string;
  }>;
};

function toView(row: ViewRow): LinkArchiveView {
  const newest = row.copies[0];
  return {
    linkId: row.id,
    health: row.health,
    lastCheckedAt: row.lastCheckedAt,
    lastFailureReason: row.lastFailureReason,
    unreachableSince: row.unreachableSince,
    changedSince: row.changedSince,
    // A copy of an address the link no longer has is not the link's copy.
    copy:
      newest && newest.requestedUrl === row.url
        ? {
            id: newest.id,
            fetchedAt: newest.fetchedAt,
            sha256: newest.sha256,
            contentType: newest.contentType,
            sizeBytes: newest.sizeBytes,
            finalUrl: newest.finalUrl,
          }
        : null,
  };
}

/** The archive state of each of these evidence links, by evidence id. */
export async function archiveViewsForEvidence(
  evidenceIds: string[],
): Promise<Map<string, LinkArchiveView>> {
  if (evidenceIds.length === 0) return new Map();
  const rows = await prisma.archivedLink.findMany({
    where: { evidenceId: { in: evidenceIds } },
    select: viewSelect,
  });
  return new Map(rows.map((row) => [row.evidenceId!, toView(row)]));
}

/** The archive state of a source's document URL (the source named by its code), or null. */
export async function archiveViewForSource(sourceCode: string): Promise<LinkArchiveView | null> {
  const row = await prisma.archivedLink.findFirst({
    where: { source: { code: sourceCode } },
    select: viewSelect,
  });
  return row ? toView(row) : null;
}

export type ProblemLink = LinkArchiveView & {
  url: string;
  evidence: { id: string; title: string; recommendationId: string; reference: string } | null;
  source: { id: string; code: string } | null;
};

/** Links with a problem (never archived, changed, unreachable), worst first: the admin list. */
export async function listProblemLinks(limit = 500): Promise<ProblemLink[]> {
  const rows = await prisma.archivedLink.findMany({
    where: {
      OR: [{ health: { in: ["changed", "unreachable"] } }, { health: "pending" }],
    },
    orderBy: [{ health: "desc" }, { updatedAt: "desc" }],
    take: limit,
    select: {
      ...viewSelect,
      evidence: {
        select: {
          id: true,
          title: true,
          recommendationId: true,
          recommendation: { select: { reference: true } },
        },
      },
      source: { select: { id: true, code: true } },
    },
  });
  return rows.map((row) => ({
    ...toView(row),
    url: row.url,
    evidence: row.evidence
      ? {
          id: row.evidence.id,
          title: row.evidence.title,
          recommendationId: row.evidence.recommendationId,
          reference: row.evidence.recommendation.reference,
        }
      : null,
    source: row.source,
  }));
}

export type ArchivedCopyFile = {
  contentType: string;
  sizeBytes: number;
  sha256: string;
  fetchedAt: Date;
  data: Uint8Array;
  evidenceId: string | null;
  recommendationId: string | null;
  sourceId: string | null;
};

/**
 * An archived copy with its bytes, and what it belongs to (for the reader check), or null when
 * there is none, or its evidence, item or source has been archived.
 */
export async function getArchivedCopy(copyId: string): Promise<ArchivedCopyFile | null> {
  const row = await prisma.archivedCopy.findUnique({
    where: { id: copyId },
    select: {
      contentType: true,
      sizeBytes: true,
      sha256: true,
      fetchedAt: true,
      data: { select: { data: true } },
      link: {
        select: {
          evidence: {
            select: {
              id: true,
              archivedAt: true,
              recommendationId: true,
              recommendation: { select: { archivedAt: true } },
            },
          },
          source: { select: { id: true, archivedAt: true } },
        },
      },
    },
  });
  if (!row?.data) return null;
  const { evidence, source } = row.link;
  if (evidence && (evidence.archivedAt || evidence.recommendation.archivedAt)) return null;
  if (source?.archivedAt) return null;
  return {
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    fetchedAt: row.fetchedAt,
    data: row.data.data,
    evidenceId: evidence?.id ?? null,
    recommendationId: evidence?.recommendationId ?? null,
    sourceId: source?.id ?? null,
  };
}
