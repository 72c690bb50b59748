import { describe, expect, test } from "vitest";
import { getTimeline } from "#app/modules/tracking/timeline.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { parseCsv, preview, previewAndCommit, writtenCounts } from "#tests/import-factories.ts";
import { withReferenceHeld } from "#tests/tracking-factories.ts";
import { commitPreviewed } from "./import-records.server.ts";
import type { GaoRecommendation, ParsedFile } from "./types.ts";

const header = ["Source", "Reference", "Title", "Text", "Actors", "Goals", "Country", "Status"];
const row = (reference: string, overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    Source: "GAO-21-322",
    Reference: reference,
    Title: `Title of ${reference}`,
    Text: `Text of ${reference}.`,
    Actors: "ATF",
    Goals: "2",
    Country: "US",
    Status: "Not started",
    ...overrides,
  };
  return header.map((column) => values[column] ?? "");
};

async function admin() {
  return createUser({ role: "admin" });
}

describe("committing an import", () => {
  test("creates and updates in one go, with an audit event per row and the import's record", async () => {
    const user = await admin();
    const parsed = await parseCsv([
      header,
      row("GAO-21-322 #21"),
      [
        "GAO-21-322",
        "GAO-21-322 (ICE – data/analysis)",
        "ICE: analyse its data",
        "",
        "DHS; ICE",
        "2",
        "US",
        "Not started",
      ],
    ]);
    const { result } = await previewAndCommit(parsed, user.id);
    expect(result).toMatchObject({
      kind: "committed",
      counts: { created: 1, updated: 1, unchanged: 0, errors: 0, skipped: 0 },
    });
    if (result.kind !== "committed") return;
    const created = await prisma.recommendation.findFirstOrThrow({
      where: { reference: "GAO-21-322 #21" },
      include: { actors: true, goals: true },
    });
    expect(created).toMatchObject({ id: "gao-21-322-21", status: "not_started", country: "US" });
    expect(created.actors.map((actor) => actor.code)).toEqual(["ATF"]);
    const updated = await prisma.recommendation.findUniqueOrThrow({
      where: { id: "gao-21-322-ice-data" },
    });
    expect(updated).toMatchObject({ title: "ICE: analyse its data", version: 2 });

    const events = await prisma.auditEvent.findMany({
      where: { after: { path: ["importId"], equals: result.importId } },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.action, event.entityId])).toEqual([
      ["recommendation.created", "gao-21-322-21"],
      ["recommendation.edited", "gao-21-322-ice-data"],
    ]);
    const record = await prisma.import.findUniqueOrThrow({ where: { id: result.importId } });
    expect(record).toMatchObject({
      createdById: user.id,
      fileName: "import.csv",
      sha256: parsed.sha256,
      format: "table",
      created: 1,
      updated: 1,
    });
    expect(record.changes).toEqual([
      { itemId: "gao-21-322-21", reference: "GAO-21-322 #21", action: "created" },
      {
        itemId: "gao-21-322-ice-data",
        reference: "GAO-21-322 (ICE – data/analysis)",
        action: "updated",
      },
    ]);
  });

  test("all or nothing: an error in the last row writes nothing", async () => {
    const user = await admin();
    const before = await writtenCounts();
    const { result } = await previewAndCommit(
      await parseCsv([
        header,
        row("GAO-21-322 #31"),
        row("GAO-21-322 #32"),
        row("GAO-21-322 #33", { Status: "Done-ish" }),
      ]),
      user.id,
    );
    expect(result).toMatchObject({
      kind: "errors",
      rows: [expect.objectContaining({ rowNumbers: [4] })],
    });
    expect(await writtenCounts()).toEqual(before);
  });

  test("a reference its source already holds (in another case) is a row error: the commit writes nothing", async () => {
    const user = await admin();
    const before = await writtenCounts();
    const { plan, result } = await previewAndCommit(
      await parseCsv([header, row("GAO-21-322 #34"), row("gao-21-322 (ice – data/analysis)")]),
      user.id,
    );
    expect(plan.rows[1]!.errors).toEqual([
      expect.objectContaining({ column: "reference", code: "referenceTaken" }),
    ]);
    expect(result).toMatchObject({
      kind: "errors",
      rows: [expect.objectContaining({ rowNumbers: [3] })],
    });
    expect(await writtenCounts()).toEqual(before);
  });

  test("a reference taken while the commit runs: nothing is written, and the new plan shows the row's error", async () => {
    const user = await admin();
    const parsed = await parseCsv([header, row("GAO-21-322 #35"), row("GAO-21-322 #36")]);
    const plan = await preview(parsed);
    expect(plan.counts.errors).toBe(0);
    const before = await writtenCounts();
    const result = await withReferenceHeld("src-gao-21-322", "gao-21-322 #36", () =>
      commitPreviewed(
        { kind: "file", parsed },
        {
          locale: "en",
          filter: { publications: [], words: [] },
          actorMappings: {},
          actorId: user.id,
          expectedFingerprint: plan.fingerprint,
          selection: {},
        },
      ),
    );
    expect(result.kind).toBe("stale");
    if (result.kind !== "stale") return;
    expect(result.plan.rows[1]!.errors).toEqual([
      expect.objectContaining({ column: "reference", code: "referenceTaken" }),
    ]);
    // Only the other connection's item.
    expect(await writtenCounts()).toEqual({ ...before, items: before.items + 1 });
  });

  test("unticked rows and unticked sources are left out", async () => {
    const user = await admin();
    const parsed = await parseCsv([
      header,
      row("GAO-21-322 #41"),
      row("GAO-21-322 #42", { Status: "Done-ish" }),
      row("GAO-16-235 #43", { Source: "GAO-16-235" }),
    ]);
    const { result } = await previewAndCommit(parsed, user.id, {
      selection: { excludeKeys: ["row:3"], excludeGroups: ["GAO-16-235"] },
    });
    expect(result).toMatchObject({
      kind: "committed",
      counts: { created: 1, skipped: 1, errors: 1 },
    });
    expect(
      await prisma.recommendation.count({ where: { reference: { startsWith: "GAO-16-235 #43" } } }),
    ).toBe(0);
  });

  test("idempotent: the same file a second time changes nothing", async () => {
    const user = await admin();
    const parsed = await parseCsv([
      [...header, "Last change summary", "Latest evidence URL"],
      [
        ...row("GAO-21-322 #51", { Status: "Implemented" }),
        "ATF did it.",
        "https://example.org/proof",
      ],
      [
        ...row("GAO-21-322 (CBP – performance measures)", {
          Status: "In progress",
          Actors: "DHS; CBP",
          Title: "CBP: measure",
        }),
        "",
        "",
      ],
    ]);
    const first = await previewAndCommit(parsed, user.id);
    expect(first.result).toMatchObject({ kind: "committed", counts: { created: 1, updated: 1 } });
    const item = await prisma.recommendation.findFirstOrThrow({
      where: { reference: "GAO-21-322 #51" },
      include: { statusChanges: { include: { evidence: true } }, evidence: true },
    });
    expect(item.status).toBe("implemented");
    expect(item.statusChanges).toMatchObject([
      { fromStatus: "not_started", toStatus: "implemented", summary: "ATF did it." },
    ]);
    expect(item.statusChanges[0]!.evidence.map((evidence) => evidence.url)).toEqual([
      "https://example.org/proof",
    ]);

    const before = await writtenCounts();
    const plan = await preview(parsed);
    expect(plan.counts).toEqual({ create: 0, update: 0, unchanged: 2, errors: 0 });
    const second = await previewAndCommit(parsed, user.id);
    expect(second.result).toMatchObject({
      kind: "committed",
      counts: { created: 0, updated: 0, unchanged: 2 },
    });
    const after = await writtenCounts();
    // Only the import's own record and its audit event.
    expect(after).toEqual({ ...before, imports: before.imports + 1, audit: before.audit + 1 });
  });

  test("a preview made stale by a change in between is refused, and the new plan returned", async () => {
    const user = await admin();
    const before = await prisma.recommendation.findUniqueOrThrow({
      where: { id: "gao-16-235-state-reports" },
    });
    const parsed = await parseCsv([
      header,
      row(before.reference, {
        Source: "GAO-16-235",
        Actors: "STATE",
        Title: "Imported title",
        Text: before.text,
      }),
    ]);
    const { result } = await previewAndCommit(parsed, user.id, {
      between: async () => {
        await prisma.recommendation.update({
          where: { id: before.id },
          data: { title: "Edited meanwhile", version: { increment: 1 } },
        });
      },
    });
    expect(result.kind).toBe("stale");
    if (result.kind !== "stale") return;
    expect(result.plan.rows[0]!.changes).toEqual([
      { field: "title", before: "Edited meanwhile", after: "Imported title" },
    ]);
    const now = await prisma.recommendation.findUniqueOrThrow({ where: { id: before.id } });
    expect(now.title).toBe("Edited meanwhile");
  });

  test("a change elsewhere in the catalogue leaves the preview good to commit", async () => {
    const user = await admin();
    const parsed = await parseCsv([header, row("GAO-21-322 #71")]);
    const { result } = await previewAndCommit(parsed, user.id, {
      between: async () => {
        await prisma.recommendation.update({
          where: { id: "gao-21-322-state-measures" },
          data: { title: "Edited meanwhile", version: { increment: 1 } },
        });
        await prisma.actor.create({
          data: { code: "NEW-ACTOR", name: "A new actor", country: "US" },
        });
      },
    });
    expect(result).toMatchObject({ kind: "committed", counts: { created: 1 } });
  });
});

