import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { roleUsers, storageStatePath } from "./users.ts";
import { addDays, currentDay, dayDate, quarterStart } from "../app/utils/dates.ts";

// The what-changed page and the reports page. The status change recorded here is on a Pacific
// Council item that no other spec touches, so that its counts are this file's alone.

const SOURCE = "PC-DOUBLE-FIX-2023";
const ITEM = "pc-4-prevention";

// Today in the tracker's zone (TIME_ZONE: the default, America/Mexico_City, here as on the server).
const today = () => currentDay();
/** The last day of the previous calendar quarter, the default start of /changes. */
function endOfLastQuarter(now = new Date()) {
  return addDays(quarterStart(currentDay(now)), -1);
}
const longDate = (value: string, locale = "en") =>
  new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }).format(dayDate(value));

async function spanishPage(browser: Browser) {
  const context = await browser.newContext({ locale: "es-MX" });
  return { context, page: await context.newPage() };
}

/** True when the page is no wider than the window (no sideways scrolling). */
async function fitsWidth(page: Page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
  );
}

test.describe("what changed", () => {
  test("shows this quarter so far by default", async ({ page }) => {
    const response = await page.goto("/changes");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "What changed" })).toBeVisible();
    await expect(page.getByTestId("changes-period")).toHaveText(
      `${longDate(endOfLastQuarter())} – ${longDate(today())}`,
    );
    await expect(
      page.getByText("This quarter so far, compared with the end of the last one."),
    ).toBeVisible();
    await expect(page.getByTestId("moves-summary")).toContainText(/^\d+ items on /);
    await expectAccessible(page);
  });

  test("in Spanish, with a bad date's message in Spanish", async ({ browser }) => {
    const { context, page } = await spanishPage(browser);
    await page.goto("/changes");
    await expect(page.getByRole("heading", { level: 1, name: "Qué cambió" })).toBeVisible();
    await expect(page.getByTestId("changes-period")).toHaveText(
      `${longDate(endOfLastQuarter(), "es")} – ${longDate(today(), "es")}`,
    );
    await page.goto("/changes?to=2999-01-01");
    await expect(page.locator("#filter-to-error")).toHaveText(
      "La fecha no puede ser futura. La página muestra el periodo predeterminado.",
    );
    await expectAccessible(page);
    await context.close();
  });

  test("an editor's status change appears under its source and in the counts", async ({
    browser,
    page,
  }) => {
    const editor = await browser.newContext({ storageState: storageStatePath("editor") });
    const editing = await editor.newPage();
    await editing.goto(`/recommendations/${ITEM}`);
    // Nothing recorded on this item yet: its status form is open from the start.
    const form = editing.getByRole("form", { name: "Update status" });
    await form.getByLabel("New status").selectOption("in_progress");
    await form.getByLabel("What changed").fill("The prevention programme started in two states.");
    await form.getByLabel("Date it happened").fill(today());
    await form.getByRole("button", { name: "Save status change" }).click();
    await expect(editing.getByText("Status updated.")).toBeVisible();
    await editor.close();

    // A visitor who is not logged in.
    await page.goto(`/changes?source=${SOURCE}`);
    await expect(page.getByTestId("changes-filters")).toHaveText(`Filters: Source: ${SOURCE}`);
    const group = page.locator(`[data-testid="change-group"][data-source="${SOURCE}"]`);
    await expect(group.getByRole("heading", { level: 3 })).toContainText(SOURCE);
    const entry = group.getByTestId("change-entry").filter({ hasText: "prevention programme" });
    await expect(entry).toContainText("Not started → In progress");
    await expect(entry.locator("time")).toHaveAttribute("datetime", today());
    await expect(entry.getByRole("link")).toHaveAttribute("href", `/recommendations/${ITEM}`);
    await expect(page.getByTestId("status-moves")).toContainText("Not started → In progress: 1");
    const matrix = page.getByTestId("status-matrix");
    await expect(matrix.locator('[data-from="not_started"][data-to="in_progress"]')).toHaveText(
      "1",
    );
    await expect(matrix.locator('[data-from="not_started"][data-to="not_started"]')).toHaveText(
      "3",
    );
    await expect(page.getByTestId("moves-summary")).toHaveText(
      `4 items on ${longDate(today())}. Changed status since ${longDate(endOfLastQuarter())}: 1. New in the period: 0.`,
    );
    // Nobody's name or email on a public page.
    await expect(page.locator("main")).not.toContainText(roleUsers.editor.name);
    await expect(page.locator("main")).not.toContainText(roleUsers.editor.email);
    await expectAccessible(page);
    // Nor on the item's page: neither in what it shows nor in its data for client navigation.
    await page.goto(`/recommendations/${ITEM}`);
    await expect(page.getByText("The prevention programme started in two states.")).toBeVisible();
    await expect(page.locator("main")).not.toContainText(roleUsers.editor.name);
    const itemData = await (await page.request.get(`/recommendations/${ITEM}.data`)).text();
    expect(itemData).toContain("The prevention programme started in two states.");
    expect(itemData).not.toContain(roleUsers.editor.name);
    await page.goto(`/changes?source=${SOURCE}`);

    // The column total opens the list of the items in that status on the period's last day.
    await matrix.locator('[data-total="in_progress"]').getByRole("link").click();
    await expect(page).toHaveURL(`/recommendations?source=${SOURCE}&status=in_progress`);
    await expect(page.getByText("Showing 1–1 of 1")).toBeVisible();

    // A status filter applies to the status on the last day.
    await page.goto(`/changes?source=${SOURCE}&status=not_started`);
    await expect(
      page.getByText("No status or official status changed in this period."),
    ).toBeVisible();

    // Before the change, the period holds nothing of it.
    await page.goto(`/changes?source=${SOURCE}&from=2024-01-01&to=2024-12-31`);
    await expect(page.getByTestId("change-entry")).toHaveCount(0);
  });

  test("a bad date gets its message next to the field, and the default period is shown", async ({
    page,
  }) => {
    const response = await page.goto("/changes?from=2026-02-30&source=GAO-21-322");
    expect(response?.status()).toBe(400);
    const field = page.getByLabel("Compare with the state on");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAttribute("aria-describedby", /filter-from-error/);
    await expect(page.locator("#filter-from-error")).toHaveText(
      "Enter a real date as YYYY-MM-DD, from 0001-01-01 to 9999-12-31. The page shows the default period instead.",
    );
    await expect(page.getByTestId("changes-period")).toHaveText(
      `${longDate(endOfLastQuarter())} – ${longDate(today())}`,
    );
    await expect(page.getByLabel("Source")).toHaveValue("GAO-21-322");
    await expectAccessible(page);

    await page.goto("/changes?from=2024-06-30&to=2024-01-01");
    await expect(page.locator("#filter-from-error")).toContainText(
      "must be on or before the end of the period",
    );
  });

  test("reads well at 320 px", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto("/changes?from=2024-01-01");
    await expect(page.getByTestId("status-matrix")).toBeVisible();
    expect(await fitsWidth(page)).toBe(true);
  });
});

