// Errors the domain modules throw, for routes to turn into responses: ValidationError → 400/422
// with the messages next to their fields, VersionConflictError → 409 with the other person's
// changes, NotFoundError → 404, ForbiddenError → 403. No server-only imports: forms may use the
// types too.
import type { z } from "zod";

/** Bad input. Nothing was written. `fieldErrors` is keyed by form field name ("" = whole form). */
export class ValidationError extends Error {
  override name = "ValidationError";
  readonly fieldErrors: Record<string, string[]>;

  constructor(fieldErrors: Record<string, string[]>, message?: string) {
    super(message ?? ValidationError.summarise(fieldErrors));
    this.fieldErrors = fieldErrors;
  }

  /** A single field's error. */
  static field(field: string, message: string) {
    return new ValidationError({ [field]: [message] });
  }

  /** Zod's issues, keyed the way Conform names fields ("newEvidence[0].url"). */
  static fromZod(error: z.ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const key = fieldName(issue.path);
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return new ValidationError(fieldErrors);
  }

  private static summarise(fieldErrors: Record<string, string[]>) {
    return Object.values(fieldErrors).flat().join(" ") || "The input is not valid.";
  }
}

/** "a.b[0].c" from ["a", "b", 0, "c"]: the name a form field has in Conform. */
export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  let name = "";
  for (const part of path) {
    if (typeof part === "number") name += `[${part}]`;
    else name += name ? `.${String(part)}` : String(part);
  }
  return name;
}

/** One save made by someone else since the version the user started from. */
export type ConflictChange = {
  at: Date;
  action: string;
  actor: { id: string; name: string } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/**
 * The record was saved by someone else since the user loaded it (their `expectedVersion` is not
 * the stored one). Nothing was written. `current` holds the record's current editable values (in
 * the shape of the edit form), `changes` what was saved since the user's version, oldest first.
 */
export class VersionConflictError<
  TCurrent extends Record<string, unknown> = Record<string, unknown>,
> extends Error {
  override name = "VersionConflictError";
  readonly entityType: string;
  readonly entityId: string;
  readonly expectedVersion: number;
  readonly currentVersion: number;
  readonly current: TCurrent;
  readonly changes: ConflictChange[];

  constructor(input: {
    entityType: string;
    entityId: string;
    expectedVersion: number;
    currentVersion: number;
    current: TCurrent;
    changes: ConflictChange[];
  }) {
    super(
      `This ${input.entityType.toLowerCase()} was changed by someone else after you opened it ` +
        `(you started from version ${input.expectedVersion}, it is now at version ` +
        `${input.currentVersion}). Your changes were not saved.`,
    );
    this.entityType = input.entityType;
    this.entityId = input.entityId;
    this.expectedVersion = input.expectedVersion;
    this.currentVersion = input.currentVersion;
    this.current = input.current;
    this.changes = input.changes;
  }
}

/** The thing does not exist (or is archived/deleted where that hides it). */
export class NotFoundError extends Error {
  override name = "NotFoundError";
  readonly entityType: string;
  readonly entityId: string;

  constructor(entityType: string, entityId: string, message?: string) {
    super(message ?? `${entityType} "${entityId}" was not found.`);
    this.entityType = entityType;
    this.entityId = entityId;
  }
}

/** The acting user may not do this (a rule that depends on who they are). */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";

  constructor(message = "You are not allowed to do this.") {
    super(message);
  }
}

/**
 * The record is archived, so it cannot be changed until it is restored. A ForbiddenError, so that
 * any mapper that does not know it still refuses (403); the recommendation page answers 409.
 */
export class ArchivedError extends ForbiddenError {
  override name = "ArchivedError";
  readonly entityType: string;
  readonly entityId: string;

  constructor(entityType: string, entityId: string) {
    super(`This ${entityType.toLowerCase()} is archived: restore it before changing it.`);
    this.entityType = entityType;
    this.entityId = entityId;
  }
}