function gaoRec(overrides: Partial<GaoRecommendation>): GaoRecommendation {
  return {
    rowNumbers: [10],
    publicationNumber: "GAO-21-322",
    publicationName: "Firearms Trafficking: U.S. Efforts to Disrupt Gun Smuggling into Mexico",
    issuedOn: "2021-02-22",
    recommendationNumber: 1,
    text: "The ATF Director should analyse the data. It should do so soon.",
    agencies: ["Department of Justice"],
    status: "open",
    statusRaw: "Open",
    priority: false,
    comments: "",
    topics: ["Justice and Law Enforcement"],
    ...overrides,
  };
}

function gaoFile(asOf: string, recommendations: GaoRecommendation[]): ParsedFile {
  return {
    format: "gao",
    fileName: `gao-${asOf}.csv`,
    sha256: `sha-${asOf}`,
    asOf,
    recommendations,
    errors: [],
  };
}

describe("importing GAO's export", () => {
  test("new items from new publications, official status from the file; twice changes nothing; a closed status reaches the timeline, never the assessed status", async () => {
    const user = await admin();
    await prisma.recommendation.update({
      where: { id: "gao-21-322-atf-data" },
      data: { reference: "GAO-21-322 #1", status: "in_progress" },
    });
    const recs = [
      gaoRec({}),
      gaoRec({
        rowNumbers: [11, 12],
        publicationNumber: "GAO-26-999001",
        publicationName: "Firearms: A New Report",
        issuedOn: "2026-09-01",
        recommendationNumber: 2,
        text: "The Secretary of Homeland Security should ensure that things happen & improve. More text.",
        agencies: ["Department of Homeland Security", "Department of Defense"],
        priority: true,
        comments: "DHS concurred.",
      }),
    ];
    const first = await previewAndCommit(gaoFile("2026-09-28", recs), user.id, {
      actorMappings: { "Department of Defense": "create" },
    });
    expect(first.plan.unmappedActors).toEqual(["Department of Defense"]);
    expect(first.result).toMatchObject({ kind: "committed", counts: { created: 1, updated: 1 } });

    const matched = await prisma.recommendation.findUniqueOrThrow({
      where: { id: "gao-21-322-atf-data" },
    });
    expect(matched).toMatchObject({
      status: "in_progress",
      statusOfficial: "open",
      title: expect.not.stringContaining("analyse"),
    });
    const created = await prisma.recommendation.findFirstOrThrow({
      where: { reference: "GAO-26-999001 Rec. 2" },
      include: { actors: true, source: true },
    });
    expect(created).toMatchObject({
      title: "The Secretary of Homeland Security should ensure that things happen & improve.",
      statusOfficial: "open",
      statusOfficialComment: "DHS concurred.",
      statusOfficialPriority: true,
      country: "US",
      source: {
        code: "GAO-26-999001",
        publisher: "U.S. Government Accountability Office (GAO)",
        kind: "gao_report",
        publishedDate: "2026-09-01",
      },
    });
    expect(created.actors.map((actor) => actor.code).sort()).toEqual(["DHS", "DOD"]);

    const before = await writtenCounts();
    const again = await previewAndCommit(gaoFile("2026-09-28", recs), user.id);
    expect(again.plan.counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    expect(await writtenCounts()).toEqual({
      ...before,
      imports: before.imports + 1,
      audit: before.audit + 1,
    });

    const closed = [
      { ...recs[0]!, status: "closed_implemented" as const, statusRaw: "Closed--Implemented" },
      recs[1]!,
    ];
    const third = await previewAndCommit(gaoFile("2026-10-15", closed), user.id);
    expect(third.result).toMatchObject({ kind: "committed", counts: { updated: 2 } });
    const after = await prisma.recommendation.findUniqueOrThrow({
      where: { id: "gao-21-322-atf-data" },
    });
    expect(after).toMatchObject({ status: "in_progress", statusOfficial: "closed_implemented" });
    const timeline = await getTimeline("gao-21-322-atf-data", { includeInternal: true });
    expect(timeline.entries.filter((entry) => entry.type === "official_status_change")).toEqual([
      expect.objectContaining({
        fromStatus: "open",
        toStatus: "closed_implemented",
        asOf: new Date("2026-10-15T00:00:00Z"),
      }),
      expect.objectContaining({ fromStatus: null, toStatus: "open" }),
    ]);
  });

  test("an unknown GAO status is a row error", async () => {
    const plan = await preview(
      gaoFile("2026-09-28", [gaoRec({ status: null, statusRaw: "Pending" })]),
    );
    expect(plan.rows[0]!.errors).toEqual([
      { rowNumber: 10, column: "Status", code: "unknownOfficialStatus", value: "Pending" },
    ]);
  });
});
