// Stage 3: the chosen rows of a plan, written in one transaction or not at all. The plan is made
// again inside the transaction, from the stored upload (never from what a browser sends back),
// after the rows it touches are locked; when its fingerprint is not the one the admin previewed,
// nothing is written and the new plan is returned to be previewed instead.
import type { ImportFormat, Prisma } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { lockCodes } from "#app/modules/catalogue/common.server.ts";
import { nextPosition } from "#app/modules/catalogue/position.server.ts";
import { isReferenceTaken } from "#app/modules/catalogue/reference.server.ts";
import { slugify, uniqueSlug } from "#app/modules/catalogue/slug.ts";
import { recordOfficialStatusChange } from "#app/modules/tracking/official-status.server.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { translator, type Locale } from "#app/utils/i18n.ts";
import { actorCodeFor, type Client } from "./candidates.server.ts";
import { planImport, type Plan, type PlanRow } from "./plan.server.ts";
import { insertRelation } from "#app/modules/relations/relations.server.ts";
import type { Candidate, ItemFields } from "./types.ts";
import { dayDate, dayStartInstant } from "#app/utils/dates.ts";

export type CommitSelection = {
  /** Keys of rows the admin unticked. */
  excludeKeys?: string[];
  /** When given, only these rows (and unchanged ones, which write nothing) are chosen. */
  includeKeys?: string[];
  /** Source or publication codes the admin unticked as a whole. */
  excludeGroups?: string[];
  /** "<row key>:<field>" of conflicts whose new value the admin chose to take. */
  acceptConflicts?: string[];
};

export type CommitInput = {
  actorId: string;
  locale: Locale;
  format: ImportFormat;
  fileName: string;
  sha256: string;
  /** Makes the candidates (read through the transaction's client). */
  candidates: (db: Client, actorMappings: Record<string, string>) => Promise<Candidate[]>;
  /** Agency → actor code, or "create" for a new actor. */
  actorMappings?: Record<string, string>;
  expectedFingerprint: string;
  selection?: CommitSelection;
  today?: string;
};

export type ImportCounts = {
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  skipped: number;
};

export type CommitResult =
  | { kind: "committed"; importId: string; counts: ImportCounts }
  | { kind: "stale"; plan: Plan }
  | { kind: "errors"; plan: Plan; rows: PlanRow[] };

/** Is the row chosen (not unticked, alone or with its whole group)? */
export function isSelected(row: PlanRow, selection: CommitSelection = {}): boolean {
  if (
    selection.includeKeys &&
    row.kind !== "unchanged" &&
    !selection.includeKeys.includes(row.key)
  ) {
    return false;
  }
  return (
    !(selection.excludeKeys ?? []).includes(row.key) &&
    !(selection.excludeGroups ?? []).includes(row.group)
  );
}

const day = (iso: string | null | undefined) => (iso ? dayDate(iso) : null);
// A day of last check is an instant in the database: the start of that day in the tracker's zone,
// which every page and export shows as that day again.
const checkedOn = (iso: string | null | undefined) => (iso ? dayStartInstant(iso) : null);

/** The scalar columns of item fields, dates as Dates. */
function columns(fields: Partial<ItemFields> & Record<string, unknown>) {
  const data: Prisma.RecommendationUncheckedUpdateInput = {};
  for (const [field, value] of Object.entries(fields) as Array<[string, unknown]>) {
    if (field === "actors" || field === "goals" || field === "tags" || field === "status") continue;
    if (field === "lastVerifiedAt") {
      data.lastVerifiedAt = checkedOn(value as string | null);
    } else if (field === "statusOfficialAsOf" || field === "dueDate") {
      (data as Record<string, unknown>)[field] = day(value as string | null);
    } else {
      (data as Record<string, unknown>)[field] = value;
    }
  }
  return data;
}

function relations(fields: Partial<ItemFields>, mode: "connect" | "set") {
  return {
    ...(fields.actors ? { actors: { [mode]: fields.actors.map((code) => ({ code })) } } : {}),
    ...(fields.goals ? { goals: { [mode]: fields.goals.map((code) => ({ code })) } } : {}),
    ...(fields.tags ? { tags: { [mode]: fields.tags.map((slug) => ({ slug })) } } : {}),
  };
}

/** Locks the items a plan may touch, so that nobody saves them between the plan and its write. */
async function lockItems(tx: Tx, candidates: Candidate[]) {
  const codes = [...new Set(candidates.map((c) => c.sourceCode.trim().toUpperCase()))];
  const ids = candidates.flatMap((c) => (c.id ? [c.id] : []));
  await tx.$queryRaw`
    SELECT r.id FROM "Recommendation" r
    WHERE r.id = ANY(${ids}::text[])
      OR r."sourceId" IN (SELECT s.id FROM "Source" s WHERE upper(s.code) = ANY(${codes}::text[]))
    ORDER BY r.id FOR NO KEY UPDATE`;
}

