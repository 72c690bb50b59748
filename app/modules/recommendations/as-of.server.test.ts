import { beforeEach, describe, expect, test } from "vitest";
import type { OfficialStatus, Status } from "#app/generated/prisma/enums.ts";
import { prisma } from "#app/utils/db.server.ts";
import {
  countItemsAsOf,
  countsAsOf,
  findItemsAsOf,
  monthEnds,
  statusOverTime,
} from "./as-of.server.ts";

// Each test starts from the seeded catalogue: the items made here go.
beforeEach(async () => {
  await prisma.recommendation.deleteMany({ where: { id: { startsWith: "as-" } } });
  await prisma.source.deleteMany({ where: { code: { startsWith: "AS-" } } });
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function source(code: string, publishedDate: string | null) {
  return prisma.source.create({
    data: { code, title: `Source ${code}`, publisher: "GAO", kind: "gao_report", publishedDate },
  });
}

async function item(
  sourceId: string,
  id: string,
  status: Status,
  extra: { statusOfficial?: OfficialStatus; statusOfficialAsOf?: Date } = {},
) {
  return prisma.recommendation.create({
    data: {
      id,
      sourceId,
      reference: `asofitem ${id}`,
      title: `Item ${id}`,
      text: "Text",
      country: "US",
      status,
      verificationLevel: "official_text",
      sourceUrl: "https://example.org/",
      ...extra,
    },
  });
}

async function change(
  recommendationId: string,
  fromStatus: Status,
  toStatus: Status,
  occurredOn: string,
  enteredAt: string,
) {
  await prisma.statusChange.create({
    data: {
      recommendationId,
      fromStatus,
      toStatus,
      summary: `${fromStatus} → ${toStatus}`,
      occurredOn: day(occurredOn),
      createdAt: new Date(enteredAt),
    },
  });
}

/** Items A, B, C of source AS-1 (published March 2023) and D of AS-2 (published 2025-02-10). */
async function history() {
  const one = await source("AS-1", "2023-03");
  const two = await source("AS-2", "2025-02-10");
  // A: not_started → in_progress (2023-06-15) → partially_implemented (2024-02-01).
  await item(one.id, "as-a", "partially_implemented");
  await change("as-a", "not_started", "in_progress", "2023-06-15", "2023-06-16T10:00:00Z");
  await change(
    "as-a",
    "in_progress",
    "partially_implemented",
    "2024-02-01",
    "2024-02-02T10:00:00Z",
  );
  // B: two changes on the same day; the one entered later wins.
  await item(one.id, "as-b", "stalled");
  await change("as-b", "not_started", "in_progress", "2024-01-10", "2024-01-10T09:00:00Z");
  await change("as-b", "in_progress", "stalled", "2024-01-10", "2024-01-10T17:00:00Z");
  // C: no change recorded.
  await item(one.id, "as-c", "in_progress");
  // D: entered long after, but its source was published only in February 2025.
  await item(two.id, "as-d", "implemented");
  await change("as-d", "in_progress", "implemented", "2025-03-01", "2025-03-02T10:00:00Z");
}

async function statusesOn(asOf: string | null, filters = {}) {
  const rows = await findItemsAsOf({
    filters: { q: "asofitem", ...filters },
    asOf,
    sort: "reference",
    limit: 100,
  });
  return Object.fromEntries(rows.map((row) => [row.id, row.status]));
}

describe("status as of a date", () => {
  test("rebuilt from the history: before the first change, between changes, ties, today", async () => {
    await history();
    expect(await statusesOn("2023-02-28")).toEqual({});
    expect(await statusesOn("2023-03-01")).toEqual({
      "as-a": "not_started",
      "as-b": "not_started",
      "as-c": "in_progress",
    });
    expect(await statusesOn("2023-06-15")).toMatchObject({ "as-a": "in_progress" });
    expect(await statusesOn("2024-01-10")).toEqual({
      "as-a": "in_progress",
      "as-b": "stalled",
      "as-c": "in_progress",
    });
    expect(await statusesOn("2025-02-09")).not.toHaveProperty("as-d");
    expect(await statusesOn("2025-02-10")).toMatchObject({ "as-d": "in_progress" });
    expect(await statusesOn(null)).toEqual({
      "as-a": "partially_implemented",
      "as-b": "stalled",
      "as-c": "in_progress",
      "as-d": "implemented",
    });
  });

  test("the status filter applies to the status on that date, and counts agree", async () => {
    await history();
    expect(await statusesOn("2023-12-31", { status: "in_progress" })).toEqual({
      "as-a": "in_progress",
      "as-c": "in_progress",
    });
    expect(await countItemsAsOf({ q: "asofitem", status: "in_progress" }, "2023-12-31")).toBe(2);
    const counts = await countsAsOf({ source: "AS-1" }, "2023-12-31");
    expect(counts.total).toBe(3);
    expect(counts.byStatus).toEqual({ in_progress: 2, not_started: 1 });
  });

  test("an item archived later stays in the days before; absent from then on", async () => {
    await history();
    await prisma.recommendation.update({
      where: { id: "as-c" },
      data: { archivedAt: new Date("2024-01-10T15:00:00Z") },
    });
    // Archived during 10 January: it was there at the end of the 9th, not at the end of the 10th.
    expect(await statusesOn("2024-01-09")).toHaveProperty("as-c", "in_progress");
    expect(await statusesOn("2024-01-10")).not.toHaveProperty("as-c");
    expect(await statusesOn(null)).not.toHaveProperty("as-c");
    expect(await countItemsAsOf({ source: "AS-1" }, "2024-01-09")).toBe(3);
    expect(await countItemsAsOf({ source: "AS-1" }, "2024-01-10")).toBe(2);
    const months = await statusOverTime({ source: "AS-1" }, 3, new Date("2024-02-15T12:00:00Z"));
    // The end of December still counts it; the end of January and today do not.
    expect(months.map((point) => point.total)).toEqual([3, 2, 2]);
  });
});

test("a whole set read in batches with `after` gives every item once, in catalogue order", async () => {
  const all = await findItemsAsOf({ filters: {}, asOf: "2024-01-01", limit: 1000 });
  const batches: string[] = [];
  let after;
  for (;;) {
    const batch = await findItemsAsOf({ filters: {}, asOf: "2024-01-01", limit: 7, after });
    if (batch.length === 0) break;
    batches.push(...batch.map((row) => row.id));
    after = batch.at(-1);
  }
  expect(all.length).toBeGreaterThan(20);
  expect(batches).toEqual(all.map((row) => row.id));
});

describe("official status as of a date", () => {
  test("the issuer's value with the latest as-of date on or before the day", async () => {
    const one = await source("AS-OFF", "2020-01");
    await item(one.id, "as-off", "in_progress", {
      statusOfficial: "closed_implemented",
      statusOfficialAsOf: day("2025-05-01"),
    });
    await prisma.officialStatusChange.create({
      data: {
        recommendationId: "as-off",
        fromStatus: null,
        toStatus: "open",
        asOf: day("2023-01-01"),
        createdAt: new Date("2023-01-05T00:00:00Z"),
      },
    });
    await prisma.officialStatusChange.create({
      data: {
        recommendationId: "as-off",
        fromStatus: "open",
        fromAsOf: day("2023-01-01"),
        toStatus: "closed_implemented",
        asOf: day("2025-05-01"),
        createdAt: new Date("2025-05-03T00:00:00Z"),
      },
    });
    const on = async (asOf: string | null) => {
      const [row] = await findItemsAsOf({ filters: { q: "as-off" }, asOf, limit: 1 });
      return (
        row && { status: row.officialStatus, asOf: row.officialAsOf?.toISOString().slice(0, 10) }
      );
    };
    expect(await on("2022-12-31")).toEqual({ status: null, asOf: undefined });
    expect(await on("2024-06-30")).toEqual({ status: "open", asOf: "2023-01-01" });
    expect(await on("2025-05-01")).toEqual({ status: "closed_implemented", asOf: "2025-05-01" });
    expect(await on(null)).toEqual({ status: "closed_implemented", asOf: "2025-05-01" });
  });
});

describe("status over time", () => {
  test("month ends, the current month last", () => {
    expect(monthEnds(3, new Date("2024-03-10T12:00:00Z"))).toEqual([
      "2024-01-31",
      "2024-02-29",
      "2024-03-31",
    ]);
  });

  test("counts at each month end match the history computed by hand", async () => {
    await history();
    const now = new Date("2025-03-15T12:00:00Z");
    const points = await statusOverTime({ q: "asofitem" }, 28, now);
    const at = (date: string) => points.find((point) => point.date === date);
    expect(points).toHaveLength(28);
    expect(points[0]?.date).toBe("2022-12-31");
    // Nothing published yet.
    expect(at("2023-02-28")?.counts).toEqual({});
    expect(at("2023-03-31")?.counts).toEqual({ not_started: 2, in_progress: 1 });
    expect(at("2023-06-30")?.counts).toEqual({ not_started: 1, in_progress: 2 });
    expect(at("2024-01-31")?.counts).toEqual({ in_progress: 2, stalled: 1 });
    expect(at("2024-02-29")?.counts).toEqual({
      partially_implemented: 1,
      in_progress: 1,
      stalled: 1,
    });
    // D arrives with its source in February 2025, with the status it had before its change.
    expect(at("2025-02-28")?.counts).toEqual({
      partially_implemented: 1,
      in_progress: 2,
      stalled: 1,
    });
    const last = points.at(-1)!;
    expect(last).toMatchObject({ date: "2025-03-31", current: true, total: 4 });
    expect(last.counts).toEqual({
      partially_implemented: 1,
      in_progress: 1,
      stalled: 1,
      implemented: 1,
    });
    // Filtered by status: only that status's count, month by month.
    const stalled = await statusOverTime({ q: "asofitem", status: "stalled" }, 28, now);
    expect(stalled.find((point) => point.date === "2024-01-31")?.counts).toEqual({ stalled: 1 });
    expect(stalled.find((point) => point.date === "2023-12-31")?.counts).toEqual({});
  });
});
