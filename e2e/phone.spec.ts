import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { storageStatePath } from "./users.ts";

// Phones: every page reads at 320 px wide without sideways scrolling, forms included.

const width = 320;

async function expectNoSidewaysScroll(page: Page, path: string) {
  const overflow = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`.slice(0, 120)),
  }));
  expect(overflow.scroll, `${path}: ${overflow.wide.join(", ")}`).toBeLessThanOrEqual(width);
}

test.use({ viewport: { width, height: 720 } });

test("public pages at 320 px: no sideways scrolling; the list is one card per item", async ({
  page,
}) => {
  for (const path of [
    "/",
    "/recommendations",
    "/recommendations/gao-21-322-atf-data",
    "/changes",
    "/reports",
    "/login",
  ]) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
  }
  await page.goto("/recommendations");
  await expect(page.getByTestId("recommendation-card")).toHaveCount(25);
  await expect(page.getByTestId("recommendation-row").first()).toBeHidden();
  const card = page.getByTestId("recommendation-card").first();
  await expect(card.getByRole("link")).toBeVisible();
  await expect(card).toContainText("Status");
  await expect(card).toContainText("Last update");
});

test("the item page's editor forms at 320 px", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: storageStatePath("editor"),
    viewport: { width, height: 720 },
  });
  const page = await context.newPage();
  await page.goto("/recommendations/gao-16-235-state-reports");
  for (const summary of await page.locator("details > summary").all()) {
    const open = await summary.evaluate(
      (element) => (element.parentElement as HTMLDetailsElement).open,
    );
    if (!open) await summary.click();
  }
  await expect(page.getByRole("form", { name: "Tracking details" })).toBeVisible();
  await expectNoSidewaysScroll(page, "item page with its forms open");
  await context.close();
});
