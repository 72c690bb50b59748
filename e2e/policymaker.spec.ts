import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test } from "./fixtures.ts";

// The review journey in one go: a policymaker (not logged in) narrows the dashboard to a
// Framework goal, opens what changed for that view, then downloads the PDF and the XLSX of it.
test("a policymaker filters the dashboard to a goal, opens what changed and downloads the report", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByLabel("Framework goal", { exact: true }).selectOption("1");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]goal=1(&|$)/);

  // How many items goal 1 has, according to the list.
  const list = await page.request.get("/recommendations?goal=1");
  const total = Number(/Showing \d+–\d+ of (\d+)/.exec(await list.text())?.[1]);
  expect(total).toBeGreaterThan(0);

  await page.getByRole("link", { name: "See everything that changed" }).click();
  await expect(page).toHaveURL(/\/changes\?.*goal=1/);
  await expect(page.getByTestId("changes-filters")).toContainText("Framework goal: 1");

  await page.getByTestId("report-of-view").click();
  await expect(page).toHaveURL(/\/reports\?.*goal=1/);
  await expect(page.getByLabel("Framework goal", { exact: true })).toHaveValue("1");

  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "PDF" }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/^status-report_\d{4}-\d{2}-\d{2}_.*1.*\.pdf$/);
  const pdfBytes = fs.readFileSync(await pdf.path());
  expect(pdfBytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  const [xlsx] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "XLSX" }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  const items = workbook.getWorksheet("Items");
  expect(items, "the Items sheet").toBeDefined();
  // A header row, then one row per item of goal 1.
  expect(items!.actualRowCount - 1).toBe(total);
});
