// Related items: both ways, who may link, what is refused (naming the field, in the reader's
// language), the audit trail, what anonymous readers see, and the item pages' cache stamps.
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import {
  ArchivedError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "#app/utils/domain-errors.ts";
import { translator } from "#app/utils/i18n.ts";
import { translateValidation } from "#app/utils/validation-i18n.ts";
import { createUser } from "#tests/factories.ts";
import { rejection } from "#tests/rejection.ts";
import { runRelationAction } from "./relation-actions.server.ts";
import { addRelation, findItemByKey, listRelations, removeRelation } from "./relations.server.ts";

const A = "gao-21-322-ice-data";
const B = "gao-16-235-state-reports";
const C = "pc-4-prevention";
const [D, E] = ["gao-21-322-atf-measures", "gao-16-235-atf-targets"];
const [F, G] = ["gao-16-223-dhs-mou", "gao-16-223-doj-mou"];
const [H, I] = ["pc-1-alignment", "pc-2-forensics-data"];

const stamp = async (id: string) =>
  (
    await prisma.$queryRaw<Array<{ stamp: bigint }>>`
      SELECT "cacheStamp" AS stamp FROM "Recommendation" WHERE id = ${id}`
  )[0]!.stamp;

const fieldsOf = (error: unknown) => {
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
};

describe("linking items", () => {
  test("a link shows on both items, read from each end, with the other's status and source", async () => {
    const editor = await createUser({ role: "editor" });
    const [stampA, stampB] = [await stamp(A), await stamp(B)];
    const { id } = await addRelation(editor, {
      recommendationId: A,
      type: "follows_up",
      other: "GAO-16-235 (State)",
      reason: "  The 2021 report revisits the 2016 one.  ",
    });
    const fromA = (await listRelations(A, { staff: false })).find((r) => r.relationId === id)!;
    expect(fromA).toMatchObject({
      type: "follows_up",
      direction: "outgoing",
      reason: "The 2021 report revisits the 2016 one.",
      other: { id: B, sourceCode: "GAO-16-235", reference: "GAO-16-235 (State)", archived: false },
    });
    const fromB = (await listRelations(B, { staff: false })).find((r) => r.relationId === id)!;
    expect(fromB).toMatchObject({ type: "follows_up", direction: "incoming", other: { id: A } });
    const status = (await prisma.recommendation.findUniqueOrThrow({ where: { id: A } })).status;
    expect(fromB.other.status).toBe(status);
    // Both items' kept pages are stale now.
    expect(await stamp(A)).not.toBe(stampA);
    expect(await stamp(B)).not.toBe(stampB);

    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "ItemRelation", entityId: id },
    });
    expect(event).toMatchObject({
      action: "item_relation.linked",
      actorId: editor.id,
      after: { fromId: A, toId: B, type: "follows_up" },
    });
  });

  test("a link made from the other end is stored the same way round", async () => {
    const admin = await createUser({ role: "admin" });
    const { id } = await addRelation(admin, {
      recommendationId: B,
      type: "supersedes:incoming",
      other: A,
      reason: "Stated in the report.",
    });
    expect(await prisma.itemRelation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      fromId: A,
      toId: B,
      type: "supersedes",
    });
  });

  test("a status change of one item moves the kept page of the items related to it", async () => {
    const editor = await createUser({ role: "editor" });
    await addRelation(editor, { recommendationId: A, type: "part_of", other: C, reason: "Part." });
    const before = await stamp(C);
    await prisma.recommendation.update({ where: { id: A }, data: { status: "stalled" } });
    expect(await stamp(C)).not.toBe(before);
  });

  test("viewers and anonymous people may not link or unlink", async () => {
    const viewer = await createUser({ role: "viewer" });
    const input = { recommendationId: A, type: "same_ask", other: C, reason: "Same." };
    expect(await rejection(addRelation(viewer, input))).toBeInstanceOf(ForbiddenError);
    const editor = await createUser({ role: "editor" });
    const { id } = await addRelation(editor, input);
    expect(
      await rejection(removeRelation(viewer, { recommendationId: A, relationId: id })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await prisma.itemRelation.count({ where: { id } })).toBe(1);
  });

  test("bad input is refused on its field and nothing is written", async () => {
    const editor = await createUser({ role: "editor" });
    const count = await prisma.itemRelation.count();
    const base = { recommendationId: D, type: "follows_up", other: E, reason: "Because." };
    expect(fieldsOf(await rejection(addRelation(editor, { ...base, type: "cites" })))).toEqual({
      type: ["related.errors.type"],
    });
    expect(
      fieldsOf(await rejection(addRelation(editor, { ...base, other: "GAO-99-1 #7" }))),
    ).toEqual({ other: ["related.errors.otherUnknown"] });
    expect(fieldsOf(await rejection(addRelation(editor, { ...base, other: D })))).toEqual({
      other: ["related.errors.self"],
    });
    expect(fieldsOf(await rejection(addRelation(editor, { ...base, reason: "  " })))).toEqual({
      reason: ["related.errors.reasonRequired"],
    });
    expect(
      fieldsOf(await rejection(addRelation(editor, { ...base, reason: "x".repeat(501) }))),
    ).toEqual({ reason: ["related.errors.reasonTooLong"] });
    expect(await prisma.itemRelation.count()).toBe(count);

    await addRelation(editor, base);
    expect(fieldsOf(await rejection(addRelation(editor, base)))).toEqual({
      other: ["related.errors.duplicate"],
    });
    // Same-ask reads both ways: E→D after D→E is the same link.
    await addRelation(editor, { ...base, type: "same_ask" });
    expect(
      fieldsOf(
        await rejection(
          addRelation(editor, { ...base, recommendationId: E, other: D, type: "same_ask" }),
        ),
      ),
    ).toEqual({ other: ["related.errors.duplicate"] });
  });

  test("the page's form answers 422 in the reader's language, keeping what was typed", async () => {
    const editor = await createUser({ role: "editor" });
    const form = new FormData();
    form.set("intent", "relation-add");
    form.set("type", "follows_up");
    form.set("other", "no such item");
    form.set("reason", "Mi motivo");
    const response = await runRelationAction(editor, A, form);
    expect(response.init?.status).toBe(422);
    expect(response.data.values).toMatchObject({ other: "no such item", reason: "Mi motivo" });
    const message = response.data.fieldErrors!.other![0]!;
    expect(translateValidation("es", translator("es"), message)).toMatch(/Ninguna recomendación/);
    expect(translateValidation("en", translator("en"), message)).toMatch(/No item/);
  });

  test("an archived item cannot be linked, and its links are hidden from anonymous readers", async () => {
    const editor = await createUser({ role: "editor" });
    const { id } = await addRelation(editor, {
      recommendationId: F,
      type: "follows_up",
      other: G,
      reason: "Stated.",
    });
    await prisma.recommendation.update({ where: { id: G }, data: { archivedAt: new Date() } });
    expect((await listRelations(F, { staff: false })).map((r) => r.relationId)).not.toContain(id);
    const staffView = (await listRelations(F, { staff: true })).find((r) => r.relationId === id);
    expect(staffView?.other.archived).toBe(true);
    expect(
      fieldsOf(
        await rejection(
          addRelation(editor, { recommendationId: F, type: "part_of", other: G, reason: "x" }),
        ),
      ),
    ).toEqual({ other: ["related.errors.otherUnknown"] });
    expect(
      await rejection(
        addRelation(editor, { recommendationId: G, type: "part_of", other: F, reason: "x" }),
      ),
    ).toBeInstanceOf(ArchivedError);
  });

  test("removing a link audits it; a link of another item or one already removed is a 404", async () => {
    const editor = await createUser({ role: "editor" });
    const { id } = await addRelation(editor, {
      recommendationId: H,
      type: "follows_up",
      other: I,
      reason: "Stated.",
    });
    expect(
      await rejection(removeRelation(editor, { recommendationId: C, relationId: id })),
    ).toBeInstanceOf(NotFoundError);
    await removeRelation(editor, { recommendationId: I, relationId: id });
    expect(await listRelations(H, { staff: true })).not.toContainEqual(
      expect.objectContaining({ relationId: id }),
    );
    expect(
      await prisma.auditEvent.findFirstOrThrow({
        where: { entityType: "ItemRelation", entityId: id, action: "item_relation.unlinked" },
      }),
    ).toMatchObject({ actorId: editor.id, before: { fromId: H, toId: I, type: "follows_up" } });
    expect(
      await rejection(removeRelation(editor, { recommendationId: H, relationId: id })),
    ).toBeInstanceOf(NotFoundError);
  });
});

