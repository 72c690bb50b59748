import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { currentDay, dayDate, monthEnd } from "../app/utils/dates.ts";

// A policymaker (anonymous: PUBLIC_READ is on) reviews progress on the dashboard ("/").

/** The list's total for a query, from its "Showing 1–7 of 7" line. */
async function listTotal(page: Page, query: string): Promise<number> {
  await page.goto(`/recommendations${query}`);
  return shownTotal(page);
}

async function shownTotal(page: Page): Promise<number> {
  const text = await page
    .getByRole("status")
    .filter({ hasText: /Showing/ })
    .innerText();
  return Number(/of (\d+)/.exec(text)?.[1]);
}

/** The sum of the counts of a chart's segment links. */
async function segmentSum(scope: Locator): Promise<number> {
  const counts = await scope
    .locator("a.chart-segment")
    .evaluateAll((links) => links.map((link) => Number(link.getAttribute("data-count"))));
  return counts.reduce((sum, n) => sum + n, 0);
}

/** Opens every "Show the numbers as a table" (clicking one is tested on its own). */
async function openTables(page: Page) {
  await page
    .locator("details.chart-table")
    .evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
}

test("filtered to Framework goal 1, the charts and tables show goal 1's numbers", async ({
  page,
}) => {
  const total = await listTotal(page, "?goal=1");
  expect(total).toBeGreaterThan(0);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const form = page.getByRole("search", { name: "Filters" });
  await form.getByLabel("Framework goal").selectOption("1");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]goal=1(&|$)/);

  await expect(page.getByTestId("dashboard-summary")).toContainText(`${total} recommendations`);
  await expect(page.getByTestId("dashboard-filters")).toContainText("Framework goal: 1");
  // The overall bar, the source chart and the goal chart each add up to goal 1's total.
  expect(await segmentSum(page.getByTestId("chart-by-status"))).toBe(total);
  expect(await segmentSum(page.getByTestId("chart-by-source"))).toBe(total);
  const goalChart = page.getByTestId("chart-by-goal");
  await expect(goalChart.getByTestId("chart-row")).toHaveCount(1);
  await expect(goalChart.getByTestId("chart-row")).toContainText("Goal 1");
  expect(await segmentSum(goalChart)).toBe(total);
  // The over-time chart's last column is today's state.
  await expect(page.getByTestId("over-time-column").last()).toHaveAttribute(
    "data-total",
    String(total),
  );

  // The tables hold the same numbers.
  await openTables(page);
  const goalRow = goalChart
    .getByTestId("chart-table")
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: /Goal 1/ }) });
  await expect(goalRow.getByRole("cell").last()).toHaveText(String(total));
  const sourceTotals = await page
    .getByTestId("chart-by-source")
    .locator("tbody tr td:last-child")
    .allInnerTexts();
  expect(sourceTotals.map(Number).reduce((sum, n) => sum + n, 0)).toBe(total);
});

test("a bar segment leads to the list with the same filters and count", async ({ page }) => {
  await page.goto("/?goal=1");
  const segment = page.getByTestId("chart-by-source").locator("a.chart-segment").first();
  const count = Number(await segment.getAttribute("data-count"));
  const status = await segment.getAttribute("data-status");
  const name = await segment.getAttribute("aria-label");
  const source = name!.split(":")[0]!;
  expect(name).toMatch(new RegExp(`^${source}: .+, ${count}$`));
  await segment.click();
  await expect(page).toHaveURL(/\/recommendations\?/);
  const params = new URL(page.url()).searchParams;
  expect(Object.fromEntries(params)).toEqual({ goal: "1", source, status });
  expect(await shownTotal(page)).toBe(count);

  // Filtered to a cooperation area, the bar of its goal keeps the area in its links.
  await page.goto("/?goal=1.1");
  const goalChart = page.getByTestId("chart-by-goal");
  await expect(goalChart.getByTestId("chart-row")).toHaveCount(1);
  await expect(goalChart.getByTestId("chart-row")).toContainText("Goal 1");
  for (const href of await goalChart
    .locator("a")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href")))) {
    expect(new URL(href!, page.url()).searchParams.get("goal")).toBe("1.1");
  }
});

