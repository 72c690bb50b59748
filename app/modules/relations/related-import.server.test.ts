// An export → import of the same catalogue keeps related items: links already there plan no
// change; links the catalogue lost are previewed and added back, both ways; a new item of the
// file can be linked; a related item the file cannot find is a row error naming the column.
import { beforeAll, describe, expect, test } from "vitest";
import { parseImportFile } from "#app/modules/import/parse.server.ts";
import { exportBytes, withExportFixture } from "#app/modules/reports/test-fixtures.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { parseCsv, preview, previewAndCommit } from "#tests/import-factories.ts";
import { addRelation } from "./relations.server.ts";

const fixture = withExportFixture();
const [A, B, C] = ["gao-21-322-atf-data", "gao-16-235-atf-targets", "gao-21-322-cbp-measures"];

const linksOf = async (ids: string[]) =>
  (
    await prisma.itemRelation.findMany({
      where: { OR: [{ fromId: { in: ids } }, { toId: { in: ids } }] },
      select: { fromId: true, toId: true, type: true },
      orderBy: [{ fromId: "asc" }, { toId: "asc" }, { type: "asc" }],
    })
  ).map((link) => `${link.fromId} ${link.type} ${link.toId}`);

beforeAll(async () => {
  const editor = await createUser({ role: "editor" });
  await addRelation(editor, { recommendationId: A, type: "follows_up", other: B, reason: "R1" });
  await addRelation(editor, { recommendationId: C, type: "same_ask", other: A, reason: "R2" });
});

describe("related items through an export and an import", () => {
  test.each([
    ["csv", "es"],
    ["xlsx", "en"],
  ] as const)("%s in %s: unchanged when present, added back when lost", async (format, lang) => {
    const before = await linksOf([A, B, C]);
    expect(before).toHaveLength(2);
    const { bytes } = await exportBytes(format, `lang=${lang}`, fixture.staff);
    const parsed = await parseImportFile({ bytes, fileName: `report.${format}` });
    const same = await preview(parsed);
    expect(same.rows.filter((row) => row.relations.length > 0)).toEqual([]);

    await prisma.itemRelation.deleteMany({ where: { fromId: { in: [A, C] } } });
    const again = await preview(parsed);
    // Each link is named from both ends in the file; it is planned once.
    const planned = again.rows.flatMap((row) =>
      row.relations.map((relation) => `${row.itemId} ${relation.direction} ${relation.type}`),
    );
    expect(planned).toHaveLength(2);
    expect(again.counts.errors).toBe(0);
    const admin = await createUser({ role: "admin" });
    const { result } = await previewAndCommit(parsed, admin.id);
    expect(result.kind).toBe("committed");
    expect(await linksOf([A, B, C])).toEqual(before);
    const made = await prisma.itemRelation.findFirstOrThrow({ where: { fromId: A, toId: B } });
    expect(made.reason).toContain(`report.${format}`);
    expect(
      await prisma.auditEvent.count({
        where: { entityType: "ItemRelation", entityId: made.id, action: "item_relation.linked" },
      }),
    ).toBe(1);
  });

  test("a new item of the file is linked; an unknown related item is a row error on its column", async () => {
    const header = ["Source", "Reference", "Title", "Text", "Country", "Related items"];
    const good = await parseCsv([
      header,
      ["GAO-21-322", "New rec 9", "New", "Text", "US", "follows up: GAO-16-235 (ATF)"],
      ["GAO-21-322", "New rec 10", "Newer", "Text", "US", "has part: GAO-21-322 New rec 9"],
    ]);
    const plan = await preview(good);
    expect(plan.counts).toMatchObject({ create: 2, errors: 0 });
    const admin = await createUser({ role: "admin" });
    expect((await previewAndCommit(good, admin.id)).result.kind).toBe("committed");
    const created = async (reference: string) =>
      (await prisma.recommendation.findFirstOrThrow({ where: { reference }, select: { id: true } }))
        .id;
    const [nine, ten] = [await created("New rec 9"), await created("New rec 10")];
    expect(await linksOf([nine])).toEqual([`${nine} follows_up ${B}`, `${nine} part_of ${ten}`]);

    const bad = await parseCsv([
      header.filter((column) => !["Title", "Text", "Country"].includes(column)),
      ["GAO-21-322", "GAO-21-322 (information sharing)", "follows up: GAO-99-1 Rec. 9"],
      ["GAO-21-322", "GAO-21-322 (ICE – data/analysis)", "cites: GAO-16-235 (ATF)"],
    ]);
    const refused = await preview(bad);
    expect(refused.rows.map((row) => row.errors)).toEqual([
      [{ rowNumber: 2, column: "related", code: "unknownRelated", value: "GAO-99-1 Rec. 9" }],
      [
        {
          rowNumber: 3,
          column: "related",
          code: "badRelation",
          value: "cites: GAO-16-235 (ATF)",
        },
      ],
    ]);
  });
});
