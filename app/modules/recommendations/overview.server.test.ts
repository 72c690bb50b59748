import { describe, expect, test } from "vitest";
import { createUser } from "#tests/factories.ts";
import { changeStatus } from "#app/modules/tracking/status-change.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { catalogue } from "../../../prisma/seed.ts";
import { getOverview } from "./overview.server.ts";

describe("getOverview", () => {
  test("counts by status, source and top goal match the catalogue", async () => {
    const overview = await getOverview();
    expect(overview.total).toBe(catalogue.recommendations.length);
    expect(overview.byStatus.not_started).toBe(catalogue.recommendations.length);
    const gao = overview.bySource.find((source) => source.code === "GAO-21-322");
    expect(gao?.total).toBe(7);
    // Joint objectives count for their goal: goal 1 holds bf-ap-1.1.1 and bf-ap-1.1.2.
    const goal1 = overview.byGoal.find((goal) => goal.code === "1");
    expect(goal1?.total).toBe(7);
    expect(overview.byGoal.reduce((sum, goal) => sum + goal.total, 0)).toBe(31);
    expect(overview.staleCount).toBe(31);
  });

  test("shows the latest status changes and leaves verified items out of the stale count", async () => {
    const editor = await createUser({ role: "editor", name: "Eva Editor" });
    await changeStatus(editor.id, {
      recommendationId: "gao-21-322-state-measures",
      expectedVersion: 1,
      toStatus: "in_progress",
      summary: "State drafted measures.",
      occurredOn: "2025-01-10",
    });
    await prisma.recommendation.update({
      where: { id: "gao-21-322-state-measures" },
      data: { lastVerifiedAt: new Date() },
    });
    const overview = await getOverview();
    expect(overview.recent[0]).toMatchObject({
      fromStatus: "not_started",
      toStatus: "in_progress",
      createdBy: { name: "Eva Editor" },
      recommendation: { id: "gao-21-322-state-measures" },
    });
    expect(overview.byStatus.in_progress).toBe(1);
    expect(overview.staleCount).toBe(30);
  });
});
