// A recommendation's editable values in the shape the forms use (codes for related rows,
// "YYYY-MM-DD" for calendar dates): what audit diffs compare and what a version conflict shows.
import type { Prisma } from "#app/generated/prisma/client.ts";
import type { Reader } from "#app/utils/db.server.ts";
import { NotFoundError } from "#app/utils/domain-errors.ts";
import { dayOf } from "#app/utils/dates.ts";

export const recommendationValuesSelect = {
  id: true,
  sourceId: true,
  source: { select: { code: true } },
  reference: true,
  title: true,
  titleEs: true,
  titleEsSource: true,
  text: true,
  textIsParaphrase: true,
  addressee: true,
  country: true,
  goalMapping: true,
  verificationLevel: true,
  verified: true,
  verificationNotes: true,
  sourceUrl: true,
  status: true,
  statusOfficial: true,
  statusOfficialAsOf: true,
  priority: true,
  dueDate: true,
  statusNote: true,
  lastVerifiedAt: true,
  archivedAt: true,
  version: true,
  actors: { select: { code: true } },
  goals: { select: { code: true } },
  tags: { select: { slug: true } },
} satisfies Prisma.RecommendationSelect;

type Row = Prisma.RecommendationGetPayload<{ select: typeof recommendationValuesSelect }>;

const sorted = (values: string[]) => [...values].sort();

/** The tracking form's fields. */
export function trackingValues(row: Row) {
  return {
    status: row.status,
    statusOfficial: row.statusOfficial,
    statusOfficialAsOf: dayOf(row.statusOfficialAsOf),
    actors: sorted(row.actors.map((actor) => actor.code)),
    goals: sorted(row.goals.map((goal) => goal.code)),
    tags: sorted(row.tags.map((tag) => tag.slug)),
    priority: row.priority,
    dueDate: dayOf(row.dueDate),
    statusNote: row.statusNote,
  };
}

/** The catalogue form's fields. */
export function catalogueValues(row: Row) {
  return {
    source: row.source.code,
    reference: row.reference,
    title: row.title,
    titleEs: row.titleEs,
    titleEsSource: row.titleEsSource,
    text: row.text,
    textIsParaphrase: row.textIsParaphrase,
    addressee: row.addressee,
    country: row.country,
    actors: sorted(row.actors.map((actor) => actor.code)),
    goals: sorted(row.goals.map((goal) => goal.code)),
    goalMapping: row.goalMapping,
    verificationLevel: row.verificationLevel,
    verified: row.verified,
    verificationNotes: row.verificationNotes,
    sourceUrl: row.sourceUrl,
  };
}

export type RecommendationValues = ReturnType<typeof trackingValues> &
  ReturnType<typeof catalogueValues> & {
    id: string;
    lastVerifiedAt: string | null;
    archivedAt: string | null;
    version: number;
  };

export async function loadRecommendationRow(tx: Reader, id: string): Promise<Row> {
  const row = await tx.recommendation.findUnique({
    where: { id },
    select: recommendationValuesSelect,
  });
  if (!row) throw new NotFoundError("Recommendation", id);
  return row;
}

/** Everything an editor can change on the recommendation, as the forms show it. */
export function recommendationValues(row: Row): RecommendationValues {
  return {
    id: row.id,
    ...catalogueValues(row),
    ...trackingValues(row),
    lastVerifiedAt: row.lastVerifiedAt?.toISOString() ?? null,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: row.version,
  };
}

export async function loadRecommendationValues(tx: Reader, id: string) {
  return recommendationValues(await loadRecommendationRow(tx, id));
}
