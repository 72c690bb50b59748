import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { parseCsv, preview } from "#tests/import-factories.ts";
import { firstSentence, recommendationNumberIn } from "./candidates.server.ts";
import type { RowErrorCode } from "./types.ts";

const header = ["Source", "Reference", "Title", "Text", "Actors", "Goals", "Country", "Status"];
const newRow = (reference: string, overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    Source: "GAO-21-322",
    Reference: reference,
    Title: `Title of ${reference}`,
    Text: `Text of ${reference}.`,
    Actors: "ATF; DOJ",
    Goals: "2",
    Country: "United States",
    Status: "Not started",
    ...overrides,
  };
  return header.map((column) => values[column] ?? "");
};

async function errorsOf(rows: string[][], rowHeader = header) {
  const plan = await preview(await parseCsv([rowHeader, ...rows]));
  return plan.rows.flatMap((row) =>
    row.errors.map((error) => ({ row: error.rowNumber, column: error.column, code: error.code })),
  );
}

describe("planning a table file", () => {
  test("a new row is a create with every field it sets; a seeded row matched by source and reference", async () => {
    const plan = await preview(
      await parseCsv([
        header,
        newRow("GAO-21-322 #9"),
        [
          "GAO-21-322",
          "GAO-21-322 (ATF – data/analysis)",
          "A new title",
          "",
          "DOJ; ATF",
          "2",
          "US",
          "Not started",
        ],
      ]),
    );
    expect(plan.counts).toEqual({ create: 1, update: 1, unchanged: 0, errors: 0 });
    const [create, update] = plan.rows;
    expect(create).toMatchObject({ kind: "create", group: "GAO-21-322", itemId: null });
    expect(create!.values).toMatchObject({
      reference: "GAO-21-322 #9",
      actors: ["ATF", "DOJ"],
      goals: ["2"],
      country: "US",
      status: "not_started",
    });
    // Only the title differs: actors in another order and the country's code are the same.
    expect(update).toMatchObject({ kind: "update", itemId: "gao-21-322-atf-data" });
    expect(update!.changes.map((change) => change.field)).toEqual(["title"]);
    expect(update!.changes[0]).toMatchObject({ after: "A new title" });
  });

  test("labels in Spanish and codes read the same as English labels", async () => {
    const item = await prisma.recommendation.findUniqueOrThrow({
      where: { id: "gao-21-322-ice-data" },
    });
    const plan = await preview(
      await parseCsv([
        ["Fuente", "Referencia", "País", "Estado", "Actores"],
        [
          "GAO-21-322",
          item.reference,
          "Estados Unidos",
          "Sin iniciar",
          "ice; Department of Homeland Security",
        ],
      ]),
    );
    expect(plan.rows[0]).toMatchObject({ kind: "unchanged", errors: [] });
  });

  test.each<
    [string, string[][], string[] | undefined, Array<{ column: string | null; code: RowErrorCode }>]
  >([
    [
      "unknown source",
      [newRow("X #1", { Source: "NOPE-1" })],
      undefined,
      [{ column: "source", code: "unknownSource" }],
    ],
    [
      "unknown status",
      [newRow("X #1", { Status: "Finished-ish" })],
      undefined,
      [{ column: "status", code: "unknownStatus" }],
    ],
    [
      "missing title",
      [newRow("X #1", { Title: "" })],
      undefined,
      [{ column: "title", code: "missingTitle" }],
    ],
    [
      "missing text",
      [newRow("X #1", { Text: "" })],
      undefined,
      [{ column: "text", code: "missingText" }],
    ],
    [
      "unknown actor",
      [newRow("X #1", { Actors: "ATF; NOBODY" })],
      undefined,
      [{ column: "actors", code: "unknownActor" }],
    ],
    [
      "unknown goal",
      [newRow("X #1", { Goals: "9.9" })],
      undefined,
      [{ column: "goals", code: "unknownGoal" }],
    ],
    [
      "unknown country",
      [newRow("X #1", { Country: "Canada" })],
      undefined,
      [{ column: "country", code: "unknownCountry" }],
    ],
    [
      "missing reference",
      [newRow("", {})],
      undefined,
      [{ column: "reference", code: "missingReference" }],
    ],
    [
      "duplicate reference",
      [newRow("X #1"), newRow("X #1")],
      undefined,
      [{ column: "reference", code: "duplicateReference" }],
    ],
    [
      "duplicate reference apart from capitals and spaces",
      [newRow("X #1"), newRow(" x #1")],
      undefined,
      [{ column: "reference", code: "duplicateReference" }],
    ],
    [
      "a reference another item of the source holds, in another case",
      [newRow("gao-21-322 (atf – data/analysis)")],
      undefined,
      [{ column: "reference", code: "referenceTaken" }],
    ],
    [
      "an item given a reference another item of its source holds",
      [["gao-21-322-ice-data", "GAO-21-322 (ATF – data/analysis)"]],
      ["ID", "Reference"],
      [{ column: "reference", code: "referenceTaken" }],
    ],
    [
      "implemented without evidence",
      [newRow("X #1", { Status: "Implemented" })],
      undefined,
      [{ column: "status", code: "statusNeedsEvidence" }],
    ],
    [
      "bad date",
      [[...newRow("X #1"), "2026-02-30"]],
      [...header, "Due date"],
      [{ column: "dueDate", code: "badDate" }],
    ],
    [
      "unknown tag",
      [[...newRow("X #1"), "no-such-tag"]],
      [...header, "Tags"],
      [{ column: "tags", code: "unknownTag" }],
    ],
    [
      "unknown official status",
      [[...newRow("X #1"), "Half open"]],
      [...header, "Official status"],
      [{ column: "officialStatus", code: "unknownOfficialStatus" }],
    ],
    [
      "unknown id",
      [["no-such-id", "Title"]],
      ["ID", "Title"],
      [{ column: "id", code: "unknownId" }],
    ],
  ])("row error: %s", async (_name, rows, rowHeader, expected) => {
    const errors = await errorsOf(rows, rowHeader ?? header);
    expect(errors).toEqual(expected.map((error) => expect.objectContaining(error)));
    // The row number is the file's line (the header is line 1).
    expect(errors.at(-1)!.row).toBe(rows.length + 1);
  });

  test("a reference is one per source: another source may have it, an archived item keeps it", async () => {
    const plan = await preview(
      await parseCsv([
        header,
        newRow("GAO-21-322 (ATF – data/analysis)", { Source: "GAO-16-223" }),
      ]),
    );
    expect(plan.rows.map((row) => [row.kind, row.errors])).toEqual([["create", []]]);
    await prisma.recommendation.update({
      where: { id: "gao-21-322-cbp-measures" },
      data: { archivedAt: new Date() },
    });
    expect(await errorsOf([newRow("GAO-21-322 (CBP – PERFORMANCE MEASURES)")])).toEqual([
      expect.objectContaining({ column: "reference", code: "referenceTaken" }),
    ]);
  });

  test("the reader's cell errors (a formula, markup) are row errors of the plan", async () => {
    const errors = await errorsOf([
      newRow("X #1", { Title: '=HYPERLINK("https://example.org")' }),
      newRow("X #2", { Text: "<script>alert(1)</script>" }),
    ]);
    expect(errors).toEqual([
      expect.objectContaining({ row: 2, column: "title", code: "formula" }),
      expect.objectContaining({ row: 3, column: "text", code: "html" }),
    ]);
  });

  test("a new source is planned from the file's source title; without it the source is unknown", async () => {
    const plan = await preview(
      await parseCsv([
        [...header, "Source title", "Source kind"],
        [...newRow("NEW-1 #1", { Source: "NEW-1" }), "A new report", "Think-tank report"],
        newRow("NEW-1 #2", { Source: "NEW-1" }),
      ]),
    );
    expect(plan.sources).toEqual([
      expect.objectContaining({
        action: "create",
        fields: expect.objectContaining({
          code: "NEW-1",
          title: "A new report",
          kind: "think_tank_report",
        }),
      }),
    ]);
    expect(plan.rows.map((row) => row.kind)).toEqual(["create", "create"]);
  });

  test("a status change: summary from the file when new, else generated; the official status never moves it", async () => {
    const plan = await preview(
      await parseCsv([
        [
          "ID",
          "Status",
          "Last change summary",
          "Last change date",
          "Official status",
          "Official status date",
        ],
        [
          "gao-21-322-atf-data",
          "In progress",
          "ATF began its review.",
          "2026-01-10",
          "Closed – implemented",
          "2026-02-01",
        ],
        ["gao-21-322-ice-data", "Stalled", "", "", "", ""],
        ["gao-21-322-cbp-measures", "Not started", "", "", "Closed – implemented", "2026-02-01"],
      ]),
      {},
    );
    const [first, second, third] = plan.rows;
    expect(first!.statusChange).toMatchObject({
      from: "not_started",
      to: "in_progress",
      summary: "ATF began its review.",
      occurredOn: "2026-01-10",
    });
    expect(second!.statusChange).toMatchObject({
      to: "stalled",
      summary: "Imported from import.csv",
    });
    expect(third!.statusChange).toBeNull();
    expect(third!.changes.map((change) => change.field)).toEqual([
      "statusOfficial",
      "statusOfficialAsOf",
    ]);
  });
});

describe("GAO helpers", () => {
  test("a reference names a recommendation's number in any usual form", () => {
    expect(recommendationNumberIn("GAO-21-322 #3", "GAO-21-322")).toBe(3);
    expect(
      recommendationNumberIn("GAO-26-108061 Recommendation 2 (DHS – ICE and CBP)", "GAO-26-108061"),
    ).toBe(2);
    expect(recommendationNumberIn("GAO-26-108061 Rec. 4", "GAO-26-108061")).toBe(4);
    expect(recommendationNumberIn("GAO-21-322 (ATF – data/analysis)", "GAO-21-322")).toBeNull();
  });

  test("a title is the text's first sentence, shortened", () => {
    expect(firstSentence("The Secretary should act. Then more.")).toBe("The Secretary should act.");
    const long = firstSentence(`${"word ".repeat(100)}end.`, 60);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith("…")).toBe(true);
  });
});
