import { beforeAll, describe, expect, test } from "vitest";
import type { Prisma } from "#app/generated/prisma/client.ts";
import type { Status } from "#app/generated/prisma/enums.ts";
import { createUser } from "#tests/factories.ts";
import { isoDay } from "#tests/tracking-factories.ts";
import { changeStatus } from "#app/modules/tracking/status-change.server.ts";
import { setTimeZone, timeZone } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { catalogue } from "../../../prisma/seed.ts";
import { getDashboard, type ChartRow } from "./overview.server.ts";

// The tests in this file share one database: the statuses set here are the background of all of
// them, and each test's own changes are to items no other test counts on.
const statuses: Record<string, Status> = {
  "bf-goal-1": "in_progress",
  "bf-1-public-health": "implemented",
  "bf-1-homicides": "stalled",
  "bf-ap-1.1.1": "partially_implemented",
  "pc-4-prevention": "in_progress",
  "gao-16-223-doj-mou": "implemented",
  "gao-21-322-atf-data": "in_progress",
  "gao-21-322-info-sharing": "not_implemented",
  "gao-21-322-cbp-measures": "stalled",
};

beforeAll(async () => {
  for (const [id, status] of Object.entries(statuses)) {
    await prisma.recommendation.update({ where: { id }, data: { status } });
  }
  // A joint objective linked to its cooperation area and its goal too still counts once for
  // goal 1; an item of goal 1 that also serves goal 2 counts for both.
  await prisma.recommendation.update({
    where: { id: "bf-ap-1.1.1" },
    data: { goals: { connect: [{ code: "1.1" }, { code: "1" }] } },
  });
  await prisma.recommendation.update({
    where: { id: "bf-1-homicides" },
    data: { goals: { connect: [{ code: "2" }] } },
  });
});

