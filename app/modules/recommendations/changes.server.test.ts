import { currentDay } from "#app/utils/dates.ts";
import { beforeAll, describe, expect, test } from "vitest";
import type { OfficialStatus, Status } from "#app/generated/prisma/enums.ts";
import { prisma } from "#app/utils/db.server.ts";
import { clearCache, shelfUsage } from "#app/utils/cache.server.ts";
import { createUser } from "#tests/factories.ts";
import {
  changesInPeriod,
  defaultPeriod,
  getChanges,
  movesBetween,
  parseChangesQuery,
  reportsHref,
} from "./changes.server.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
// Every item made here has "chitem" in its reference, so that this filter picks them alone.
const mine = { q: "chitem" };
const period = { from: "2024-03-31", to: "2024-06-30" };
const staff = { name: "Zelda Recorder", email: "zelda.recorder@example.org" };

async function source(code: string, publishedDate: string) {
  return prisma.source.create({
    data: {
      code,
      title: `Source ${code}`,
      titleEs: `Fuente ${code}`,
      publisher: "GAO",
      kind: "gao_report",
      publishedDate,
    },
  });
}

async function item(
  sourceId: string,
  id: string,
  status: Status,
  official: { statusOfficial: OfficialStatus; statusOfficialAsOf: Date } | object = {},
) {
  return prisma.recommendation.create({
    data: {
      id,
      sourceId,
      reference: `chitem ${id}`,
      title: `Item ${id}`,
      titleEs: `Recomendación ${id}`,
      text: "Text",
      country: "US",
      status,
      verificationLevel: "official_text",
      sourceUrl: "https://example.org/",
      ...official,
    },
  });
}

let userId: string;

async function change(id: string, fromStatus: Status, toStatus: Status, occurredOn: string) {
  await prisma.statusChange.create({
    data: {
      recommendationId: id,
      fromStatus,
      toStatus,
      summary: `${id}: ${fromStatus} to ${toStatus}`,
      occurredOn: day(occurredOn),
      createdById: userId,
    },
  });
}

async function officialChange(
  id: string,
  from: [OfficialStatus | null, string | null],
  to: [OfficialStatus | null, string],
) {
  await prisma.officialStatusChange.create({
    data: {
      recommendationId: id,
      fromStatus: from[0],
      fromAsOf: from[1] ? day(from[1]) : null,
      toStatus: to[0],
      asOf: day(to[1]),
      createdById: userId,
    },
  });
}

// The period is (2024-03-31, 2024-06-30]. One history for the whole file (read-only tests).
beforeAll(async () => {
  userId = (await createUser({ ...staff, role: "editor" })).id;
  const one = await source("CH-1", "2020-01-01");
  const late = await source("CH-2", "2024-05-01");
  const three = await source("CH-3", "2020-06");
  // A: moves inside the period.
  await item(one.id, "ch-a", "in_progress");
  await change("ch-a", "not_started", "in_progress", "2024-04-10");
  // B: a change on the day `from` (outside: that day's state is the baseline) and one the day
  // after `to` (outside too).
  await item(one.id, "ch-b", "partially_implemented");
  await change("ch-b", "not_started", "in_progress", "2024-03-31");
  await change("ch-b", "in_progress", "partially_implemented", "2024-07-01");
  // C: a change on the day `to` (inside).
  await item(one.id, "ch-c", "stalled");
  await change("ch-c", "in_progress", "stalled", "2024-06-30");
  // D: its source was published inside the period: new in the period; its change comes later.
  await item(late.id, "ch-d", "implemented");
  await change("ch-d", "in_progress", "implemented", "2024-08-01");
  // E: nothing recorded.
  await item(one.id, "ch-e", "not_started");
  // F: official status open → open (only its date moved) → closed–implemented, both inside.
  await item(three.id, "ch-f", "not_started", {
    statusOfficial: "closed_implemented",
    statusOfficialAsOf: day("2024-05-15"),
  });
  await officialChange("ch-f", ["open", "2023-01-01"], ["open", "2024-04-20"]);
  await officialChange("ch-f", ["open", "2024-04-20"], ["closed_implemented", "2024-05-15"]);
  // G: first official status dated on the day `from` (outside).
  await item(three.id, "ch-g", "not_started", {
    statusOfficial: "open",
    statusOfficialAsOf: day("2024-03-31"),
  });
  await officialChange("ch-g", [null, null], ["open", "2024-03-31"]);
  // H: first official status dated the day after `to` (outside).
  await item(three.id, "ch-h", "not_started", {
    statusOfficial: "open",
    statusOfficialAsOf: day("2024-07-01"),
  });
  await officialChange("ch-h", [null, null], ["open", "2024-07-01"]);
});