test("the as-of date and bad filter values stay on the dashboard", async ({ page }) => {
  await page.goto("/?asOf=2024-06-30&goal=1");
  await expect(page.getByTestId("dashboard-summary")).toContainText(
    "Status as it stood on June 30, 2024",
  );
  const href = await page.locator("a.chart-segment").first().getAttribute("href");
  expect(href).toContain("asOf=2024-06-30");
  await expect(
    page.getByRole("heading", { level: 2, name: /in the 30 days to June 30, 2024/ }),
  ).toBeVisible();

  const response = await page.goto("/?status=finished&asOf=2999-01-01&goal=1");
  expect(response?.status()).toBe(400);
  await expect(page.getByLabel("Status", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#filter-status-error")).toContainText(
    "Choose one of the listed values",
  );
  await expect(page.locator("#filter-asOf-error")).toContainText("cannot be in the future");
  // The valid goal filter is kept.
  await expect(page.getByTestId("dashboard-filters")).toContainText("Framework goal: 1");
  await expect(page.getByTestId("chart-by-goal").getByTestId("chart-row")).toHaveCount(1);
});

test("the over-time chart has 24 months with their names", async ({ page }) => {
  await page.goto("/");
  const chart = page.getByTestId("over-time-chart");
  await expect(chart.getByTestId("over-time-column")).toHaveCount(24);
  const labels = chart.getByTestId("over-time-label");
  await expect(labels).toHaveCount(24);
  // Months of the tracker's zone (TIME_ZONE: the default, America/Mexico_City, here).
  const month = (back: number) =>
    new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" }).format(
      dayDate(monthEnd(currentDay(), back)),
    );
  await expect(labels.first()).toContainText(month(23));
  await expect(labels.last()).toContainText(month(0));
  await expect(labels.nth(12)).toContainText(month(11));
  await expect(chart.getByRole("img")).toHaveAttribute("aria-label", /end of each month/);
  await chart.locator("summary").click();
  await expect(chart.getByRole("table")).toBeVisible();
  await expect(chart.getByRole("table").locator("tbody tr")).toHaveCount(24);
});

test("accessible in English, tables open", async ({ page }) => {
  await page.goto("/");
  await openTables(page);
  await expectAccessible(page);
});

test("accessible in Spanish after the header's language switch, tables open", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Cambiar el idioma a español" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Resumen");
  await expect(page.getByRole("heading", { level: 2, name: "Avance por fuente" })).toBeVisible();
  await expect(page.getByTestId("over-time-label").first()).toContainText(
    new Intl.DateTimeFormat("es", { month: "short", timeZone: "UTC" }).format(
      dayDate(monthEnd(currentDay(), 23)),
    ),
  );
  await openTables(page);
  await expectAccessible(page);
});

test("reads at 320 px without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  for (const url of ["/", "/?goal=1&asOf=2025-06-30"]) {
    await page.goto(url);
    await openTables(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, url).toBeLessThanOrEqual(320);
  }
});

test("prints without navigation or filters, with charts and their numbers", async ({ page }) => {
  await page.goto("/?goal=1");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Cambiar el idioma a español" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Log in" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeHidden();
  await expect(page.locator("form[role=search]")).toBeHidden();
  await expect(page.locator("body > footer")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("dashboard-filters")).toBeVisible();
  await expect(page.getByTestId("chart-by-goal").getByTestId("stacked-bar")).toBeVisible();
  // Patterns are painted: the in-progress fill refers to its pattern, defined on the page.
  await expect(page.locator("pattern#status-pattern-in_progress")).toHaveCount(1);
  // The tables print open, without their "Show" line.
  await expect(page.getByTestId("chart-by-goal").getByRole("table")).toBeVisible();
  await expect(page.getByTestId("chart-by-goal").locator("summary")).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("the segment links are reachable by keyboard", async ({ page }) => {
  await page.goto("/");
  let reached: string | null = null;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() =>
      document.activeElement?.classList.contains("chart-segment")
        ? document.activeElement.getAttribute("aria-label")
        : null,
    );
  }
  expect(reached).toMatch(/^Items by status: .+, \d+$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/recommendations\?status=/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filters, the tables and the segment links work", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("combobox", { name: "Responsible actor" }).selectOption("ATF");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]actor=ATF(&|$)/);
    const actorChart = page.getByTestId("chart-by-actor");
    await expect(actorChart.getByTestId("chart-row")).toHaveCount(1);
    await actorChart.locator("summary").click();
    await expect(actorChart.getByRole("table")).toBeVisible();
    const segment = actorChart.locator("a.chart-segment").first();
    const count = Number(await segment.getAttribute("data-count"));
    await segment.click();
    await expect(page).toHaveURL(/\/recommendations\?actor=ATF&status=/);
    expect(await shownTotal(page)).toBe(count);
  });
});
