// Related items (issue 18, item 5; docs/decisions/0019-related-items.md): staff link two items
// with a type and a short reason; each item lists its links both ways. Who may link: the roles
// that keep an item's tracking (editors and admins), checked here as well as in the route.
import type { Role, Status } from "#app/generated/prisma/enums.ts";
import { hasRole } from "#app/modules/auth/permissions.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { isUniqueViolation } from "#app/modules/tracking/versioning.server.ts";
import { prisma, type Reader, type Tx } from "#app/utils/db.server.ts";
import {
  ArchivedError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "#app/utils/domain-errors.ts";
import {
  REASON_MAX,
  relationTypes,
  type RelationDirection,
  type RelationType,
} from "./relation-types.ts";

type Actor = { id: string; role: Role };

export type RelationInput = {
  recommendationId: string;
  /** A type ("follows_up"), or a type read from the other end ("follows_up:incoming"). */
  type: string;
  /** The other item: its id, its reference, or its source code and reference. */
  other: string;
  reason: string;
};

/** A link as an item's page shows it, seen from that item. */
export type RelatedItem = {
  relationId: string;
  type: RelationType;
  direction: RelationDirection;
  reason: string;
  other: {
    id: string;
    reference: string;
    referenceEs: string | null;
    title: string;
    titleEs: string | null;
    sourceCode: string;
    status: Status;
    archived: boolean;
  };
};

/** The type and end a form's or file's value names, or null. */
export function parseRelationType(
  value: string,
): { type: RelationType; direction: RelationDirection } | null {
  const [type, direction = "outgoing", ...rest] = value.trim().split(":");
  if (rest.length > 0 || !relationTypes.includes(type as RelationType)) return null;
  if (direction !== "outgoing" && direction !== "incoming") return null;
  return { type: type as RelationType, direction };
}

/**
 * The present item a text names: its id, its reference or Spanish reference (as a Spanish page
 * shows it; capitals and surrounding spaces aside), or its source code, a space and its
 * reference. Archived items are not found.
 */
export async function findItemByKey(
  db: Reader,
  text: string,
): Promise<{ id: string } | "unknown" | "ambiguous"> {
  const key = text.trim();
  if (!key) return "unknown";
  const rows = await db.$queryRaw<Array<{ id: string; byId: boolean }>>`
    SELECT r.id, r.id = ${key} AS "byId"
    FROM "Recommendation" r JOIN "Source" s ON s.id = r."sourceId"
    WHERE r."archivedAt" IS NULL AND (r.id = ${key}
      OR lower(btrim(r.reference)) = lower(${key})
      OR lower(btrim(r."referenceEs")) = lower(${key})
      OR lower(s.code || ' ' || btrim(r.reference)) = lower(${key}))`;
  const exact = rows.find((row) => row.byId);
  if (exact) return { id: exact.id };
  if (rows.length === 0) return "unknown";
  return rows.length === 1 ? { id: rows[0]!.id } : "ambiguous";
}

function validate(input: RelationInput) {
  const errors: Record<string, string[]> = {};
  const kind = parseRelationType(String(input.type ?? ""));
  if (!kind) errors.type = ["related.errors.type"];
  const other = String(input.other ?? "").trim();
  if (!other) errors.other = ["related.errors.otherRequired"];
  const reason = String(input.reason ?? "").trim();
  if (!reason) errors.reason = ["related.errors.reasonRequired"];
  else if (reason.length > REASON_MAX) errors.reason = ["related.errors.reasonTooLong"];
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { ...kind!, other, reason };
}

/**
 * Links two items within `tx`: the checks every way of linking shares (the page, an import, the
 * seed). `from` and `to` are ids of present items. Throws ValidationError on `field` for the
 * same item twice and for a link that exists already (a same-ask link in either direction).
 */
export async function insertRelation(
  tx: Tx,
  actorId: string | null,
  link: { fromId: string; toId: string; type: RelationType; reason: string },
  field = "other",
  /** More to record in the audit event (the import that made the link). */
  auditExtra: Record<string, unknown> = {},
) {
  if (link.fromId === link.toId) throw ValidationError.field(field, "related.errors.self");
  const existing = await tx.itemRelation.findFirst({
    where: {
      type: link.type,
      OR: [
        { fromId: link.fromId, toId: link.toId },
        ...(link.type === "same_ask" ? [{ fromId: link.toId, toId: link.fromId }] : []),
      ],
    },
    select: { id: true },
  });
  if (existing) throw ValidationError.field(field, "related.errors.duplicate");
  const created = await tx.itemRelation.create({
    data: { ...link, createdById: actorId },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId,
    action: "item_relation.linked",
    entityType: "ItemRelation",
    entityId: created.id,
    after: { ...link, ...auditExtra },
  });
  return created;
}

/**
 * Links the item to another, as the item's page asks. Throws ForbiddenError (not staff who
 * edit), NotFoundError (no such item), ArchivedError (the item is archived), ValidationError
 * keyed by the form's fields (type, other, reason).
 */
export async function addRelation(actor: Actor, input: RelationInput): Promise<{ id: string }> {
  if (!hasRole(actor, "editor")) throw new ForbiddenError();
  const { type, direction, other, reason } = validate(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const item = await tx.recommendation.findUnique({
        where: { id: input.recommendationId },
        select: { id: true, archivedAt: true },
      });
      if (!item) throw new NotFoundError("Recommendation", input.recommendationId);
      if (item.archivedAt) throw new ArchivedError("Recommendation", item.id);
      const found = await findItemByKey(tx, other);
      if (found === "unknown") throw ValidationError.field("other", "related.errors.otherUnknown");
      if (found === "ambiguous") {
        throw ValidationError.field("other", "related.errors.otherAmbiguous");
      }
      const [fromId, toId] = direction === "outgoing" ? [item.id, found.id] : [found.id, item.id];
      return insertRelation(tx, actor.id, { fromId, toId, type, reason });
    });
  } catch (error) {
    // Two people linking the same pair at once: the unique index refuses the second.
    if (isUniqueViolation(error)) throw ValidationError.field("other", "related.errors.duplicate");
    throw error;
  }
}