/** Counts by status of the items matching `where`, straight from the database. */
async function databaseCounts(where: Prisma.RecommendationWhereInput) {
  const groups = await prisma.recommendation.groupBy({
    by: ["status"],
    where: { archivedAt: null, ...where },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
}

const inGoal = (code: string): Prisma.RecommendationWhereInput => ({
  goals: {
    some: {
      OR: [{ code }, { parent: { code } }, { parent: { parent: { code } } }],
    },
  },
});

const row = (rows: ChartRow[], code: string) => rows.find((r) => r.code === code);

describe("getDashboard", () => {
  test("a dashboard cached before the tracker's midnight is not reused after it", async () => {
    const zone = timeZone();
    setTimeZone("Asia/Kolkata");
    try {
      // 23:50 on 31 March and 00:10 on 1 April in India (UTC+5:30): one UTC hour.
      const before = await getDashboard({}, null, new Date("2026-03-31T18:20:00Z"));
      const after = await getDashboard({}, null, new Date("2026-03-31T18:40:00Z"));
      expect(before.overTime.at(-1)?.date).toBe("2026-03-31");
      expect(after.overTime.at(-1)?.date).toBe("2026-04-30");
    } finally {
      setTimeZone(zone);
    }
  });

  test("without filters, counts cover the whole catalogue", async () => {
    const dashboard = await getDashboard({}, null);
    expect(dashboard.total).toBe(catalogue.recommendations.length);
    expect(dashboard.byStatus).toEqual(await databaseCounts({}));
    expect(row(dashboard.bySource, "GAO-21-322")?.total).toBe(7);
    expect(dashboard.byGoal.map((goal) => goal.code)).toEqual(["1", "2", "3"]);
    // bf-ap-1.1.1 is linked to 1, 1.1 and 1.1.1 and counts once; bf-1-homicides counts for 1 and 2.
    expect(row(dashboard.byGoal, "1")?.total).toBe(7);
    expect(row(dashboard.byGoal, "2")?.total).toBe(24);
    expect(dashboard.overTime).toHaveLength(24);
    expect(dashboard.overTime.at(-1)?.counts).toEqual(dashboard.byStatus);
    expect(dashboard.menus.goals.map((goal) => goal.code)).toContain("1.1.1");
  });

  test("filtered to a goal, every count matches the database", async () => {
    const dashboard = await getDashboard({ goal: "1" }, null);
    const expected = await databaseCounts(inGoal("1"));
    expect(dashboard.total).toBe(7);
    expect(dashboard.byStatus).toEqual(expected);
    // Only goal 1's bar (its items that serve goal 2 too would not match a goal-2 list).
    expect(dashboard.byGoal).toHaveLength(1);
    expect(dashboard.byGoal[0]).toMatchObject({
      code: "1",
      value: "1",
      counts: expected,
      total: 7,
    });
    for (const source of dashboard.bySource) {
      expect(source.counts, source.code).toEqual(
        await databaseCounts({ ...inGoal("1"), source: { code: source.code } }),
      );
    }
    expect(dashboard.bySource.reduce((sum, source) => sum + source.total, 0)).toBe(7);
    for (const actor of dashboard.byActor) {
      expect(actor.counts, actor.code).toEqual(
        await databaseCounts({ ...inGoal("1"), actors: { some: { code: actor.code } } }),
      );
    }
    expect(dashboard.byActor.map((actor) => actor.code)).toContain("CIVIL-SOCIETY");
    expect(dashboard.overTime.at(-1)?.total).toBe(7);
  });

  test("filtered to a cooperation area, the goal bar is its goal's, linked with the area", async () => {
    const dashboard = await getDashboard({ goal: "1.1" }, null);
    expect(dashboard.total).toBe(2);
    expect(dashboard.byGoal).toEqual([
      expect.objectContaining({ code: "1", value: "1.1", title: "Protect Our People", total: 2 }),
    ]);
  });

  test("filtered to an actor, every count matches the database", async () => {
    const atf: Prisma.RecommendationWhereInput = { actors: { some: { code: "ATF" } } };
    const dashboard = await getDashboard({ actor: "atf" }, null);
    const expected = await databaseCounts(atf);
    expect(dashboard.total).toBe(6);
    expect(dashboard.byStatus).toEqual(expected);
    expect(dashboard.byActor).toEqual([
      expect.objectContaining({ code: "ATF", counts: expected, total: 6 }),
    ]);
    for (const goal of dashboard.byGoal) {
      expect(goal.counts, goal.code).toEqual(
        await databaseCounts({ ...atf, ...inGoal(goal.code) }),
      );
    }
    for (const source of dashboard.bySource) {
      expect(source.counts, source.code).toEqual(
        await databaseCounts({ ...atf, source: { code: source.code } }),
      );
    }
    expect(dashboard.bySource.map((source) => source.code)).toEqual([
      "GAO-16-223",
      "GAO-16-235",
      "GAO-21-322",
      "GAO-26-108061",
    ]);
  });

  test("items due for checking and never checked are counted apart, within the filters, by today's clock", async () => {
    await prisma.recommendation.update({
      where: { id: "gao-21-322-state-measures" },
      data: { lastVerifiedAt: new Date() },
    });
    await prisma.recommendation.update({
      where: { id: "gao-21-322-cbp-measures" },
      data: { lastVerifiedAt: new Date(Date.now() - 100 * 24 * 60 * 60 * 1000) },
    });
    const all = await getDashboard({}, null);
    expect(all.staleCount).toBe(1);
    expect(all.neverCheckedCount).toBe(33);
    const gao = await getDashboard({ source: "GAO-21-322" }, null);
    expect([gao.staleCount, gao.neverCheckedCount]).toEqual([1, 5]);
    // The as-of date moves the counts, not the work still to do today.
    const past = await getDashboard({ source: "GAO-21-322" }, "2024-01-01");
    expect([past.staleCount, past.neverCheckedCount]).toEqual([1, 5]);
  });

  test("the last 30 days list the filtered items' changes, newest first, without staff names", async () => {
    const editor = await createUser({
      role: "editor",
      name: "Eva Editor",
      email: "eva.editor@example.org",
    });
    const change = (id: string, toStatus: Status, daysAgo: number) =>
      changeStatus(editor.id, {
        recommendationId: id,
        expectedVersion: 1,
        toStatus,
        summary: `Moved ${daysAgo} days ago.`,
        occurredOn: isoDay(-daysAgo),
      });
    const recent = await change("gao-16-235-state-reports", "in_progress", 3);
    const older = await change("gao-16-235-atf-targets", "stalled", 12);
    const old = await change("gao-16-223-ondcp-indicators", "in_progress", 40);
    // Exactly 30 days ago: outside, as on the what-changed page the dashboard links to.
    const edge = await change("gao-16-223-dhs-mou", "stalled", 30);

    const dashboard = await getDashboard({}, null);
    const ids = dashboard.recent.items.map((item) => item.id);
    expect(ids).toEqual([recent.id, older.id]);
    expect(ids).not.toContain(old.id);
    expect(ids).not.toContain(edge.id);
    expect(dashboard.recent.total).toBe(2);
    expect(dashboard.recent.from).toBe(isoDay(-30));
    expect(dashboard.recent.items[0]).toMatchObject({
      id: recent.id,
      fromStatus: "not_started",
      toStatus: "in_progress",
      occurredOn: isoDay(-3),
      recommendation: { id: "gao-16-235-state-reports" },
    });
    const text = JSON.stringify(dashboard);
    expect(text).not.toContain("Eva Editor");
    expect(text).not.toContain("eva.editor@example.org");
    expect(text).not.toContain(editor.id);

    // The filters apply: only the change of the ATF item.
    const atf = await getDashboard({ actor: "ATF" }, null);
    expect(atf.recent.items.map((item) => item.id)).toEqual([older.id]);
    // On an earlier date, its 30 days end that day.
    const before = await getDashboard({}, isoDay(-20));
    expect(before.recent.to).toBe(isoDay(-20));
    expect(before.recent.items.map((item) => item.id)).toEqual([edge.id, old.id]);
    expect(before.byStatus.in_progress).toBe((dashboard.byStatus.in_progress ?? 0) - 1);
  });
});
