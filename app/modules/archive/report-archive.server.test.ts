// The reports carry the latest evidence's archived copy (date and hash) in every format, as the
// tracker held it at the end of the as-of day: a later copy never rewrites an earlier report.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import {
  CHANGED_ITEM,
  SOURCE,
  exportBytes,
  pdfPages,
  withExportFixture,
} from "#app/modules/reports/test-fixtures.server.ts";

withExportFixture();
const SHA = "ab".repeat(32);

beforeAll(async () => {
  const evidence = await prisma.evidence.findFirstOrThrow({
    where: { recommendationId: CHANGED_ITEM, kind: "link" },
    select: { id: true, url: true },
  });
  const link = await prisma.archivedLink.findUniqueOrThrow({ where: { evidenceId: evidence.id } });
  await prisma.archivedCopy.create({
    data: {
      linkId: link.id,
      requestedUrl: evidence.url!,
      finalUrl: evidence.url!,
      httpStatus: 200,
      contentType: "text/html",
      sizeBytes: 4,
      sha256: SHA,
      fetchedAt: new Date("2025-06-01T15:00:00Z"),
      data: { create: { data: new Uint8Array([1, 2, 3, 4]) } },
    },
  });
});

type JsonReport = {
  schemaVersion: string;
  items: Array<{
    id: string;
    latestEvidence: { archivedAt: string | null; archiveSha256: string | null } | null;
  }>;
};

async function jsonItem(asOf: string) {
  const { bytes } = await exportBytes("json", `source=${SOURCE}&asOf=${asOf}`);
  const report = JSON.parse(new TextDecoder().decode(bytes)) as JsonReport;
  return { report, item: report.items.find((item) => item.id === CHANGED_ITEM)! };
}

test("JSON: the copy's instant and hash beside the evidence; none before it was fetched", async () => {
  const { report, item } = await jsonItem("2025-06-30");
  expect(report.schemaVersion).toBe("1.3");
  expect(item.latestEvidence).toMatchObject({
    archivedAt: "2025-06-01T15:00:00.000Z",
    archiveSha256: SHA,
  });
  const before = (await jsonItem("2025-05-01")).item;
  expect(before.latestEvidence).toMatchObject({ archivedAt: null, archiveSha256: null });
});

test("CSV and XLSX: archive columns; PDF: a line with the hash", async () => {
  const csv = new TextDecoder().decode(
    (await exportBytes("csv", `source=${SOURCE}&asOf=2025-06-30&lang=en`)).bytes,
  );
  // A past report with corrections opens with a notice above the table.
  const preamble = csv.indexOf("\r\n\r\n");
  const table = preamble >= 0 ? csv.slice(preamble + 4) : csv;
  const rows = parse(table, { bom: true, columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  const row = rows.find((r) => r.ID === CHANGED_ITEM)!;
  expect(row["Latest evidence archived on"]).toBe("2025-06-01");
  expect(row["Latest evidence archive SHA-256"]).toBe(SHA);

  const xlsx = (await exportBytes("xlsx", `source=${SOURCE}&asOf=2025-06-30&lang=es`)).bytes;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
  // The items' sheet: the one whose header names the archive's hash.
  const cells: string[] = [];
  for (const sheet of workbook.worksheets) {
    let header = 0;
    let shaColumn = 0;
    sheet.eachRow((r, number) => {
      r.eachCell((cell, column) => {
        if (!header && String(cell.value).startsWith("SHA-256 del archivo")) {
          header = number;
          shaColumn = column;
        }
      });
      if (header && number > header) cells.push(String(r.getCell(shaColumn).value ?? ""));
    });
  }
  expect(cells).toContain(SHA);

  const pdf = (await exportBytes("pdf", `source=${SOURCE}&asOf=2025-06-30&lang=en`)).bytes;
  const text = (await pdfPages(pdf)).pages.map((page) => page.text).join(" ");
  expect(text).toContain(`SHA-256 ${SHA.slice(0, 16)}`);
});
