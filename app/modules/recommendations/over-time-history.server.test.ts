import { beforeEach, describe, expect, test } from "vitest";
import type { Status } from "#app/generated/prisma/enums.ts";
import { createUser } from "#tests/factories.ts";
import { changeStatus } from "#app/modules/tracking/status-change.server.ts";
import { clearCache } from "#app/utils/cache.server.ts";
import { addDays, currentDay, monthEnd } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { pastMonthEndComputations, statusOverTime } from "./as-of.server.ts";

// The past month ends of the status-over-time chart are kept on the history version (migration
// 0015): kept across a change dated today, computed again after any change that can alter them.

beforeEach(async () => {
  await prisma.recommendation.deleteMany({ where: { id: { startsWith: "oh-" } } });
  await prisma.source.deleteMany({ where: { code: { startsWith: "OH-" } } });
  clearCache();
});

const MONTHS = 6;
const filters = { source: "OH-1" };

/**
 * The migration's cutoff: a change dated before the first day of the month of tomorrow (UTC)
 * counts as past. On the last day of a month (UTC) a change dated today counts as past too.
 */
function cutoff(now = new Date()): string {
  const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  return `${tomorrow.slice(0, 7)}-01`;
}

async function source(code: string, publishedDate: string | null = null) {
  return prisma.source.create({
    data: { code, title: `Source ${code}`, publisher: "GAO", kind: "gao_report", publishedDate },
  });
}

async function item(sourceId: string, id: string, status: Status) {
  return prisma.recommendation.create({
    data: {
      id,
      sourceId,
      reference: `ohitem ${id}`,
      title: `Item ${id}`,
      text: "Text",
      country: "US",
      status,
      verificationLevel: "official_text",
      sourceUrl: "https://example.org/",
    },
  });
}

async function change(id: string, fromStatus: Status, toStatus: Status, occurredOn: string) {
  await prisma.$transaction([
    prisma.statusChange.create({
      data: {
        recommendationId: id,
        fromStatus,
        toStatus,
        summary: `${fromStatus} → ${toStatus}`,
        occurredOn: new Date(`${occurredOn}T00:00:00Z`),
      },
    }),
    prisma.recommendation.update({ where: { id }, data: { status: toStatus } }),
  ]);
}

/** The chart as the page gets it, and how many times its past was computed for it. */
async function chart(chartFilters: Parameters<typeof statusOverTime>[0] = filters) {
  const before = pastMonthEndComputations();
  const points = await statusOverTime(chartFilters, MONTHS);
  return { points, computed: pastMonthEndComputations() - before };
}

/** The same chart computed afresh, nothing kept. */
async function uncached(chartFilters: Parameters<typeof statusOverTime>[0] = filters) {
  clearCache();
  const before = pastMonthEndComputations();
  const points = await statusOverTime(chartFilters, MONTHS);
  expect(pastMonthEndComputations() - before).toBe(1);
  return points;
}

/** Two sources, three items; item 1 changed three months ago, items 2 and 3 never. */
async function fill() {
  const one = await source("OH-1");
  const two = await source("OH-2");
  const today = currentDay();
  await item(one.id, "oh-1", "not_started");
  await change("oh-1", "not_started", "in_progress", addDays(monthEnd(today, 3), -3));
  await item(one.id, "oh-2", "stalled");
  await item(two.id, "oh-3", "implemented");
  return { one, two, today };
}

/** Expects the chart to be computed again after `write`, and to equal the uncached one. */
async function expectRecomputed(write: () => Promise<unknown>) {
  await chart();
  expect((await chart()).computed).toBe(0);
  await write();
  const after = await chart();
  expect(after.computed).toBe(1);
  expect(after.points).toEqual(await uncached());
  return after.points;
}

