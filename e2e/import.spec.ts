import ExcelJS from "exceljs";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { storageStatePath } from "./users.ts";

// An administrator imports a small XLSX: the preview shows what would change, a row is left out,
// the commit writes the rest, and the import is listed with what it changed.

test.use({ storageState: storageStatePath("admin") });

async function workbook(rows: string[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Recommendations");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test("an admin previews an XLSX, unticks a row, commits, and sees the import and the item changed", async ({
  page,
}) => {
  const title = `State: report progress and challenges (${Date.now().toString(36)})`;
  const file = await workbook([
    ["Source", "Reference", "Title", "Text", "Country", "Official comment", "Official priority"],
    ["GAO-16-235", "GAO-16-235 (State)", title, "", "", "State agreed to report yearly.", "Yes"],
    ["GAO-16-235", "GAO-16-235 #99", "A row left out", "Its text.", "United States", "", "No"],
  ]);
  await page.goto("/admin/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import");
  await page.getByLabel(/^File/).setInputFiles({
    name: "small-import.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: file,
  });
  await page.getByRole("button", { name: "Preview", exact: true }).click();

  await expect(page.getByRole("heading", { name: "Preview of small-import.xlsx" })).toBeVisible();
  await expect(page.getByTestId("import-counts")).toHaveText(
    "1 to create, 1 to update, 0 unchanged, 0 with errors",
  );
  const update = page.getByTestId("import-row").filter({ hasText: "GAO-16-235 (State)" });
  await expect(update.getByRole("cell", { name: title })).toBeVisible();
  await expectAccessible(page);

  await page
    .getByTestId("import-row")
    .filter({ hasText: "GAO-16-235 #99" })
    .getByRole("checkbox")
    .uncheck();
  await page.getByRole("button", { name: "Commit the import" }).click();

  await expect(page.getByRole("status")).toContainText(
    "Imported small-import.xlsx: 0 created, 1 updated, 0 unchanged.",
  );
  const record = page.getByTestId("import-record").filter({ hasText: "small-import.xlsx" }).first();
  await expect(record).toContainText("0 / 1 / 0 / 0");
  await record.getByRole("link", { name: "What it changed" }).click();
  await page.getByRole("link", { name: "GAO-16-235 (State)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  // GAO's comment and priority flag beside the official status.
  await expect(page.getByText("State agreed to report yearly.")).toBeVisible();
  await expect(page.getByText("Priority recommendation of the issuer")).toBeVisible();
});

test("a file that is not a spreadsheet gets a clear message and writes nothing", async ({
  page,
}) => {
  await page.goto("/admin/import");
  const before = await page.getByTestId("import-record").count();
  await page.getByLabel(/^File/).setInputFiles({
    name: "report.xlsx",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7\n%…\n"),
  });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(
    "This is not a CSV or XLSX file, whatever its name says.",
  );
  await expect(page.getByTestId("import-record")).toHaveCount(before);
  await expectAccessible(page);
});

test("in Spanish on a 320 px phone: the preview's errors name row, column and problem, without sideways scrolling", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: storageStatePath("admin"),
    locale: "es-MX",
    viewport: { width: 320, height: 800 },
  });
  const page = await context.newPage();
  const file = await workbook([
    ["Fuente", "Referencia", "Título", "Texto", "País", "Estado"],
    [
      "GAO-16-235",
      "GAO-16-235 #98",
      "Un elemento nuevo con un título bastante largo para un teléfono",
      "Su texto.",
      "México",
      "Terminada",
    ],
  ]);
  await page.goto("/admin/import");
  await page.getByLabel(/^Archivo/).setInputFiles({
    name: "errores.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: file,
  });
  await page.getByRole("button", { name: "Vista previa", exact: true }).click();
  await expect(page.getByTestId("import-counts")).toHaveText(
    "0 por crear, 0 por actualizar, 0 sin cambios, 1 con errores",
  );
  await expect(page.getByTestId("import-error")).toContainText("No es un estado conocido.");
  await expect(page.getByTestId("import-error")).toContainText("Estado");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "Confirmar la importación" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "No se escribió nada: las filas 2 tienen errores.",
  );
  await expectAccessible(page);
  await context.close();
});