describe("findItemByKey", () => {
  test("finds an item by id, by reference and by source code and reference", async () => {
    expect(await findItemByKey(prisma, A)).toEqual({ id: A });
    expect(await findItemByKey(prisma, " gao-16-235 (state) ")).toEqual({ id: B });
    expect(
      await findItemByKey(prisma, "PC-DOUBLE-FIX-2023 Double Fix – Core responsibility 4"),
    ).toEqual({ id: C });
    expect(await findItemByKey(prisma, "Entendimiento Bicentenario, Meta 1")).toEqual({
      id: "bf-goal-1",
    });
    expect(await findItemByKey(prisma, "Nothing")).toBe("unknown");
  });

  test("a reference used by two sources needs its source code", async () => {
    const source = await prisma.source.create({
      data: { code: "TEST-SRC", title: "Test", publisher: "Test", kind: "think_tank_report" },
    });
    await prisma.recommendation.create({
      data: {
        sourceId: source.id,
        reference: "GAO-16-235 (State)",
        title: "Twin",
        text: "Twin",
        country: "US",
        verificationLevel: "official_text",
        sourceUrl: "https://example.org",
      },
    });
    expect(await findItemByKey(prisma, "GAO-16-235 (State)")).toBe("ambiguous");
    expect(await findItemByKey(prisma, "GAO-16-235 GAO-16-235 (State)")).toEqual({ id: B });
  });
});
