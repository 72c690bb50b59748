// One reference per source (issue 16, item 7; migration 0011_unique_reference): the database
// refuses a second recommendation of a source with the same reference, compared trimmed and
// without regard to case, archived items included. This is the one place that states the rule for
// the app: the check made before writing, and the mapping of the database's refusal (two admins
// saving at once) to the same field error, so that the second one sees the reference field's
// message (422) and keeps what they typed, never a 500.
import { Prisma } from "#app/generated/prisma/client.ts";
import type { Reader } from "#app/utils/db.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";

/** The unique index of migration 0011, as PostgreSQL names it in a violation. */
const REFERENCE_INDEX = "Recommendation_sourceId_reference_key";

/** The reference field's message (a locale key, shown in the reader's language). */
export const REFERENCE_TAKEN = "catalogue.form.referenceTaken";

/** A reference as the index compares it ("GAO-21-322 #3 " and "gao-21-322 #3" are one). */
export function referenceKey(reference: string): string {
  return reference.trim().toLowerCase();
}

function referenceTakenError(): ValidationError {
  return ValidationError.field("reference", REFERENCE_TAKEN);
}

/**
 * Whether `error` is the database refusing a second item with a source's reference. Prisma says
 * P2002 for every unique index; through the pg adapter it names neither this index nor, for an
 * index on an expression, its columns usable by field, so the index is known by its name in the
 * driver's message (without the adapter, in meta.target).
 */
export function isReferenceTaken(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") {
    return false;
  }
  const meta = error.meta as
    | { target?: unknown; driverAdapterError?: { cause?: { originalMessage?: unknown } } }
    | undefined;
  const named = [meta?.target, meta?.driverAdapterError?.cause?.originalMessage, error.message];
  return named.some((text) => {
    const value = Array.isArray(text) ? text.join(" ") : text;
    return typeof value === "string" && value.includes(REFERENCE_INDEX);
  });
}

/** Runs a save; the database refusing a taken reference becomes the reference field's error. */
export async function guardReference<T>(save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (isReferenceTaken(error)) throw referenceTakenError();
    throw error;
  }
}

/**
 * Throws the reference field's error when another item of the source (archived or not) has the
 * reference. Uses the unique index; the index itself still decides when two saves race.
 */
export async function assertReferenceFree(
  db: Reader,
  sourceId: string,
  reference: string,
  exceptId?: string,
): Promise<void> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT r.id FROM "Recommendation" r
    WHERE r."sourceId" = ${sourceId} AND lower(btrim(r.reference)) = lower(btrim(${reference}))
      AND r.id IS DISTINCT FROM ${exceptId ?? null}
    LIMIT 1`;
  if (rows.length > 0) throw referenceTakenError();
}