test.describe("reports page", () => {
  test("the preview counts what the list shows for the same filters and date", async ({ page }) => {
    for (const query of [
      "",
      "source=GAO-21-322",
      "goal=3&asOf=2024-01-01",
      "country=US&status=not_started",
    ]) {
      await page.goto(`/recommendations?${query}`);
      const showing = (await page.getByText(/^Showing \d+–\d+ of \d+$/).textContent())!;
      const total = Number(/of (\d+)$/.exec(showing)![1]);
      await page.goto(`/reports?${query}`);
      await expect(page.getByTestId("preview-total")).toHaveText(`${total} items`);
      const byStatus = await page
        .getByTestId("preview-by-status")
        .locator("li")
        .evaluateAll((items) => items.map((item) => Number(item.textContent!.match(/\d+$/)![0])));
      expect(byStatus.reduce((sum, count) => sum + count, 0)).toBe(total);
    }
  });

  test("the form previews; Enter in a field previews too", async ({ page }) => {
    await page.goto("/reports");
    await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
    await expect(page.getByLabel("Language of the report")).toHaveValue("en");
    await page.getByLabel("Source").selectOption("GAO-16-223");
    await page.getByLabel("Status as of").fill("2024-06-30");
    await page.getByLabel("Language of the report").selectOption("es");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page).toHaveURL(/source=GAO-16-223/);
    await expect(page).toHaveURL(/asOf=2024-06-30/);
    await expect(page).toHaveURL(/lang=es/);
    const preview = page.getByTestId("report-preview");
    await expect(preview).toContainText(
      `Where the recommendations stood on ${longDate("2024-06-30")}.`,
    );
    await expect(preview).toContainText("Filters: Source: GAO-16-223");
    await expect(preview).toContainText("Report language: Español.");
    await expect(preview).toContainText(
      `changes dated from ${longDate("2024-04-01")} to ${longDate("2024-06-30")}`,
    );
    await expect(page.getByTestId("preview-total")).toHaveText("3 items");
    await expect(page.getByTestId("preview-by-source").locator("li")).toHaveCount(1);
    await expectAccessible(page);

    await page.getByLabel("Search").fill("DHS");
    await page.getByLabel("Search").press("Enter");
    await expect(page).toHaveURL(/q=DHS/);
    await expect(page.getByTestId("preview-total")).toHaveText("1 item");
  });

  const bad = `asOf=2999-01-01&status=finished&lang=fr&from=2024-13-01&q=${"x".repeat(201)}`;

  test("bad parameters appear next to their fields", async ({ page }) => {
    const response = await page.goto(`/reports?${bad}`);
    expect(response?.status()).toBe(400);
    const expectError = async (label: string, id: string, text: string) => {
      await expect(page.getByLabel(label, { exact: true })).toHaveAttribute(
        "aria-describedby",
        new RegExp(id),
      );
      await expect(page.locator(`#${id}`)).toContainText(text);
    };
    await expectError("Status as of", "filter-asOf-error", "cannot be in the future");
    await expectError("Status", "filter-status-error", "Choose one of the listed values");
    await expectError("Language of the report", "filter-lang-error", "Choose English or Español");
    await expectError("History from", "filter-from-error", "Enter a real date");
    await expectError("Search", "filter-q-error", "Use at most 200 characters");
    await expect(page.getByTestId("preview-total")).toHaveText("35 items");
    await expectAccessible(page);

    await page.goto("/reports?asOf=2024-03-31&from=2024-06-01");
    await expect(page.locator("#filter-from-error")).toContainText(
      "The history must start on or before the as-of date",
    );
  });

  test("in Spanish, with the report's language the reader's by default", async ({ browser }) => {
    const { context, page } = await spanishPage(browser);
    await page.goto(`/reports?${bad}`);
    await expect(page.getByRole("heading", { level: 1, name: "Informes" })).toBeVisible();
    await expect(page.getByLabel("Idioma del informe")).toHaveValue("es");
    await expect(page.locator("#filter-lang-error")).toContainText("Elija English o Español");
    await expect(page.locator("#filter-asOf-error")).toContainText("no puede ser futura");
    await expectAccessible(page);
    await context.close();
  });

  test("reads well at 320 px without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto("/reports");
    await expect(page.getByTestId("download-pdf")).toBeVisible();
    expect(await fitsWidth(page)).toBe(true);
    await page.goto("/reports?asOf=2999-01-01&status=finished&lang=fr&from=x");
    expect(await fitsWidth(page)).toBe(true);
  });
});