/** Moves as "from>to": count, for comparing with a hand computation. */
function table(moves: Array<{ from: string; to: string; count: number }>) {
  return Object.fromEntries(moves.map((move) => [`${move.from}>${move.to}`, move.count]));
}

function listed(list: Awaited<ReturnType<typeof changesInPeriod>>) {
  return list.groups.map((group) => ({
    source: group.source.code,
    changes: group.changes.map(
      (entry) => `${entry.date} ${entry.kind} ${entry.item.id} ${entry.fromValue}>${entry.toValue}`,
    ),
  }));
}

describe("counts that moved", () => {
  test("status and official status on `from` against `to`, by hand", async () => {
    const moves = await movesBetween(mine, period);
    expect(moves.total).toBe(8);
    expect(moves.newInPeriod).toBe(1);
    expect(moves.changed).toBe(2);
    expect(table(moves.status)).toEqual({
      "not_started>in_progress": 1, // A
      "in_progress>in_progress": 1, // B: both its changes fall outside
      "in_progress>stalled": 1, // C: on the day `to`
      "new>in_progress": 1, // D: the status before its first (later) change
      "not_started>not_started": 4, // E, F, G, H
    });
    expect(table(moves.official)).toEqual({
      "none>none": 5, // A, B, C, E, and H: dated the day after `to`
      "new>none": 1, // D
      "open>closed_implemented": 1, // F
      "open>open": 1, // G: dated on `from`
    });
  });

  test("up to today, the current statuses are the `to` side", async () => {
    const moves = await movesBetween(mine, {
      from: "2024-06-30",
      to: currentDay(),
    });
    expect(moves.total).toBe(8);
    expect(moves.newInPeriod).toBe(0);
    expect(table(moves.status)).toMatchObject({
      "in_progress>partially_implemented": 1, // B
      "in_progress>implemented": 1, // D
      "stalled>stalled": 1,
    });
    expect(table(moves.official)).toMatchObject({ "none>open": 1 }); // H
  });

  test("filters narrow them; a status filter applies to the status on `to`", async () => {
    const bySource = await movesBetween({ ...mine, source: "CH-3" }, period);
    expect(bySource.total).toBe(3);
    expect(table(bySource.status)).toEqual({ "not_started>not_started": 3 });

    const stalled = await movesBetween({ ...mine, status: "stalled" }, period);
    expect(table(stalled.status)).toEqual({ "in_progress>stalled": 1 });
    const inProgress = await movesBetween({ ...mine, status: "in_progress" }, period);
    expect(table(inProgress.status)).toEqual({
      "not_started>in_progress": 1,
      "in_progress>in_progress": 1,
      "new>in_progress": 1,
    });
  });
});

describe("every change in the period", () => {
  test("exactly the changes in (from, to], grouped by source, newest first", async () => {
    const list = await changesInPeriod(mine, period);
    expect(listed(list)).toEqual([
      {
        source: "CH-1",
        changes: [
          "2024-06-30 status ch-c in_progress>stalled",
          "2024-04-10 status ch-a not_started>in_progress",
        ],
      },
      { source: "CH-3", changes: ["2024-05-15 official ch-f open>closed_implemented"] },
    ]);
    expect(list).toMatchObject({ total: 3, statusChanges: 2, officialChanges: 1, more: 0 });
    expect(list.groups[0]!.source).toEqual({
      code: "CH-1",
      title: "Source CH-1",
      titleEs: "Fuente CH-1",
    });
    const a = list.groups[0]!.changes[1]!;
    expect(a.summary).toBe("ch-a: not_started to in_progress");
    expect(a.item).toEqual({
      id: "ch-a",
      reference: "chitem ch-a",
      referenceEs: null,
      title: "Item ch-a",
      titleEs: "Recomendación ch-a",
    });
    expect(list.groups[1]!.changes[0]!.summary).toBeNull();
  });

  test("filters narrow the list; a status filter applies to the status on `to`", async () => {
    expect(listed(await changesInPeriod({ ...mine, source: "CH-3" }, period))).toEqual([
      { source: "CH-3", changes: ["2024-05-15 official ch-f open>closed_implemented"] },
    ]);
    expect(listed(await changesInPeriod({ ...mine, status: "stalled" }, period))).toEqual([
      { source: "CH-1", changes: ["2024-06-30 status ch-c in_progress>stalled"] },
    ]);
    expect((await changesInPeriod({ ...mine, country: "MX" }, period)).total).toBe(0);
  });

  test("past the limit: the newest are listed and the rest counted", async () => {
    const list = await changesInPeriod(mine, period, { limit: 2 });
    expect(listed(list)).toEqual([
      { source: "CH-1", changes: ["2024-06-30 status ch-c in_progress>stalled"] },
      { source: "CH-3", changes: ["2024-05-15 official ch-f open>closed_implemented"] },
    ]);
    expect(list).toMatchObject({ total: 3, more: 1 });
  });

  test("nothing in the page's data names the staff who recorded a change", async () => {
    const data = await getChanges({ filters: mine, ...period, isDefaultPeriod: false });
    const text = JSON.stringify(data);
    expect(text).toContain("ch-a");
    expect(text).not.toContain(staff.name);
    expect(text).not.toContain(staff.email);
    expect(text).not.toContain(userId);
  });
});

