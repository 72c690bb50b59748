// A recommendation's history in one list: status changes (with their evidence), evidence added
// and notes, newest first by the day each thing happened.
import type {
  EvidenceKind,
  NoteVisibility,
  OfficialStatus,
  Role,
  Status,
} from "#app/generated/prisma/enums.ts";
import { prisma } from "#app/utils/db.server.ts";
import { sqlRows } from "#app/utils/sql.server.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { NotFoundError } from "#app/utils/domain-errors.ts";
import { renderMarkdown } from "#app/utils/markdown.server.ts";
import type { ShownPerson } from "./people.ts";
import { personSelect, showPerson, type Audience } from "./people.server.ts";

const sql = Prisma.sql;

import { dayDate, dayIn, timeZone } from "#app/utils/dates.ts";
export { isStale, staleBefore, STALE_AFTER_DAYS } from "./stale.ts";

/** Who entered it: for staff the person, for the public a name or role only (people.ts). */
type Person = ShownPerson | null;

type EntryBase = {
  id: string;
  /**
   * The day it happened, as its UTC midnight: occurredOn, documentedOn ?? the day of createdAt,
   * or the day of createdAt for notes (a day in the tracker's zone).
   */
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
      /** A change that waited for review: who approved it and when (its publication). */
      approval: { by: Person; at: Date } | null;
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
      /** Staff only: when an admin deleted it (deleted notes stay in staff's history). */
      deletedAt: Date | null;
      /** Staff only: its earlier texts, oldest first; none for the public. */
      revisions: NoteRevisionView[];
    });

/** An earlier text of a note, kept when its author edited it. */
export type NoteRevisionView = {
  id: string;
  /** Rendered, sanitized HTML. */
  html: string;
  visibility: NoteVisibility;
  /** When this text was replaced, and by whom. */
  replacedAt: Date;
  by: Person;
};

export type Timeline = {
  /** Newest first; the latest `limit` entries when there is a limit. */
  entries: TimelineEntry[];
  /** Whether older entries were left out. */
  hasEarlier: boolean;
};

export { TIMELINE_PAGE } from "./timeline-page.ts";

const person = personSelect;

/**
 * A recommendation's timeline, newest first: its latest `limit` entries (each kind is read only
 * as far as the limit can reach), or all of them. `viewerId` gets the markdown of their own notes
 * for the edit form. Who entered each entry is shown as `audience` may see it: staff by default
 * when internal notes are included (a signed-in reader), the public otherwise. NotFoundError
 * when there is no such recommendation.
 */
export async function getTimeline(
  recommendationId: string,
  options: {
    includeInternal: boolean;
    limit?: number;
    viewerId?: string | null;
    audience?: Audience;
  },
): Promise<Timeline> {
  const audience = options.audience ?? (options.includeInternal ? "staff" : "public");
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
        approvedBy: person,
        approvedAt: true,
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
        byRole: Role | null;
        byShowName: boolean | null;
        byPublicName: string | null;
      }>
    >(sql`
      SELECT c.id, c."fromStatus", c."toStatus", c."asOf", c."createdAt",
        u.id AS "byId", u.name AS "byName", u.role AS "byRole",
        u."showNamePublicly" AS "byShowName", u."publicName" AS "byPublicName"
      FROM "OfficialStatusChange" c LEFT JOIN "User" u ON u.id = c."createdById"
      WHERE c."recommendationId" = ${recommendationId}
        AND c."fromStatus" IS DISTINCT FROM c."toStatus"
      -- Undated: the day it was entered in the tracker's zone, as the entry is dated below.
      ORDER BY COALESCE(c."asOf", (c."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone()})::date) DESC,
        c."createdAt" DESC
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
    // Staff also read deleted notes and every note's earlier texts: what a past day's report
    // quoted stays traceable.
    prisma.note.findMany({
      where: {
        recommendationId,
        ...(audience === "staff" ? {} : { deletedAt: null }),
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
        deletedAt: true,
        author: person,
        _count: { select: { revisions: true } },
        revisions: {
          select: { id: true, body: true, visibility: true, createdAt: true, editedBy: person },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          ...(audience === "staff" ? {} : { take: 0 }),
        },
      },
    }),
  ]);

  const entries: TimelineEntry[] = [
    ...changes.map((change): TimelineEntry => ({
      type: "status_change",
      id: change.id,
      date: change.occurredOn,
      enteredAt: change.createdAt,
      by: showPerson(change.createdBy, audience),
      approval: change.approvedAt
        ? { by: showPerson(change.approvedBy, audience), at: change.approvedAt }
        : null,
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
      date: change.asOf ?? dayDate(dayIn(change.createdAt)),
      enteredAt: change.createdAt,
      by:
        change.byId && change.byName && change.byRole
          ? showPerson(
              {
                id: change.byId,
                name: change.byName,
                role: change.byRole,
                showNamePublicly: change.byShowName ?? false,
                publicName: change.byPublicName,
              },
              audience,
            )
          : null,
      issuer: exists.source.publisher,
      fromStatus: change.fromStatus,
      toStatus: change.toStatus,
      asOf: change.asOf,
    })),
    ...evidence.map((item): TimelineEntry => ({
      type: "evidence",
      id: item.id,
      date: item.documentedOn ?? dayDate(dayIn(item.createdAt)),
      dated: item.documentedOn !== null,
      enteredAt: item.createdAt,
      by: showPerson(item.createdBy, audience),
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
      date: dayDate(dayIn(note.createdAt)),
      enteredAt: note.createdAt,
      by: showPerson(note.author, audience),
      html: renderMarkdown(note.body),
      visibility: note.visibility,
      revisionCount: note._count.revisions,
      version: note.version,
      deletedAt: audience === "staff" ? note.deletedAt : null,
      revisions:
        audience === "staff"
          ? note.revisions.map((revision) => ({
              id: revision.id,
              html: renderMarkdown(revision.body),
              visibility: revision.visibility,
              replacedAt: revision.createdAt,
              by: showPerson(revision.editedBy, audience),
            }))
          : [],
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
