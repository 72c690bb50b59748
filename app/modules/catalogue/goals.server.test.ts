import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { ValidationError, VersionConflictError } from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { failAuditEvents } from "#tests/tracking-factories.ts";
import {
  archiveGoal,
  createGoal,
  getGoal,
  listGoals,
  unarchiveGoal,
  updateGoal,
} from "./goals.server.ts";
import type { GoalInput } from "./schemas.ts";
import { rejection } from "#tests/rejection.ts";

async function fieldsOf(promise: Promise<unknown>) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return Object.keys((error as ValidationError).fieldErrors).sort();
}

describe("goals", () => {
  test("a joint objective is created under its cooperation area, last in order", async () => {
    const admin = await createUser({ role: "admin" });
    const goal = await createGoal(admin.id, {
      code: "1.1.3",
      level: "joint_objective",
      parent: "1.1",
      title: "Share ballistic data",
      titleEs: "Compartir datos balísticos",
    });
    expect(goal).toMatchObject({ code: "1.1.3", parent: "1.1", version: 1 });
    const row = await prisma.goal.findUniqueOrThrow({ where: { id: goal.id } });
    expect(row.parentId).toBe("goal-1.1");
    const list = await listGoals();
    expect(list.at(-1)?.id).toBe(goal.id);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "Goal", entityId: goal.id },
    });
    expect(audit).toMatchObject({ action: "goal.created", actorId: admin.id });
    expect(audit.after).toMatchObject({ code: "1.1.3", parent: "1.1", version: 1 });
  });

  test("goals created at the same time get distinct positions; one code twice at once is one goal and a field error", async () => {
    const admin = await createUser({ role: "admin" });
    const created = await Promise.all(
      ["1.1.11", "1.1.12", "1.1.13", "1.1.14"].map((code) =>
        createGoal(admin.id, { code, level: "joint_objective", parent: "1.1", title: code }),
      ),
    );
    const rows = await prisma.goal.findMany({
      where: { id: { in: created.map((goal) => goal.id) } },
      select: { position: true },
    });
    expect(new Set(rows.map((row) => row.position)).size).toBe(4);
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        createGoal(admin.id, {
          code: "1.1.15",
          level: "joint_objective",
          parent: "1.1",
          title: "x",
        }),
      ),
    );
    const reasons = results.flatMap((result) =>
      result.status === "rejected" ? [result.reason] : [],
    );
    expect(reasons).toEqual([expect.any(ValidationError)]);
    expect(Object.keys((reasons[0] as ValidationError).fieldErrors)).toEqual(["code"]);
  });

  test("the parent must sit one level up; a goal has none", async () => {
    const admin = await createUser({ role: "admin" });
    const base: GoalInput = { code: "9", level: "goal", title: "Nine" };
    expect(await fieldsOf(createGoal(admin.id, { ...base, parent: "1" }))).toEqual(["parent"]);
    expect(
      await fieldsOf(createGoal(admin.id, { ...base, code: "1.9", level: "cooperation_area" })),
    ).toEqual(["parent"]);
    expect(
      await fieldsOf(
        createGoal(admin.id, { ...base, code: "1.9", level: "cooperation_area", parent: "1.1" }),
      ),
    ).toEqual(["parent"]);
    expect(
      await fieldsOf(
        createGoal(admin.id, { ...base, code: "1.1.9", level: "joint_objective", parent: "1" }),
      ),
    ).toEqual(["parent"]);
    expect(
      await fieldsOf(
        createGoal(admin.id, { ...base, code: "1.1.9", level: "joint_objective", parent: "7.7" }),
      ),
    ).toEqual(["parent"]);
    expect(await fieldsOf(createGoal(admin.id, { ...base, code: "1" }))).toEqual(["code"]);
    expect(await fieldsOf(createGoal(admin.id, { ...base, code: "1..2" }))).toEqual(["code"]);
    expect(await fieldsOf(createGoal(admin.id, { ...base, level: "target", title: "" }))).toEqual([
      "level",
      "title",
    ]);
    expect(await prisma.goal.count({ where: { code: { in: ["9", "1.9", "1.1.9"] } } })).toBe(0);
  });

  test("editing moves a cooperation area and audits the parent's code", async () => {
    const admin = await createUser({ role: "admin" });
    const area = await createGoal(admin.id, {
      code: "2.5",
      level: "cooperation_area",
      parent: "2",
      title: "Ports",
    });
    const moved = await updateGoal(admin.id, {
      id: area.id,
      expectedVersion: 1,
      code: "3.5",
      level: "cooperation_area",
      parent: "goal-3",
      title: "Ports",
    });
    expect(moved).toMatchObject({ code: "3.5", parent: "3", version: 2 });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: area.id, action: "goal.edited" },
    });
    expect(audit.before).toEqual({ code: "2.5", parent: "2", version: 1 });
    expect(audit.after).toEqual({ code: "3.5", parent: "3", version: 2 });
  });

  test("a goal with children keeps its level", async () => {
    const admin = await createUser({ role: "admin" });
    const goal = await getGoal("goal-1.1");
    expect(
      await fieldsOf(
        updateGoal(admin.id, {
          id: goal.id,
          expectedVersion: goal.version,
          code: "1.1",
          level: "joint_objective",
          parent: "1.1",
          title: goal.title,
        }),
      ),
    ).toEqual(["parent"]);
    expect(
      await fieldsOf(
        updateGoal(admin.id, {
          id: goal.id,
          expectedVersion: goal.version,
          code: "1.1",
          level: "goal",
          title: goal.title,
        }),
      ),
    ).toEqual(["level"]);
    expect((await getGoal("goal-1.1")).level).toBe("cooperation_area");
  });

  test("archive, conflict on a stale version, unarchive; audit failure rolls back", async () => {
    const admin = await createUser({ role: "admin" });
    const goal = await createGoal(admin.id, { code: "4", level: "goal", title: "Four" });
    await archiveGoal(admin.id, { id: goal.id, expectedVersion: 1 });
    expect((await listGoals()).some((item) => item.id === goal.id)).toBe(false);
    await expect(
      unarchiveGoal(admin.id, { id: goal.id, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    // An archived goal cannot be a new parent.
    expect(
      await fieldsOf(
        createGoal(admin.id, { code: "4.1", level: "cooperation_area", parent: "4", title: "x" }),
      ),
    ).toEqual(["parent"]);

    const restore = await failAuditEvents("goal.unarchived");
    try {
      await expect(unarchiveGoal(admin.id, { id: goal.id, expectedVersion: 2 })).rejects.toThrow(
        /audit refused by test/,
      );
    } finally {
      await restore();
    }
    expect((await getGoal(goal.id)).archivedAt).not.toBeNull();
    await unarchiveGoal(admin.id, { id: goal.id, expectedVersion: 2 });
    expect(await getGoal(goal.id)).toMatchObject({ archivedAt: null, version: 3 });
  });
});