describe("the period from the query", () => {
  const now = new Date("2026-11-15T12:00:00Z");
  const parse = (query: string) => parseChangesQuery(new URLSearchParams(query), now);

  test("defaults to this quarter so far against the end of the last one", () => {
    expect(defaultPeriod(now)).toEqual({ from: "2026-09-30", to: "2026-11-15" });
    expect(parse("")).toEqual({
      query: { filters: {}, from: "2026-09-30", to: "2026-11-15", isDefaultPeriod: true },
      errors: {},
    });
    expect(parse("from=2026-01-31&to=2026-06-30&source=GAO-21-322").query).toEqual({
      filters: { source: "GAO-21-322" },
      from: "2026-01-31",
      to: "2026-06-30",
      isDefaultPeriod: false,
    });
  });

  test("a bad, future or reversed date: a message by name, and the default period", () => {
    const defaults = { from: "2026-09-30", to: "2026-11-15", isDefaultPeriod: true };
    expect(parse("from=2026-02-30&to=2026-06-30")).toMatchObject({
      query: defaults,
      errors: { from: { key: "review.changes.errors.date" } },
    });
    expect(parse("to=2026-11-16")).toMatchObject({
      query: defaults,
      errors: { to: { key: "review.changes.errors.future" } },
    });
    expect(parse("from=2026-07-01&to=2026-06-30")).toMatchObject({
      query: defaults,
      errors: { from: { key: "review.changes.errors.order" } },
    });
    // The other filters keep working, and their own errors sit beside them.
    expect(parse("from=yesterday&status=finished&country=MX")).toMatchObject({
      query: { ...defaults, filters: { country: "MX" } },
      errors: {
        from: { key: "review.changes.errors.date" },
        status: { key: "filters.errors.choice" },
      },
    });
  });

  test("the reports page for the same view starts its history the day after `from`", () => {
    const { query } = parse("from=2026-06-30&to=2026-09-30&source=GAO-21-322");
    expect(reportsHref(query, now)).toBe(
      "/reports?source=GAO-21-322&asOf=2026-09-30&from=2026-07-01",
    );
    expect(reportsHref(parse("").query, now)).toBe("/reports?from=2026-10-01");
    // An empty period has no first day: the reports page's own default, never an error.
    expect(reportsHref(parse("from=2026-06-30&to=2026-06-30").query, now)).toBe(
      "/reports?asOf=2026-06-30",
    );
  });

  test("an end without a start: that end's quarter so far, not an error", () => {
    expect(parse("to=2025-06-30")).toEqual({
      query: { filters: {}, from: "2025-03-31", to: "2025-06-30", isDefaultPeriod: false },
      errors: {},
    });
  });
});

describe("the starting point kept on the history version", () => {
  test("kept across a change dated today; a back-dated change or an official status moves it", async () => {
    const four = await source("CH-4", "2020-01-01");
    await item(four.id, "ch-k", "in_progress");
    await change("ch-k", "not_started", "in_progress", "2024-04-10");
    const bySource = { source: "CH-4" };
    const since = { from: "2024-03-31", to: currentDay() };
    clearCache();
    expect(table((await movesBetween(bySource, since)).status)).toEqual({
      "not_started>in_progress": 1,
    });
    expect(shelfUsage("history").entries).toBe(1);

    // Today's change: the start is kept, the end is read again.
    await prisma.$transaction([
      prisma.statusChange.create({
        data: {
          recommendationId: "ch-k",
          fromStatus: "in_progress",
          toStatus: "stalled",
          summary: "today",
          occurredOn: day(currentDay()),
        },
      }),
      prisma.recommendation.update({ where: { id: "ch-k" }, data: { status: "stalled" } }),
    ]);
    expect(table((await movesBetween(bySource, since)).status)).toEqual({
      "not_started>stalled": 1,
    });
    expect(shelfUsage("history").entries).toBe(1);

    // Recorded now, dated before the start: the start is read again.
    await change("ch-k", "not_started", "implemented", "2024-02-01");
    expect(table((await movesBetween(bySource, since)).status)).toEqual({
      "implemented>stalled": 1,
    });
    await officialChange("ch-k", [null, null], ["open", "2024-01-05"]);
    expect(table((await movesBetween(bySource, since)).official)).toEqual({ "open>none": 1 });
  });
});
