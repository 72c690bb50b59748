import { describe, expect, onTestFinished, test } from "vitest";
import { catalogue } from "../../../prisma/seed.ts";
import { prisma } from "#app/utils/db.server.ts";
import type { ListQuery } from "./list-query.ts";
import { listRecommendations } from "./list.server.ts";
import { countItemsAsOf } from "./as-of.server.ts";
import { foldForSearch } from "#app/utils/search-text.ts";

const query = (input: Partial<ListQuery> = {}): ListQuery => ({
  sort: "catalogue",
  page: 1,
  ...input,
});
const ids = (items: Array<{ id: string }>) => items.map((item) => item.id).sort();

describe("listRecommendations", () => {
  test("source GAO-21-322 gives exactly its items", async () => {
    const expected = catalogue.recommendations
      .filter((item) => item.source === "GAO-21-322")
      .map((item) => item.id)
      .sort();
    const page = await listRecommendations(query({ source: "GAO-21-322" }), "en");
    expect(page.total).toBe(7);
    expect(ids(page.items)).toEqual(expected);
  });

  test("the source code is matched whatever its case", async () => {
    const page = await listRecommendations(query({ source: "gao-16-223" }), "en");
    expect(page.total).toBe(3);
  });

  test("a word of an item's text finds it", async () => {
    // "MOU" appears in the text of the two GAO-16-223 monitoring items only.
    const page = await listRecommendations(query({ q: "mou" }), "en");
    expect(ids(page.items)).toEqual(["gao-16-223-dhs-mou", "gao-16-223-doj-mou"]);
  });

  test("every word of the query must match", async () => {
    const page = await listRecommendations(query({ q: "performance CBP" }), "en");
    expect(ids(page.items)).toEqual(["gao-21-322-cbp-measures", "gao-26-108061-rec2-dhs"]);
  });

  test("a word of a Spanish title finds the item, with or without accents", async () => {
    for (const q of ["cooperación extradiciones", "COOPERACION extradiciones"]) {
      const page = await listRecommendations(query({ q }), "es");
      expect(ids(page.items), q).toEqual(["bf-3-extraditions"]);
    }
  });

  test("a word found only in a source's code finds that source's items", async () => {
    // "2022" is in no item's text: only in the code of the Action Plan (BF-AP-2022).
    const page = await listRecommendations(query({ q: "2022" }), "en");
    expect(ids(page.items)).toEqual(["bf-ap-1.1.1", "bf-ap-1.1.2"]);
    const twoWords = await listRecommendations(query({ q: "bf-ap-2022 1.1.2" }), "es");
    expect(ids(twoWords.items)).toEqual(["bf-ap-1.1.2"]);
  });

  test("a search gives what the same rule gives through Prisma: by code, by text, both, accents, several words", async () => {
    // The rule, written another way: every word in the folded text or in the source's code.
    const expected = async (q: string, status?: ListQuery["status"]) => {
      const rows = await prisma.recommendation.findMany({
        where: {
          archivedAt: null,
          ...(status ? { status } : {}),
          AND: q
            .split(/\s+/)
            .filter(Boolean)
            .map((word) => ({
              OR: [
                { searchText: { contains: foldForSearch(word) } },
                { source: { code: { contains: word, mode: "insensitive" as const } } },
              ],
            })),
        },
        select: { id: true },
      });
      return ids(rows);
    };
    const everyPage = async (q: string, status?: ListQuery["status"]) => {
      const first = await listRecommendations(query({ q, status }), "en");
      const found = [...first.items];
      for (let page = 2; page <= first.pageCount; page++) {
        found.push(...(await listRecommendations(query({ q, status, page }), "en")).items);
      }
      expect(found.length, q).toBe(first.total);
      return ids(found);
    };
    // Three items in progress for a while (the other tests expect the seed's statuses).
    const moved = ["bf-ap-1.1.1", "bf-goal-2", "gao-21-322-ice-data"];
    const before = await prisma.recommendation.findMany({
      where: { id: { in: moved } },
      select: { id: true, status: true },
    });
    await prisma.recommendation.updateMany({
      where: { id: { in: moved } },
      data: { status: "in_progress" },
    });
    onTestFinished(async () => {
      for (const { id, status } of before) {
        await prisma.recommendation.update({ where: { id }, data: { status } });
      }
    });
    // "ap" is in the code of BF-AP-2022, whose items' texts lack it, and in other items' texts.
    const byCodeOrText = await everyPage("ap");
    expect(byCodeOrText).toEqual(await expected("ap"));
    expect(byCodeOrText).toEqual(expect.arrayContaining(["bf-ap-1.1.1", "bf-goal-2"]));
    expect(await everyPage("AP", "in_progress")).toEqual(["bf-ap-1.1.1", "bf-goal-2"]);
    for (const q of [
      "gao-21-322 ICE",
      "Bf-Ap objective",
      "cooperación",
      "SEGURIDAD justicia",
      "tráfico armas",
      "gao data analysis",
      "and the",
    ]) {
      const found = await everyPage(q);
      expect(found.length, q).toBeGreaterThan(0);
      expect(found, q).toEqual(await expected(q));
      // The form the other views compose (itemsAsOfSql without the sources read first) agrees.
      expect(await countItemsAsOf({ q }, null), q).toBe(found.length);
    }
  });

  test("status filter returns only items in that status", async () => {
    await prisma.recommendation.updateMany({
      where: { id: { in: ["gao-16-235-atf-targets", "pc-1-alignment"] } },
      data: { status: "stalled" },
    });
    const page = await listRecommendations(query({ status: "stalled" }), "en");
    expect(ids(page.items)).toEqual(["gao-16-235-atf-targets", "pc-1-alignment"]);
    const notStarted = await listRecommendations(query({ status: "not_started" }), "en");
    expect(notStarted.total).toBe(33);
  });

  test("actor and country filters", async () => {
    const cbp = await listRecommendations(query({ actor: "CBP" }), "en");
    expect(ids(cbp.items)).toEqual(["gao-21-322-cbp-measures", "gao-26-108061-rec2-dhs"]);
    const binational = await listRecommendations(query({ country: "binational" }), "en");
    expect(binational.items.every((item) => item.country === "binational")).toBe(true);
    expect(binational.total).toBe(
      catalogue.recommendations.filter((item) => item.country === "binational").length,
    );
  });

  test("a goal includes the items of its cooperation areas and joint objectives", async () => {
    const goal1 = await listRecommendations(query({ goal: "1" }), "en");
    expect(ids(goal1.items)).toContain("bf-ap-1.1.1");
    expect(ids(goal1.items)).toContain("bf-goal-1");
    const objective = await listRecommendations(query({ goal: "1.1.1" }), "en");
    expect(ids(objective.items)).toEqual(["bf-ap-1.1.1"]);
  });

  test("an unknown code matches nothing", async () => {
    const page = await listRecommendations(query({ source: "GAO-00-000" }), "en");
    expect(page.total).toBe(0);
  });

  test("pages hold 25 items each", async () => {
    const first = await listRecommendations(query({ page: 1 }), "en");
    const second = await listRecommendations(query({ page: 2 }), "en");
    expect(first.items).toHaveLength(25);
    expect(second.items).toHaveLength(10);
    expect(first.pageCount).toBe(2);
    const all = [...ids(first.items), ...ids(second.items)];
    expect(new Set(all).size).toBe(35);
  });

  test("a search's pages and total (one statement): every match once; past the end, the last page", async () => {
    // "and" is in most items' text: more than a page of matches.
    const expected = await countItemsAsOf({ q: "and" }, null);
    expect(expected).toBeGreaterThan(25);
    const first = await listRecommendations(query({ q: "and" }), "en");
    const second = await listRecommendations(query({ q: "and", page: 2 }), "en");
    expect([first.total, second.total]).toEqual([expected, expected]);
    expect(first.pageCount).toBe(Math.ceil(expected / 25));
    expect(first.items).toHaveLength(25);
    const beyond = await listRecommendations(query({ q: "and", page: 9 }), "en");
    expect(beyond).toMatchObject({ page: first.pageCount, requestedPage: 9, total: expected });
    const last = await listRecommendations(query({ q: "and", page: first.pageCount }), "en");
    expect(ids(beyond.items)).toEqual(ids(last.items));
    expect(last.items.length).toBe(expected - 25 * (first.pageCount - 1));
    const none = await listRecommendations(query({ q: "zzqxnothing", page: 3 }), "en");
    expect(none).toMatchObject({ items: [], total: 0, page: 1, requestedPage: 3, pageCount: 1 });
  });

  test("catalogue order follows the seed file; sorting by reference and title", async () => {
    const first = await listRecommendations(query(), "en");
    expect(first.items[0]?.id).toBe(catalogue.recommendations[0]?.id);
    const byReference = await listRecommendations(query({ sort: "reference" }), "en");
    const references = byReference.items.map((item) => item.reference);
    expect(references).toEqual([...references].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byTitle = await listRecommendations(query({ sort: "title" }), "en");
    expect(byTitle.items[0]?.title.localeCompare(byTitle.items[1]!.title)).toBeLessThanOrEqual(0);
  });

  test("archived items are left out", async () => {
    await prisma.recommendation.update({
      where: { id: "gao-21-322-state-measures" },
      data: { archivedAt: new Date() },
    });
    const page = await listRecommendations(query({ source: "GAO-21-322" }), "en");
    expect(page.total).toBe(6);
  });
});

describe("status-check filter", () => {
  test("overdue: checked once but more than 90 days ago; never: not checked yet", async () => {
    const day = 24 * 60 * 60 * 1000;
    await prisma.recommendation.update({
      where: { id: "bf-goal-1" },
      data: { lastVerifiedAt: new Date(Date.now() - 10 * day) },
    });
    await prisma.recommendation.update({
      where: { id: "bf-goal-2" },
      data: { lastVerifiedAt: new Date(Date.now() - 100 * day) },
    });
    const overdue = await listRecommendations(query({ stale: "1" }), "en");
    expect(ids(overdue.items)).toEqual(["bf-goal-2"]);
    const never = await listRecommendations(query({ stale: "never" }), "en");
    expect(never.total).toBe(
      (await prisma.recommendation.count({ where: { archivedAt: null } })) - 2,
    );
    expect(ids(never.items)).not.toContain("bf-goal-1");
    expect(ids(never.items)).not.toContain("bf-goal-2");
  });
});