// The browser side of a download, against answers shaped like the exports' (see
// `test.describe("downloads")` below for the exports themselves).
test.describe("download buttons with JavaScript", () => {
  test("a large export shows its progress, keeps the button busy, then saves the file", async ({
    page,
  }) => {
    let requested = "";
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/reports/export.csv?*", async (route) => {
      requested = route.request().url();
      await released;
      await route.fulfill({
        status: 200,
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition":
            "attachment; filename=\"status-report_x.csv\"; filename*=UTF-8''status-report_2026-12-01_GAO-21-322.csv",
        },
        body: "\uFEFFid,status\nitem,not_started\n",
      });
    });
    await page.goto("/reports?source=GAO-21-322&lang=es");
    const button = page.getByRole("button", { name: "CSV" });
    await expect(button).toHaveAccessibleDescription(/One row per item/);
    const download = page.waitForEvent("download");
    await button.click();
    const status = page.getByTestId("download-status");
    await expect(status).toHaveText("Preparing the CSV…");
    await expect(status).toHaveAttribute("aria-live", "polite");
    await expect(button).toHaveAttribute("aria-busy", "true");
    await expect(page.getByRole("button", { name: "PDF" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    expect(new URL(requested).search).toBe("?source=GAO-21-322&lang=es");
    release();
    const file = await download;
    expect(file.suggestedFilename()).toBe("status-report_2026-12-01_GAO-21-322.csv");
    await expect(status).toContainText("The CSV is ready: status-report_2026-12-01_GAO-21-322.csv");
    await expect(button).not.toHaveAttribute("aria-disabled");
    await expect(page).toHaveURL("/reports?source=GAO-21-322&lang=es");
  });

  test("an export that sends the reader back shows the errors on the reports page", async ({
    page,
  }) => {
    await page.route("**/reports/export.pdf?*", (route) =>
      route.fulfill({ status: 302, headers: { Location: "/reports?asOf=2999-01-01" } }),
    );
    await page.goto("/reports");
    await page.getByRole("button", { name: "PDF" }).click();
    await expect(page).toHaveURL("/reports?asOf=2999-01-01");
    await expect(page.locator("#filter-asOf-error")).toContainText("cannot be in the future");
  });

  test("a failed connection says so and frees the buttons", async ({ page }) => {
    await page.route("**/reports/export.xlsx?*", (route) => route.abort("internetdisconnected"));
    await page.goto("/reports");
    await page.getByRole("button", { name: "XLSX" }).click();
    await expect(page.getByTestId("download-status")).toHaveText(
      "The XLSX could not be downloaded: the connection failed. Check it and try again.",
    );
    await expect(page.getByRole("button", { name: "XLSX" })).not.toHaveAttribute("aria-disabled");
  });
});

// Against the real exports (app/routes/reports/export.ts): these pass once the exports exist.
test.describe("downloads", () => {
  test("with JavaScript: CSV, with the progress shown", async ({ page }) => {
    await page.goto("/reports?source=GAO-21-322");
    await page.getByTestId("download-status").evaluate((region) => {
      const seen: string[] = [];
      (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
      new MutationObserver(() => seen.push(region.textContent ?? "")).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^status-report_.*\.csv$/);
    const seen = await page.evaluate(
      () => (window as unknown as { seenStatuses: string[] }).seenStatuses,
    );
    expect(seen.some((text) => text.startsWith("Preparing the CSV…"))).toBe(true);
    await expect(page.getByTestId("download-status")).toContainText("The CSV is ready");
  });

  test("without JavaScript: the PDF button downloads the file", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/reports?source=GAO-21-322");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "PDF" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^status-report_.*\.pdf$/);
    await context.close();
  });
});
