// The audit log page's data: the events matching its URL query, the records they name (so that
// people read references and names, not ids), and the people to filter by.
import {
  listAuditEvents,
  parseAuditQuery,
  type AuditEventView,
} from "#app/modules/audit/audit-query.server.ts";
import {
  referenceFields,
  refKey,
  type AuditRef,
  type AuditRefs,
} from "#app/modules/audit/audit-values.ts";
import { listUsers } from "#app/modules/auth/users.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { badRequest } from "#app/utils/http.server.ts";

/** What a catalogue entity type's admin page is called in /admin/catalogue/:kind. */
const catalogueKindOf: Record<string, string> = {
  Source: "sources",
  Actor: "actors",
  Goal: "goals",
  Tag: "tags",
};

/** Where an event's record can be seen: a recommendation's page, a catalogue record's editor. */
export function entityHref(event: Pick<AuditEventView, "entityType" | "entityId">) {
  const id = encodeURIComponent(event.entityId);
  if (event.entityType === "Recommendation") return `/recommendations/${id}`;
  const kind = catalogueKindOf[event.entityType];
  return kind ? `/admin/catalogue/${kind}/${id}` : null;
}

const recommendationPage = (id: string, anchor: string) =>
  `/recommendations/${encodeURIComponent(id)}#${anchor}`;

type Resolver = (ids: string[]) => Promise<Array<[string, AuditRef]>>;

const byId = (ids: string[]) => ({ where: { id: { in: ids } } });

/** Records named by a code (or reference, or slug), linked to their page. */
const coded = (entityType: string, rows: Array<{ id: string; code: string }>) =>
  rows.map((row): [string, AuditRef] => [
    row.id,
    { label: row.code, href: entityHref({ entityType, entityId: row.id }) },
  ]);

// One query per kind of record on the page, whatever the number of events.
const resolvers: Record<string, Resolver> = {
  Recommendation: async (ids) =>
    coded(
      "Recommendation",
      (
        await prisma.recommendation.findMany({
          ...byId(ids),
          select: { id: true, reference: true },
        })
      ).map((row) => ({ id: row.id, code: row.reference })),
    ),
  Source: async (ids) =>
    coded(
      "Source",
      await prisma.source.findMany({ ...byId(ids), select: { id: true, code: true } }),
    ),
  Actor: async (ids) =>
    coded("Actor", await prisma.actor.findMany({ ...byId(ids), select: { id: true, code: true } })),
  Goal: async (ids) =>
    coded("Goal", await prisma.goal.findMany({ ...byId(ids), select: { id: true, code: true } })),
  Tag: async (ids) =>
    coded(
      "Tag",
      (await prisma.tag.findMany({ ...byId(ids), select: { id: true, slug: true } })).map(
        (row) => ({ id: row.id, code: row.slug }),
      ),
    ),
  Evidence: async (ids) =>
    (
      await prisma.evidence.findMany({
        ...byId(ids),
        select: { id: true, title: true, recommendationId: true },
      })
    ).map((row) => [
      row.id,
      { label: row.title, href: recommendationPage(row.recommendationId, "evidence-heading") },
    ]),
  Note: async (ids) =>
    (
      await prisma.note.findMany({
        ...byId(ids),
        select: {
          id: true,
          recommendationId: true,
          recommendation: { select: { reference: true } },
        },
      })
    ).map((row) => [
      row.id,
      {
        label: row.recommendation.reference,
        href: recommendationPage(row.recommendationId, "timeline-heading"),
        on: true,
      },
    ]),
  User: async (ids) =>
    (await prisma.user.findMany({ ...byId(ids), select: { id: true, name: true } })).map((row) => [
      row.id,
      { label: row.name, href: null },
    ]),
  // A sign-in event's record is the account (or, for an unknown one, the email tried).
  Session: async (ids) =>
    (await prisma.user.findMany({ ...byId(ids), select: { id: true, name: true } })).map((row) => [
      row.id,
      { label: row.name, href: null },
    ]),
  Invite: async (ids) =>
    (await prisma.invite.findMany({ ...byId(ids), select: { id: true, email: true } })).map(
      (row) => [row.id, { label: row.email, href: null }],
    ),
};

const asRecord = (value: unknown) =>
  value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

/**
 * The records a page of events names, by kind and id: each event's own record, and the ids its
 * values hold (a note's recommendation, a status change's evidence). A revoked invitation is gone
 * from its table; its event still holds the email it was for.
 */
export async function resolveAuditRefs(
  events: Array<Pick<AuditEventView, "entityType" | "entityId" | "before" | "after">>,
): Promise<AuditRefs> {
  const wanted = new Map<string, Set<string>>();
  const want = (type: string, id: unknown) => {
    if (typeof id !== "string" || !id || !resolvers[type]) return;
    if (!wanted.has(type)) wanted.set(type, new Set());
    wanted.get(type)!.add(id);
  };
  for (const event of events) {
    want(event.entityType, event.entityId);
    for (const values of [asRecord(event.before), asRecord(event.after)]) {
      for (const [field, type] of Object.entries(referenceFields)) {
        const value = values?.[field];
        for (const id of Array.isArray(value) ? value : [value]) want(type, id);
      }
    }
  }
  const resolved = await Promise.all(
    [...wanted].map(async ([type, ids]) =>
      (await resolvers[type]!([...ids])).map(([id, ref]) => [refKey(type, id), ref] as const),
    ),
  );
  const refs: AuditRefs = Object.fromEntries(resolved.flat());
  for (const event of events) {
    const key = refKey(event.entityType, event.entityId);
    if ((event.entityType === "Invite" || event.entityType === "Session") && !refs[key]?.label) {
      const email = asRecord(event.before)?.email ?? asRecord(event.after)?.email;
      if (typeof email === "string" && email) refs[key] = { label: email, href: null };
    }
  }
  return refs;
}

/** The page's filters as typed (for the form), the events, and the people. 400 on a bad filter. */
export async function loadAuditPage(params: URLSearchParams) {
  let query;
  try {
    query = parseAuditQuery(params);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const [field, messages] = Object.entries(error.fieldErrors)[0] ?? ["", []];
    throw badRequest(field, messages.join(" "));
  }
  const [page, users] = await Promise.all([listAuditEvents(query), listUsers()]);
  const refs = await resolveAuditRefs(page.items);
  const filters: Record<string, string> = {};
  for (const key of ["actorId", "entityType", "entityId", "from", "to"]) {
    filters[key] = params.get(key)?.trim() ?? "";
  }
  return {
    filters,
    page: {
      ...page,
      items: page.items.map((event) => ({
        ...event,
        at: event.at.toISOString(),
        href: entityHref(event),
      })),
    },
    refs,
    users: users.map((user) => ({ id: user.id, name: user.name, email: user.email })),
  };
}
