// One reference per source, and distinct positions, when admins create at the same time
// (issue 16, item 7).
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { rejection } from "#tests/rejection.ts";
import { withReferenceHeld } from "#tests/tracking-factories.ts";
import {
  archiveRecommendation,
  createRecommendation,
  unarchiveRecommendation,
  updateRecommendation,
} from "./recommendations.server.ts";
import { guardReference, isReferenceTaken, REFERENCE_TAKEN } from "./reference.server.ts";
import type { RecommendationInput } from "./schemas.ts";

const item = (reference: string, source = "GAO-21-322"): RecommendationInput => ({
  source,
  reference,
  title: `Title of ${reference}`,
  text: `Text of ${reference}.`,
  country: "US",
  actors: ["ATF"],
  goals: ["2"],
  verificationLevel: "official_summary",
  sourceUrl: "https://www.gao.gov/products/gao-21-322",
});

const referenceError = { fieldErrors: { reference: [REFERENCE_TAKEN] } };

/** The outcome of each call: its value, or the error it threw. */
function settle<T>(calls: Array<Promise<T>>) {
  return Promise.all(
    calls.map((call) =>
      call.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    ),
  );
}

describe("one reference per source", () => {
  test("two admins creating the same reference at once: one item, the other gets the reference field's error", async () => {
    const [first, second] = await Promise.all([
      createUser({ role: "admin" }),
      createUser({ role: "admin" }),
    ]);
    const results = await settle([
      createRecommendation(first.id, item("GAO-21-322 #20")),
      createRecommendation(second.id, item("gao-21-322 #20 ")),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const failed = results.find((result) => !result.ok);
    expect(failed?.error).toBeInstanceOf(ValidationError);
    expect(failed?.error).toMatchObject(referenceError);
    const stored = await prisma.recommendation.findMany({
      where: {
        sourceId: "src-gao-21-322",
        reference: { startsWith: "GAO-21-322 #20", mode: "insensitive" },
      },
    });
    expect(stored).toHaveLength(1);
  });

  test("a create that meets the index (the other save not yet visible) gets the field's error, not a database error", async () => {
    const admin = await createUser({ role: "admin" });
    const before = await prisma.recommendation.count();
    const error = await withReferenceHeld("src-gao-21-322", "GAO-21-322 #21", () =>
      rejection(createRecommendation(admin.id, item("GAO-21-322 #21"))),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject(referenceError);
    // Only the other connection's item was written, and no audit event of the refused one.
    expect(await prisma.recommendation.count()).toBe(before + 1);
    expect(
      await prisma.auditEvent.count({
        where: {
          action: "recommendation.created",
          after: { path: ["reference"], equals: "GAO-21-322 #21" },
        },
      }),
    ).toBe(0);
  });

  test("an edit giving an item a reference another save took meanwhile gets the field's error", async () => {
    const admin = await createUser({ role: "admin" });
    const created = await createRecommendation(admin.id, item("GAO-21-322 #22"));
    const error = await withReferenceHeld("src-gao-21-322", "GAO-21-322 #23", () =>
      rejection(
        updateRecommendation(admin.id, {
          ...item("gao-21-322 #23"),
          id: created.id,
          expectedVersion: String(created.version),
        }),
      ),
    );
    expect(error).toMatchObject(referenceError);
    const row = await prisma.recommendation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ reference: "GAO-21-322 #22", version: 1 });
  });

  test("the same reference in another source is fine; in the same source it is refused whatever its case and spaces", async () => {
    const admin = await createUser({ role: "admin" });
    const a = await createRecommendation(admin.id, item("Joint #1", "GAO-21-322"));
    const b = await createRecommendation(admin.id, item("Joint #1", "GAO-16-223"));
    expect(a.id).not.toBe(b.id);
    expect(
      await rejection(createRecommendation(admin.id, item("  JOINT #1 ", "GAO-16-223"))),
    ).toMatchObject(referenceError);
  });

  test("an archived item keeps its reference: a new one cannot take it, so bringing it back never collides", async () => {
    const admin = await createUser({ role: "admin" });
    const created = await createRecommendation(admin.id, item("GAO-21-322 #24"));
    const archived = await archiveRecommendation(admin.id, {
      id: created.id,
      expectedVersion: String(created.version),
    });
    expect(await rejection(createRecommendation(admin.id, item("GAO-21-322 #24")))).toMatchObject(
      referenceError,
    );
    const back = await unarchiveRecommendation(admin.id, {
      id: created.id,
      expectedVersion: String(archived.version),
    });
    expect(back.archivedAt).toBeNull();
  });

  test("an edit may change the case of its own reference, not take another item's", async () => {
    const admin = await createUser({ role: "admin" });
    const first = await createRecommendation(admin.id, item("Edit #1"));
    const second = await createRecommendation(admin.id, item("Edit #2"));
    const recased = await updateRecommendation(admin.id, {
      ...item("EDIT #1"),
      id: first.id,
      expectedVersion: String(first.version),
    });
    expect(recased.reference).toBe("EDIT #1");
    const error = await rejection(
      updateRecommendation(admin.id, {
        ...item("edit #1"),
        id: second.id,
        expectedVersion: String(second.version),
      }),
    );
    expect(error).toMatchObject(referenceError);
    // Moving an item to another source checks the reference there.
    const elsewhere = await createRecommendation(admin.id, item("Edit #1", "GAO-16-223"));
    expect(
      await rejection(
        updateRecommendation(admin.id, {
          ...item("Edit #1", "GAO-21-322"),
          id: elsewhere.id,
          expectedVersion: String(elsewhere.version),
        }),
      ),
    ).toMatchObject(referenceError);
  });

  test("only this index's violation is the reference's error", async () => {
    const duplicateReference = prisma.recommendation.create({
      data: {
        id: "unique-ref-probe",
        sourceId: "src-gao-21-322",
        reference: " gao-21-322 (atf – data/analysis) ",
        title: "Probe",
        text: "Probe.",
        country: "US",
        verificationLevel: "official_text",
        sourceUrl: "",
      },
    });
    const error = await rejection(duplicateReference);
    expect(isReferenceTaken(error)).toBe(true);
    expect(await rejection(guardReference(() => Promise.reject(error)))).toMatchObject(
      referenceError,
    );
    // Another unique violation (an id that exists) stays what it is.
    const existing = await prisma.recommendation.findFirstOrThrow({ select: { id: true } });
    const idError = await rejection(
      prisma.recommendation.create({
        data: {
          id: existing.id,
          sourceId: "src-gao-21-322",
          reference: "Free reference",
          title: "Probe",
          text: "Probe.",
          country: "US",
          verificationLevel: "official_text",
          sourceUrl: "",
        },
      }),
    );
    expect(isReferenceTaken(idError)).toBe(false);
    expect(await rejection(guardReference(() => Promise.reject(idError)))).toBe(idError);
  });
});

describe("positions", () => {
  test("items created at the same time get distinct positions, after every earlier item", async () => {
    const admin = await createUser({ role: "admin" });
    const before = await prisma.recommendation.aggregate({ _max: { position: true } });
    const count = 6;
    const created = await Promise.all(
      Array.from({ length: count }, (_, n) =>
        createRecommendation(admin.id, item(`Parallel #${n + 1}`)),
      ),
    );
    const rows = await prisma.recommendation.findMany({
      where: { id: { in: created.map((row) => row.id) } },
      select: { position: true },
    });
    const positions = rows.map((row) => row.position).sort((a, b) => a - b);
    const last = before._max.position ?? -1;
    expect(positions).toEqual(Array.from({ length: count }, (_, n) => last + 1 + n));
  });
});