describe("the past month ends, kept on the history version", () => {
  test("a status change dated today keeps them; today's point follows it", async () => {
    const { today } = await fill();
    const editor = await createUser({ role: "editor" });
    const first = await chart();
    expect(first.computed).toBe(1);
    expect(first.points.at(-1)!.counts).toEqual({ in_progress: 1, stalled: 1 });
    expect((await chart()).computed).toBe(0);

    await changeStatus(editor.id, {
      recommendationId: "oh-1",
      expectedVersion: (await prisma.recommendation.findUniqueOrThrow({ where: { id: "oh-1" } }))
        .version,
      toStatus: "stalled",
      summary: "Stalled today.",
      occurredOn: today,
    });
    // Evidence, notes and checks never touch a past day either.
    await prisma.recommendation.update({
      where: { id: "oh-2" },
      data: { lastVerifiedAt: new Date(), title: "Item oh-2, retitled" },
    });
    const after = await chart();
    // On the last day of a month (UTC) today is still before the cutoff: then it is computed.
    expect(after.computed).toBe(today >= cutoff() ? 0 : 1);
    expect(after.points.at(-1)!.counts).toEqual({ stalled: 2 });
    expect(after.points).toEqual(await uncached());
    expect(after.points.slice(0, -1)).toEqual(first.points.slice(0, -1));
  });

  test("a back-dated status change computes them again", async () => {
    const { today } = await fill();
    const points = await expectRecomputed(() =>
      change("oh-1", "in_progress", "stalled", addDays(monthEnd(today, 2), -1)),
    );
    expect(points.at(-2)!.counts).toEqual({ stalled: 2 });
  });

  test("a new item, an unarchived one, a moved one compute them again", async () => {
    const { one, two } = await fill();
    let points = await expectRecomputed(() => item(one.id, "oh-4", "in_progress"));
    expect(points[0]!.counts).toEqual({ not_started: 1, stalled: 1, in_progress: 1 });

    // Archiving now leaves the past as it was (kept, except in the hours around a month's end).
    await chart();
    await prisma.recommendation.update({ where: { id: "oh-4" }, data: { archivedAt: new Date() } });
    const archived = await chart();
    const boundary = new Date(`${cutoff()}T12:00:00Z`).getTime();
    expect(archived.computed).toBe(Date.now() >= boundary ? 0 : 1);
    expect(archived.points).toEqual(await uncached());

    points = await expectRecomputed(() =>
      prisma.recommendation.update({ where: { id: "oh-4" }, data: { archivedAt: null } }),
    );
    expect(points.at(-2)!.total).toBe(3);

    points = await expectRecomputed(() =>
      prisma.recommendation.update({ where: { id: "oh-2" }, data: { sourceId: two.id } }),
    );
    expect(points.at(-2)!.counts).toEqual({ in_progress: 2 });
  });

  test("a source's published date, or a new status of an item without changes, compute them again", async () => {
    const { today } = await fill();
    const points = await expectRecomputed(() =>
      prisma.source.update({
        where: { code: "OH-1" },
        data: { publishedDate: monthEnd(today, 1).slice(0, 7) },
      }),
    );
    expect(points.slice(0, -2).map((point) => point.total)).toEqual([0, 0, 0, 0]);
    expect(points.at(-2)!.total).toBe(2);

    const after = await expectRecomputed(() =>
      prisma.recommendation.update({ where: { id: "oh-2" }, data: { status: "implemented" } }),
    );
    expect(after.at(-2)!.counts).toEqual({ in_progress: 1, implemented: 1 });
  });

  test("the first change of an item dated today computes them again; filters beyond source, country and status are not kept", async () => {
    const { today } = await fill();
    // oh-2 has no change: one dated today decides what it showed in the past ("from" status).
    await expectRecomputed(() => change("oh-2", "in_progress", "implemented", today));

    const search = { q: "ohitem" };
    expect((await chart(search)).computed).toBe(1);
    expect((await chart(search)).computed).toBe(1);
    const kept = { source: "OH-1", country: "US" as const, status: "in_progress" as const };
    expect((await chart(kept)).computed).toBe(1);
    expect((await chart(kept)).computed).toBe(0);
  });
});
