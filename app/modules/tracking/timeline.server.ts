// A recommendation's history in one list: status changes (with their evidence), evidence added
// and notes, newest first by the day each thing happened.
import type {
  EvidenceKind,
  NoteVisibility,
  OfficialStatus,
  Status,
} from "#app/generated/prisma/enums.ts";
import { prisma } from "#app/utils/db.server.ts";
import { sqlRows } from "#app/utils/sql.server.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { NotFoundError } from "#app/utils/domain-errors.ts";
import { renderMarkdown } from "#app/utils/markdown.server.ts";

const sql = Prisma.sql;

export { isStale, staleBefore, STALE_AFTER_DAYS } from "./stale.ts";

type Person = { id: string; name: string } | null;

type EntryBase = {
  id: string;
  /** When it happened: occurredOn, documentedOn ?? createdAt, or createdAt for notes. */
  date: Date;
  /** When it was entered in the tracker, and by whom. */
  enteredAt: Date;
  by: Person;
};

export type TimelineEvidence = {
  id: string;
  kind: EvidenceKind;
  title: string;
  url: string | null;
  fileName: string | null;
  archived: boolean;
};

export type TimelineEntry =
  | (EntryBase & {
      type: "status_change";
      fromStatus: Status;
      toStatus: Status;
      summary: string;
      evidence: TimelineEvidence[];
    })
  | (EntryBase & {
      type: "official_status_change";
      /** Who publishes the official status (the source's publisher, e.g. "GAO"). */
      issuer: string;
      fromStatus: OfficialStatus | null;
      toStatus: OfficialStatus | null;
      /** The issuer's date for the new status. */
      asOf: Date | null;
    })
  | (EntryBase & {
      type: "evidence";
      /** True when `date` is the documented date, false when it is only the entry date. */
      dated: boolean;
      kind: EvidenceKind;
      title: string;
      description: string | null;
      url: string | null;
      fileName: string | null;
      mimeType: string | null;
      sizeBytes: number | null;
    })
  | (EntryBase & {
      type: "note";
      /** Rendered, sanitized HTML. */
      html: string;
      visibility: NoteVisibility;
      revisionCount: number;
      version: number;
      /** The markdown, for its author's edit form only (see `viewerId`). */
      body?: string;
    });

export type Timeline = {
  /** Newest first; the latest `limit` entries when there is a limit. */
  entries: TimelineEntry[];
  /** Whether older entries were left out. */
  hasEarlier: boolean;
};

export { TIMELINE_PAGE } from "./timeline-page.ts";

const person = { select: { id: true, name: true } } as const;

/**
 * A recommendation's timeline, newest first: its latest `limit` entries (each kind is read only
 * as far as the limit can reach), or all of them. `viewerId` gets the markdown of their own notes
 * for the edit form. NotFoundError when there is no such recommendation.
 */
export async function getTimeline(
  recommendationId: string,
  options: { includeInternal: boolean; limit?: number; viewerId?: string | null },
): Promise<Timeline> {
  const take = options.limit === undefined ? undefined : options.limit + 1;
  const exists = await prisma.recommendation.findUnique({
    where: { id: recommendationId },
    select: { id: true, source: { select: { publisher: true } } },
  });
  if (!exists) throw new NotFoundError("Recommendation", recommendationId);

  const [changes, officialChanges, evidence, notes] = await Promise.all([
    prisma.statusChange.findMany({
      where: { recommendationId },
      orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      take,
      select: {
        id: true,
        fromStatus: true,
        toStatus: true,
        summary: true,
        occurredOn: true,
        createdAt: true,
        createdBy: person,
        evidence: {
          select: {
            id: true,
            kind: true,
            title: true,
            url: true,
            fileName: true,
            archivedAt: true,
          },
          orderBy: { createdAt: "asc" },
        },
      },
    }),
    // Only changes of the status itself: a new as-of date for the same status is no event.
    sqlRows<
      Array<{
        id: string;
        fromStatus: OfficialStatus | null;
        toStatus: OfficialStatus | null;
        asOf: Date | null;
        createdAt: Date;
        byId: string | null;
        byName: string | null;
      }>
    >(sql`
      SELECT c.id, c."fromStatus", c."toStatus", c."asOf", c."createdAt",
        u.id AS "byId", u.name AS "byName"
      FROM "OfficialStatusChange" c LEFT JOIN "User" u ON u.id = c."createdById"
      WHERE c."recommendationId" = ${recommendationId}
        AND c."fromStatus" IS DISTINCT FROM c."toStatus"
      ORDER BY COALESCE(c."asOf", c."createdAt"::date) DESC, c."createdAt" DESC
      ${take === undefined ? Prisma.empty : sql`LIMIT ${take}`}`),
    // All of it: evidence is dated by its documented day or its entry, which an index cannot
    // order by, and an item has far less evidence than history.
    prisma.evidence.findMany({
      where: { recommendationId, archivedAt: null },
      select: {
        id: true,
        kind: true,
        title: true,
        description: true,
        url: true,
        fileName: true,
        mimeType: true,
        sizeBytes: true,
        documentedOn: true,
        createdAt: true,
        createdBy: person,
      },
    }),
    prisma.note.findMany({
      where: {
        recommendationId,
        deletedAt: null,
        ...(options.includeInternal ? {} : { visibility: "public" }),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      select: {
        id: true,
        body: true,
        visibility: true,
        version: true,
        createdAt: true,
        author: person,
        _count: { select: { revisions: true } },
      },
    }),
  ]);

  const entries: TimelineEntry[] = [
    ...changes.map((change): TimelineEntry => ({
      type: "status_change",
      id: change.id,
      date: change.occurredOn,
      enteredAt: change.createdAt,
      by: change.createdBy,
      fromStatus: change.fromStatus,
      toStatus: change.toStatus,
      summary: change.summary,
      evidence: change.evidence.map(({ archivedAt, ...item }) => ({
        ...item,
        archived: archivedAt !== null,
      })),
    })),
    ...officialChanges.map((change): TimelineEntry => ({
      type: "official_status_change",
      id: change.id,
      date: change.asOf ?? change.createdAt,
      enteredAt: change.createdAt,
      by: change.byId && change.byName ? { id: change.byId, name: change.byName } : null,
      issuer: exists.source.publisher,
      fromStatus: change.fromStatus,
      toStatus: change.toStatus,
      asOf: change.asOf,
    })),
    ...evidence.map((item): TimelineEntry => ({
      type: "evidence",
      id: item.id,
      date: item.documentedOn ?? item.createdAt,
      dated: item.documentedOn !== null,
      enteredAt: item.createdAt,
      by: item.createdBy,
      kind: item.kind,
      title: item.title,
      description: item.description,
      url: item.url,
      fileName: item.fileName,
      mimeType: item.mimeType,
      sizeBytes: item.sizeBytes,
    })),
    ...notes.map((note): TimelineEntry => ({
      type: "note",
      id: note.id,
      date: note.createdAt,
      enteredAt: note.createdAt,
      by: note.author,
      html: renderMarkdown(note.body),
      visibility: note.visibility,
      revisionCount: note._count.revisions,
      version: note.version,
      ...(options.viewerId && note.author?.id === options.viewerId ? { body: note.body } : {}),
    })),
  ];
  entries.sort(
    (a, b) =>
      b.date.getTime() - a.date.getTime() ||
      b.enteredAt.getTime() - a.enteredAt.getTime() ||
      (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
  if (options.limit === undefined || entries.length <= options.limit) {
    return { entries, hasEarlier: false };
  }
  return { entries: entries.slice(0, options.limit), hasEarlier: true };
}