/**
 * Removes one of the item's links. Throws ForbiddenError, NotFoundError (no such link of this
 * item, or already removed), ArchivedError (the item is archived).
 */
export async function removeRelation(
  actor: Actor,
  input: { recommendationId: string; relationId: string },
): Promise<void> {
  if (!hasRole(actor, "editor")) throw new ForbiddenError();
  await prisma.$transaction(async (tx) => {
    const relation = await tx.itemRelation.findFirst({
      where: {
        id: String(input.relationId ?? ""),
        OR: [{ fromId: input.recommendationId }, { toId: input.recommendationId }],
      },
      select: { id: true, fromId: true, toId: true, type: true, reason: true },
    });
    if (!relation) throw new NotFoundError("ItemRelation", String(input.relationId ?? ""));
    const item = await tx.recommendation.findUniqueOrThrow({
      where: { id: input.recommendationId },
      select: { archivedAt: true },
    });
    if (item.archivedAt) throw new ArchivedError("Recommendation", input.recommendationId);
    const deleted = await tx.itemRelation.deleteMany({ where: { id: relation.id } });
    // Removed by someone else meanwhile: nothing to record.
    if (deleted.count === 0) throw new NotFoundError("ItemRelation", relation.id);
    const { id, ...before } = relation;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "item_relation.unlinked",
      entityType: "ItemRelation",
      entityId: id,
      before,
    });
  });
}

const typeOrder = (type: RelationType) => relationTypes.indexOf(type);

/**
 * The item's links both ways, with the other item's reference, titles, source and current
 * status. Anonymous readers see only links to items that are not archived (as the item pages
 * they lead to); staff see those too, marked.
 */
export async function listRelations(
  recommendationId: string,
  reader: { staff: boolean },
  db: Reader = prisma,
): Promise<RelatedItem[]> {
  const other = {
    select: {
      id: true,
      reference: true,
      referenceEs: true,
      title: true,
      titleEs: true,
      status: true,
      archivedAt: true,
      source: { select: { code: true } },
    },
  } as const;
  const present = reader.staff ? {} : { archivedAt: null };
  const [outgoing, incoming] = await Promise.all([
    db.itemRelation.findMany({
      where: { fromId: recommendationId, to: present },
      select: { id: true, type: true, reason: true, to: other },
    }),
    db.itemRelation.findMany({
      where: { toId: recommendationId, from: present },
      select: { id: true, type: true, reason: true, from: other },
    }),
  ]);
  const view = (
    relation: { id: string; type: RelationType; reason: string },
    direction: RelationDirection,
    item: (typeof outgoing)[number]["to"],
  ): RelatedItem => ({
    relationId: relation.id,
    type: relation.type,
    direction,
    reason: relation.reason,
    other: {
      id: item.id,
      reference: item.reference,
      referenceEs: item.referenceEs,
      title: item.title,
      titleEs: item.titleEs,
      sourceCode: item.source.code,
      status: item.status,
      archived: item.archivedAt !== null,
    },
  });
  return [
    ...outgoing.map((relation) => view(relation, "outgoing", relation.to)),
    ...incoming.map((relation) => view(relation, "incoming", relation.from)),
  ].sort(
    (a, b) =>
      typeOrder(a.type) - typeOrder(b.type) ||
      a.direction.localeCompare(b.direction) ||
      a.other.reference.localeCompare(b.other.reference),
  );
}
