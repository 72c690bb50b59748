import { expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { countCatalogue, countKind, listRecommendationPage } from "./admin-queries.server.ts";
import type { AdminRecommendationQuery } from "./admin-list-query.ts";

const active = (query: Partial<AdminRecommendationQuery> = {}) =>
  listRecommendationPage({ archived: false, page: 1, size: 25, ...query });

/** Every active recommendation's id in catalogue order, read without the page's query. */
async function catalogueOrder() {
  const rows = await prisma.recommendation.findMany({
    where: { archivedAt: null },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

const ids = (page: { rows: Array<{ id: string }> }) => page.rows.map((row) => row.id);

test("counts each kind's active and archived records", async () => {
  await prisma.actor.update({ where: { id: "actor-atf" }, data: { archivedAt: new Date() } });
  const counts = await countCatalogue();
  expect(counts.sources).toEqual({ active: 23, archived: 0 });
  expect(counts.recommendations).toEqual({ active: 35, archived: 0 });
  expect(counts.actors).toEqual({ active: 15, archived: 1 });
  expect(counts.tags).toEqual({ active: 0, archived: 0 });
  expect(await countKind("actors")).toEqual(counts.actors);
  expect(await countKind("recommendations")).toEqual(counts.recommendations);
});

test("reads one page at a time in catalogue order, with the count of all", async () => {
  const order = await catalogueOrder();
  expect(order).toHaveLength(35);

  const first = await active();
  expect(first).toMatchObject({ total: 35, page: 1, pageCount: 2, pageSize: 25 });
  expect(first.requestedPage).toBeUndefined();
  expect(ids(first)).toEqual(order.slice(0, 25));
  expect(first.rows[0]).toEqual({
    id: "bf-goal-1",
    reference: "Bicentennial Framework Goal 1",
    title: "Goal 1 – Protect Our People",
    titleEs: "Meta 1 – Proteger a nuestra gente",
    sourceCode: "BF-2021",
    archivedAt: null,
  });

  const second = await active({ page: 2 });
  expect(second).toMatchObject({ total: 35, page: 2, pageCount: 2 });
  expect(ids(second)).toEqual(order.slice(25));

  const fifty = await active({ size: 50 });
  expect(fifty).toMatchObject({ total: 35, page: 1, pageCount: 1, pageSize: 50 });
  expect(ids(fifty)).toEqual(order);

  // Past the end: the last page, saying which page was asked for.
  const past = await active({ page: 9 });
  expect(past).toMatchObject({ page: 2, requestedPage: 9, pageCount: 2 });
  expect(ids(past)).toEqual(order.slice(25));
});

test("finds words with or without their accents, in any case, every word required", async () => {
  await prisma.recommendation.update({
    where: { id: "pc-4-prevention" },
    data: { titleEs: "Prevención zyxcañón con actores locales" },
  });
  for (const q of ["zyxcañón", "zyxcanon", "ZYXCAÑON", "zyxcan"]) {
    const found = await active({ q });
    expect(found, q).toMatchObject({ total: 1, pageCount: 1 });
    expect(ids(found), q).toEqual(["pc-4-prevention"]);
  }
  // Accented words in the seeded Spanish references ("datos y análisis").
  const accented = await active({ q: "análisis ATF" });
  const plain = await active({ q: "ANALISIS atf" });
  expect(ids(accented)).toContain("gao-21-322-atf-data");
  expect(ids(plain)).toEqual(ids(accented));
  expect(plain.total).toBe(plain.rows.length);
  expect(ids(await active({ q: "zyxcanon ATF" }))).toEqual([]);
  // A reference is found by its words too.
  expect(ids(await active({ q: "GAO-16-235" })).sort()).toEqual([
    "gao-16-235-atf-targets",
    "gao-16-235-state-reports",
  ]);
});

test("LIKE's wildcards in a search are plain characters", async () => {
  await prisma.recommendation.update({
    where: { id: "pc-1-alignment" },
    data: { title: "Align policy qzwa" },
  });
  expect(ids(await active({ q: "qzwa" }))).toEqual(["pc-1-alignment"]);
  expect((await active({ q: "qzw_" })).total).toBe(0);
  expect((await active({ q: "qz%a" })).total).toBe(0);
});

test("filters by source code in any case, with the search and the pages", async () => {
  const gao = await active({ source: "gao-21-322" });
  expect(gao.total).toBe(7);
  expect(gao.rows.every((row) => row.sourceCode === "GAO-21-322")).toBe(true);

  // Both at once: only that source's items with the words.
  const atf = await active({ source: "GAO-21-322", q: "ATF" });
  expect(ids(atf)).toEqual(
    expect.arrayContaining(["gao-21-322-atf-data", "gao-21-322-atf-measures"]),
  );
  expect(atf.rows.every((row) => row.sourceCode === "GAO-21-322")).toBe(true);
  expect(atf.total).toBe(atf.rows.length);
  const everywhere = await active({ q: "ATF" });
  expect(ids(everywhere)).toContain("gao-16-235-atf-targets");
  expect(everywhere.total).toBeGreaterThan(atf.total);

  const bf = await active({ source: "BF-2021", size: 25, page: 1 });
  expect(bf).toMatchObject({ total: 13, pageCount: 1 });
  expect((await active({ source: "NO-SUCH-SOURCE" })).total).toBe(0);
});

test("archived recommendations are listed apart, with when they were archived", async () => {
  await prisma.recommendation.update({
    where: { id: "gao-21-322-atf-data" },
    data: { archivedAt: new Date("2025-01-02T03:04:05Z") },
  });
  const activeNow = await active({ size: 50 });
  expect(activeNow.total).toBe(34);
  expect(ids(activeNow)).not.toContain("gao-21-322-atf-data");
  const archived = await listRecommendationPage({ archived: true, page: 1, size: 25 });
  expect(archived).toMatchObject({ total: 1, pageCount: 1 });
  expect(archived.rows).toEqual([
    expect.objectContaining({
      id: "gao-21-322-atf-data",
      sourceCode: "GAO-21-322",
      archivedAt: "2025-01-02T03:04:05.000Z",
    }),
  ]);
  // The search reads the archived ones too.
  const searched = await listRecommendationPage({
    archived: true,
    page: 1,
    size: 25,
    q: "analisis",
  });
  expect(ids(searched)).toEqual(["gao-21-322-atf-data"]);
});

test("an empty catalogue is one empty page", async () => {
  const none = await active({ q: "no-such-word-anywhere" });
  expect(none).toMatchObject({ rows: [], total: 0, page: 1, pageCount: 1 });
  const past = await active({ q: "no-such-word-anywhere", page: 3 });
  expect(past).toMatchObject({ rows: [], total: 0, page: 1, requestedPage: 3 });
});