/** Imports run one at a time: two at once would both plan the same new items. */
const IMPORT_LOCK = 7_311_011;

export async function commitImport(input: CommitInput): Promise<CommitResult> {
  const mappings = input.actorMappings ?? {};
  // The plan the admin saw, with agencies to create still unmapped.
  const known = Object.fromEntries(
    Object.entries(mappings).filter(([, code]) => code !== "create"),
  );
  try {
    return await writeImport(input, known);
  } catch (error) {
    // A reference the plan found free was taken meanwhile by a save the locks do not hold back (an
    // item moved into one of the file's sources): nothing was written; the plan made again shows
    // the row's error, as a preview that is out of date does.
    if (!isReferenceTaken(error)) throw error;
    const options = { fileName: input.fileName, locale: input.locale, today: input.today };
    const plan = await prisma.$transaction(async (tx) =>
      planImport(tx, await input.candidates(tx, known), options),
    );
    return { kind: "stale", plan };
  }
}

async function writeImport(
  input: CommitInput,
  known: Record<string, string>,
): Promise<CommitResult> {
  const selection = input.selection ?? {};
  const mappings = input.actorMappings ?? {};
  const options = { fileName: input.fileName, locale: input.locale, today: input.today };
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK}::bigint)::text AS locked`;
      // The catalogue-order lock before the plan: an admin's create waits until the import is
      // written, so neither can take a reference or a position the other has planned.
      const firstPosition = await nextPosition(tx);
      // Likewise for the sources and actors it may add (common.server.ts).
      await lockCodes(tx, "Source");
      await lockCodes(tx, "Actor");
      const candidates = await input.candidates(tx, known);
      await lockItems(tx, candidates);
      let plan = await planImport(tx, candidates, options);
      if (plan.fingerprint !== input.expectedFingerprint) return { kind: "stale", plan };

      const chosen = plan.rows.filter((row) => isSelected(row, selection));
      const wrong = chosen.filter((row) => row.kind === "error");
      if (wrong.length > 0) return { kind: "errors", plan, rows: wrong };

      // Agencies the admin chose to add as actors, for the new items chosen.
      const toCreate = [
        ...new Set(
          chosen
            .filter((row) => row.kind === "create")
            .flatMap((row) => row.unmappedActors)
            .filter((agency) => mappings[agency] === "create"),
        ),
      ];
      const record = await tx.import.create({
        data: {
          createdById: input.actorId,
          fileName: input.fileName,
          sha256: input.sha256,
          format: input.format,
        },
        select: { id: true },
      });
      const importId = record.id;
      if (toCreate.length > 0) {
        const taken = new Set(
          (await tx.actor.findMany({ select: { code: true } })).map((a) => a.code),
        );
        const created: Record<string, string> = {};
        for (const agency of toCreate) {
          const code = actorCodeFor(agency, taken);
          taken.add(code);
          const actor = await tx.actor.create({
            data: { code, name: agency, country: "US" },
            select: { id: true, code: true, name: true, country: true, version: true },
          });
          await recordAudit(tx, {
            actorId: input.actorId,
            action: "actor.created",
            entityType: "Actor",
            entityId: actor.id,
            after: { ...actor, importId },
          });
          created[agency] = code;
        }
        // The same plan, with the new actors in it.
        plan = await planImport(tx, await input.candidates(tx, { ...known, ...created }), options);
      }

      const rows = plan.rows.filter((row) => isSelected(row, selection));
      const createdIds = new Map<string, string>();
      const changes = await writeRows(tx, plan, rows, {
        actorId: input.actorId,
        importId,
        selection,
        format: input.format,
        firstPosition,
        createdIds,
      });
      await writeRelations(tx, rows, createdIds, changes, {
        actorId: input.actorId,
        importId,
        reason: translator(input.locale)("related.importedReason", { file: input.fileName }),
      });
      const counts: ImportCounts = {
        created: changes.filter((change) => change.action === "created").length,
        updated: changes.filter((change) => change.action === "updated").length,
        // Chosen rows that needed no write (no error row is chosen by now).
        unchanged: rows.length - changes.length,
        errors: plan.counts.errors,
        skipped: plan.rows.filter((row) => !isSelected(row, selection) && row.kind !== "error")
          .length,
      };
      await tx.import.update({
        where: { id: importId },
        data: { ...counts, changes: changes as unknown as Prisma.InputJsonValue },
      });
      await recordAudit(tx, {
        actorId: input.actorId,
        action: "import.created",
        entityType: "Import",
        entityId: importId,
        after: { fileName: input.fileName, sha256: input.sha256, format: input.format, ...counts },
      });
      return { kind: "committed", importId, counts };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

type Change = { itemId: string; reference: string; action: "created" | "updated" };

async function writeRows(
  tx: Tx,
  plan: Plan,
  rows: PlanRow[],
  context: {
    actorId: string;
    importId: string;
    selection: CommitSelection;
    format: ImportFormat;
    /** The position after the last item's, read under the catalogue-order lock. */
    firstPosition: number;
    /** Filled with the id of each created row's item, by row key. */
    createdIds: Map<string, string>;
  },
): Promise<Change[]> {
  const { actorId, importId } = context;
  const now = new Date();
  // The sources of the chosen rows: a new source only with a new item of it, a date or web
  // address it lacked whenever its rows are chosen (even if they change nothing else).
  const groups = new Set(rows.map((row) => row.group));
  const creating = new Set(rows.filter((row) => row.kind === "create").map((row) => row.group));

  // Sources first: the new items need them.
  const sourceIds = new Map<string, { id: string; url: string | null }>();
  for (const planned of plan.sources) {
    const group = planned.code.toUpperCase();
    if (!(planned.action === "create" ? creating : groups).has(group)) continue;
    if (planned.action === "create") {
      const fields = planned.fields;
      const source = await tx.source.create({
        data: {
          code: fields.code!,
          title: fields.title!,
          publisher: fields.publisher!,
          kind: fields.kind as Prisma.SourceCreateInput["kind"],
          publishedDate: fields.publishedDate ?? null,
          url: fields.url ?? null,
        },
      });
      await recordAudit(tx, {
        actorId,
        action: "source.created",
        entityType: "Source",
        entityId: source.id,
        after: { ...fields, version: source.version, importId },
      });
      sourceIds.set(planned.code.toUpperCase(), { id: source.id, url: source.url });
    } else {
      const before = await tx.source.findUniqueOrThrow({ where: { id: planned.sourceId! } });
      const source = await tx.source.update({
        where: { id: planned.sourceId! },
        data: {
          ...planned.fields,
          kind: planned.fields.kind as Prisma.SourceUpdateInput["kind"],
          version: { increment: 1 },
        },
      });
      await recordAudit(tx, {
        actorId,
        action: "source.edited",
        entityType: "Source",
        entityId: source.id,
        before: {
          ...Object.fromEntries(
            Object.keys(planned.fields).map((key) => [key, before[key as keyof typeof before]]),
          ),
          version: before.version,
        },
        after: { ...planned.fields, version: source.version, importId },
      });
    }
  }
  const sourceOf = async (code: string) => {
    const key = code.toUpperCase();
    let found = sourceIds.get(key);
    if (!found) {
      const source = await tx.source.findFirstOrThrow({
        where: { code: { equals: code, mode: "insensitive" } },
        select: { id: true, url: true },
      });
      found = source;
      sourceIds.set(key, found);
    }
    return found;
  };

  const changes: Change[] = [];
  const takenIds = new Set(
    (await tx.recommendation.findMany({ select: { id: true } })).map((row) => row.id),
  );
  let position = context.firstPosition - 1;

  for (const row of rows) {
    if (row.kind === "create") {
      const values = row.values;
      const source = await sourceOf(row.group);
      const id =
        row.newId && !takenIds.has(row.newId)
          ? row.newId
          : uniqueSlug(slugify(values.reference!), takenIds);
      takenIds.add(id);
      context.createdIds.set(row.key, id);
      position += 1;
      const status = row.statusChange?.to ?? "not_started";
      await tx.recommendation.create({
        data: {
          ...(columns(values) as Prisma.RecommendationUncheckedCreateInput),
          id,
          sourceId: source.id,
          status,
          verificationLevel: context.format === "table" ? "secondary_summary" : "official_text",
          sourceUrl: source.url ?? "",
          ...(columns(row.verification) as Partial<Prisma.RecommendationUncheckedCreateInput>),
          position,
          ...relations(values, "connect"),
        },
        select: { id: true },
      });
      const statusChangeId = await writeStatusChange(tx, actorId, id, row);
      await recordOfficialStatusChange(tx, {
        recommendationId: id,
        actorId,
        before: { status: null, asOf: null },
        after: { status: values.statusOfficial ?? null, asOf: day(values.statusOfficialAsOf) },
      });
      await recordAudit(tx, {
        actorId,
        action: "recommendation.created",
        entityType: "Recommendation",
        entityId: id,
        after: {
          ...values,
          status,
          version: 1,
          importId,
          ...(statusChangeId ? { statusChangeId } : {}),
        },
      });
      changes.push({ itemId: id, reference: values.reference!, action: "created" });
    } else if (row.kind === "update") {
      const accepted = new Set(context.selection.acceptConflicts ?? []);
      const fieldChanges = row.changes.filter(
        (change) =>
          !row.conflicts.includes(change.field) || accepted.has(`${row.key}:${change.field}`),
      );
      if (fieldChanges.length === 0 && !row.statusChange) continue;
      const id = row.itemId!;
      const after = Object.fromEntries(
        fieldChanges.map((c) => [c.field, c.after]),
      ) as Partial<ItemFields>;
      const before = Object.fromEntries(
        fieldChanges.map((c) => [c.field, c.before]),
      ) as Partial<ItemFields>;
      const officialMoved = "statusOfficial" in after || "statusOfficialAsOf" in after;
      const version = row.version! + 1;
      const statusChangeId = await writeStatusChange(tx, actorId, id, row);
      await tx.recommendation.update({
        where: { id },
        data: {
          ...columns(after),
          ...relations(after, "set"),
          ...(row.statusChange ? { status: row.statusChange.to } : {}),
          version,
          ...(officialMoved || row.statusChange ? { lastActivityAt: now } : {}),
        },
      });
      if (officialMoved) {
        const stored = {
          status: "statusOfficial" in before ? (before.statusOfficial ?? null) : undefined,
          asOf: "statusOfficialAsOf" in before ? before.statusOfficialAsOf : undefined,
        };
        const current = await tx.recommendation.findUniqueOrThrow({
          where: { id },
          select: { statusOfficial: true, statusOfficialAsOf: true },
        });
        await recordOfficialStatusChange(tx, {
          recommendationId: id,
          actorId,
          before: {
            status: stored.status === undefined ? current.statusOfficial : stored.status,
            asOf: stored.asOf === undefined ? current.statusOfficialAsOf : day(stored.asOf),
          },
          after: { status: current.statusOfficial, asOf: current.statusOfficialAsOf },
        });
      }
      await recordAudit(tx, {
        actorId,
        action: "recommendation.edited",
        entityType: "Recommendation",
        entityId: id,
        before: {
          ...before,
          ...(row.statusChange ? { status: row.statusChange.from } : {}),
          version: row.version,
        },
        after: {
          ...after,
          ...(row.statusChange
            ? { status: row.statusChange.to, statusChangeId, summary: row.statusChange.summary }
            : {}),
          version,
          importId,
        },
      });
      changes.push({ itemId: id, reference: row.reference, action: "updated" });
    }
  }
  return changes;
}

/**
 * The chosen rows' new links to related items, once their items exist. A link to a row that
 * was not chosen (so its item was not created) is left out. A row whose only change is its links
 * counts as updated.
 */
async function writeRelations(
  tx: Tx,
  rows: PlanRow[],
  createdIds: Map<string, string>,
  changes: Change[],
  context: { actorId: string; importId: string; reason: string },
) {
  for (const row of rows) {
    if (row.kind === "error" || row.relations.length === 0) continue;
    const self = row.itemId ?? createdIds.get(row.key);
    if (!self) continue;
    let linked = false;
    for (const relation of row.relations) {
      const other = relation.otherId ?? createdIds.get(relation.otherRow ?? "");
      if (!other) continue;
      const [fromId, toId] = relation.direction === "outgoing" ? [self, other] : [other, self];
      await insertRelation(
        tx,
        context.actorId,
        { fromId, toId, type: relation.type, reason: context.reason },
        "related",
        { importId: context.importId },
      );
      linked = true;
    }
    if (linked && !changes.some((change) => change.itemId === self)) {
      changes.push({ itemId: self, reference: row.reference, action: "updated" });
    }
  }
}

/** The planned status change of a row, with the link evidence it adds; its id, or null. */
async function writeStatusChange(tx: Tx, actorId: string, itemId: string, row: PlanRow) {
  const change = row.statusChange;
  if (!change) return null;
  const evidenceIds: string[] = [];
  if (change.evidenceUrl) {
    const evidence = await tx.evidence.create({
      data: {
        recommendationId: itemId,
        kind: "link",
        url: change.evidenceUrl,
        title: change.evidenceUrl,
        documentedOn: day(change.occurredOn),
        createdById: actorId,
      },
      select: { id: true },
    });
    evidenceIds.push(evidence.id);
  }
  const created = await tx.statusChange.create({
    data: {
      recommendationId: itemId,
      fromStatus: change.from,
      toStatus: change.to,
      summary: change.summary,
      occurredOn: day(change.occurredOn)!,
      createdById: actorId,
      evidence: { connect: evidenceIds.map((id) => ({ id })) },
    },
    select: { id: true },
  });
  return created.id;
}
