// GAO's own export, the fixture with every quirk of the file GAO publishes: imported twice (the
// second time changes nothing), then again with one status closed: the item's timeline shows
// GAO's change, and the tracker's own assessed status stays as it was.
import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { changesInPeriod } from "#app/modules/recommendations/changes.server.ts";
import { getTimeline } from "#app/modules/tracking/timeline.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { previewAndCommit, writtenCounts } from "#tests/import-factories.ts";
import { parseImportFile } from "./parse.server.ts";

const fixture = fs.readFileSync("tests/fixtures/import/gao-recommendations.csv", "utf8");
const filter = { publications: ["GAO-26-108061"], words: [] };
const leaveCongress = { Congress: "leave" };

async function gaoFile(text: string, fileName = "gao-recommendations.csv") {
  return parseImportFile({ bytes: new TextEncoder().encode(text), fileName });
}

describe("GAO's recommendation database export", () => {
  test("imported twice, then with a status closed", async () => {
    const user = await createUser({ role: "admin" });
    // The same starting point whatever the seed holds of this report: one item of it, its
    // reference naming recommendation 3 in the catalogue's own words.
    await prisma.recommendation.deleteMany({ where: { source: { code: "GAO-26-108061" } } });
    await prisma.source.deleteMany({ where: { code: "GAO-26-108061" } });
    const seeded = await prisma.recommendation.create({
      data: {
        id: "gao-26-108061-rec3-test",
        source: {
          create: {
            code: "GAO-26-108061",
            title: "Firearms Trafficking (the catalogue's title)",
            publisher: "U.S. Government Accountability Office",
            kind: "gao_report",
          },
        },
        reference: "GAO-26-108061 Recommendation 3 (DHS – ICE)",
        title: "ICE: share seizure data with CBP",
        text: "The catalogue's text.",
        country: "US",
        status: "in_progress",
        verificationLevel: "official_text",
        sourceUrl: "https://www.gao.gov/products/gao-26-108061",
      },
    });
    const first = await previewAndCommit(await gaoFile(fixture), user.id, {
      filter,
      actorMappings: leaveCongress,
    });
    expect(first.plan.unmappedActors).toEqual(["Congress"]);
    expect(first.result).toMatchObject({
      kind: "committed",
      counts: { created: 3, updated: 1, errors: 0 },
    });
    // Matched by its number: GAO's status, the catalogue's own words and assessment kept.
    expect(
      await prisma.recommendation.findUniqueOrThrow({ where: { id: seeded.id } }),
    ).toMatchObject({
      title: "ICE: share seizure data with CBP",
      text: "The catalogue's text.",
      status: "in_progress",
      statusOfficial: "closed_implemented",
      statusOfficialComment: "DHS issued guidance in August 2026.",
    });
    // The source keeps its title and gains the issue date it lacked.
    expect(
      await prisma.source.findUniqueOrThrow({ where: { code: "GAO-26-108061" } }),
    ).toMatchObject({
      title: "Firearms Trafficking (the catalogue's title)",
      publishedDate: "2026-07-16",
    });

    const rec1 = await prisma.recommendation.findFirstOrThrow({
      where: { reference: "GAO-26-108061 Rec. 1" },
      include: { actors: { orderBy: { code: "asc" } }, source: true },
    });
    expect(rec1).toMatchObject({
      status: "not_started",
      statusOfficial: "open",
      statusOfficialAsOf: new Date("2026-09-28T00:00:00Z"),
      statusOfficialPriority: true,
      statusOfficialComment: "Agencies concurred; GAO will follow up.",
      country: "US",
      source: { code: "GAO-26-108061", kind: "gao_report", publishedDate: "2026-07-16" },
    });
    // The first sentence, shortened at a word to a title's length.
    expect(rec1.title).toMatch(
      /^The Attorney General, with the Secretaries .* Bureau of Alcohol…$/,
    );
    expect(rec1.title.length).toBeLessThanOrEqual(200);
    expect(rec1.text).toContain("Firearms & Explosives.");
    expect(rec1.text).not.toContain("(Recommendation 1)");
    expect(rec1.actors.map((actor) => actor.code)).toEqual(["DHS", "DOJ", "STATE"]);
    const rec2 = await prisma.recommendation.findFirstOrThrow({
      where: { reference: "GAO-26-108061 Rec. 2" },
    });
    expect(rec2.statusOfficial).toBe("open_partially_addressed");
    expect(rec2.statusOfficialComment).toContain("GAO will review the first report.");

    // The tracker's own assessment of the item, which GAO's file must never move.
    await prisma.recommendation.update({
      where: { id: rec2.id },
      data: { status: "in_progress", version: { increment: 1 } },
    });

    const before = await writtenCounts();
    const again = await previewAndCommit(await gaoFile(fixture), user.id, {
      filter,
      actorMappings: leaveCongress,
    });
    expect(again.plan.counts).toEqual({ create: 0, update: 0, unchanged: 4, errors: 0 });
    expect(await writtenCounts()).toEqual({
      ...before,
      imports: before.imports + 1,
      audit: before.audit + 1,
    });

    const closed = fixture
      .replace(
        '(Recommendation 2)",Open--Partially Addressed',
        '(Recommendation 2)",Closed--Implemented',
      )
      .replace("status as of Sep 28, 2026", "status as of Oct 30, 2026");
    const third = await previewAndCommit(await gaoFile(closed, "gao-october.csv"), user.id, {
      filter,
      actorMappings: leaveCongress,
    });
    // Every item gets the new as-of date; one of them a new status.
    expect(third.result).toMatchObject({ kind: "committed", counts: { updated: 4 } });
    const after = await prisma.recommendation.findUniqueOrThrow({ where: { id: rec2.id } });
    expect(after).toMatchObject({ status: "in_progress", statusOfficial: "closed_implemented" });
    const timeline = await getTimeline(rec2.id, { includeInternal: true });
    const official = timeline.entries.filter((entry) => entry.type === "official_status_change");
    expect(official[0]).toMatchObject({
      fromStatus: "open_partially_addressed",
      toStatus: "closed_implemented",
      asOf: new Date("2026-10-30T00:00:00Z"),
      issuer: "U.S. Government Accountability Office",
    });
    expect(timeline.entries.some((entry) => entry.type === "status_change")).toBe(false);
    // And in "what changed", under GAO's report.
    const changes = await changesInPeriod(
      { source: "GAO-26-108061" },
      { from: "2026-10-01", to: "2026-10-31" },
      { now: new Date("2026-11-01T00:00:00Z") },
    );
    expect(changes.groups.flatMap((group) => group.changes)).toEqual([
      expect.objectContaining({
        kind: "official",
        date: "2026-10-30",
        fromValue: "open_partially_addressed",
        toValue: "closed_implemented",
        item: expect.objectContaining({ id: rec2.id }),
      }),
    ]);
  });

  test("an unknown status is a row error that blocks the commit until its row is unticked", async () => {
    const user = await createUser({ role: "admin" });
    const parsed = await gaoFile(fixture);
    const before = await writtenCounts();
    const refused = await previewAndCommit(parsed, user.id, { actorMappings: leaveCongress });
    expect(refused.result.kind).toBe("errors");
    expect(refused.plan.rows.flatMap((row) => row.errors)).toEqual([
      expect.objectContaining({ code: "unknownOfficialStatus", value: "Pending Review" }),
    ]);
    expect(await writtenCounts()).toEqual(before);
    const key = refused.plan.rows.find((row) => row.kind === "error")!.key;
    const done = await previewAndCommit(parsed, user.id, {
      actorMappings: leaveCongress,
      selection: { excludeKeys: [key] },
    });
    expect(done.result).toMatchObject({ kind: "committed", counts: { errors: 1 } });
  });
});
