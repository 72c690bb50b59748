// The catalogue views' "has related items" filter (related=yes|no): the list, the counts every
// view and report shares, and a bad value reported by name.
import { describe, expect, test } from "vitest";
import { parseListQuery } from "#app/modules/recommendations/list-query.ts";
import { listRecommendations } from "#app/modules/recommendations/list.server.ts";
import { countItemsAsOf } from "#app/modules/recommendations/as-of.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { addRelation } from "./relations.server.ts";

const ids = (items: Array<{ id: string }>) => items.map((item) => item.id).sort();

/** Items linked to a present item, either way, as the filter should find them. */
async function linkedIds() {
  const links = await prisma.itemRelation.findMany({
    include: { from: { select: { archivedAt: true } }, to: { select: { archivedAt: true } } },
  });
  const found = new Set<string>();
  for (const link of links) {
    if (link.from.archivedAt || link.to.archivedAt) continue;
    found.add(link.fromId).add(link.toId);
  }
  return [...found].sort();
}

describe("the related filter", () => {
  test("yes gives the items linked either way, no the others; an archived other end does not count", async () => {
    const editor = await createUser({ role: "editor" });
    await addRelation(editor, {
      recommendationId: "gao-26-108061-rec3-atf",
      type: "follows_up",
      other: "gao-16-235-atf-targets",
      reason: "Stated.",
    });
    await addRelation(editor, {
      recommendationId: "gao-09-709-summary",
      type: "same_ask",
      other: "gao-16-223-doj-mou",
      reason: "Stated.",
    });
    await prisma.recommendation.update({
      where: { id: "gao-16-223-doj-mou" },
      data: { archivedAt: new Date() },
    });
    const expected = await linkedIds();
    expect(expected).toEqual(
      expect.arrayContaining(["gao-26-108061-rec3-atf", "gao-16-235-atf-targets"]),
    );
    expect(expected).not.toContain("gao-09-709-summary");

    const base = { sort: "catalogue" as const, page: 1 };
    const yes = await listRecommendations({ ...base, related: "yes" }, "en");
    expect(ids(yes.items)).toEqual(expected);
    const all = await countItemsAsOf({}, null, new Date());
    const no = await countItemsAsOf({ related: "no" }, null, new Date());
    expect(no).toBe(all - expected.length);
    // With another filter: both apply.
    const gao = await listRecommendations({ ...base, related: "yes", source: "GAO-16-235" }, "en");
    expect(ids(gao.items)).toEqual(["gao-16-235-atf-targets"]);
  });

  test("a bad value is left out and reported by name", () => {
    const { query, errors } = parseListQuery(
      new URLSearchParams("related=maybe&source=GAO-21-322"),
    );
    expect(query).toEqual({ source: "GAO-21-322", sort: "catalogue", page: 1 });
    expect(errors).toEqual({ related: { key: "filters.errors.choice" } });
    expect(parseListQuery(new URLSearchParams("related=yes")).query.related).toBe("yes");
  });
});
