import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { storageStatePath } from "./users.ts";

// Related items across sources (issue 18, item 5): an editor links a Pacific Council item to a
// GAO one; both pages show the link, read from each end, with the other's status; the list
// filters by "has related items"; the link is removed again at the end (other specs count).

test.use({ storageState: storageStatePath("editor") });

const FROM = "/recommendations/pc-3-industry-accountability";
const FROM_REFERENCE = "Double Fix – Core responsibility 3";
const TO = "/recommendations/gao-21-322-info-sharing";
const TO_REFERENCE = "GAO-21-322 (information sharing)";

/** The item's own status, as its page's Status section shows it. */
const statusOf = async (page: Page, url: string) => {
  await page.goto(url);
  return page.locator('section[aria-labelledby="status-heading"] dd').first().innerText();
};

test("link two items, see the link both ways, filter the list, remove it", async ({ page }) => {
  const toStatus = await statusOf(page, TO);
  const fromStatus = await statusOf(page, FROM);
  const form = page.getByTestId("relation-form");
  await page.getByTestId("related-items").getByText("Link a related item").click();
  await form.getByLabel("This item is").selectOption("follows_up");
  await form.getByLabel("Other item").fill(TO_REFERENCE);
  await form.getByLabel("Reason").fill("Both ask for information sharing on traced firearms.");
  await form.getByRole("button", { name: "Link the items" }).click();
  await expect(page.getByText("The items are linked.")).toBeVisible();

  const there = page.getByTestId("related-item").filter({ hasText: TO_REFERENCE });
  await expect(there).toContainText("follows up");
  await expect(there.getByTestId("related-status")).toHaveText(toStatus);
  await expect(there.getByRole("link", { name: TO_REFERENCE })).toHaveAttribute("href", TO);

  // The list by "has related items" (the seeded catalogue has links of its own: one source).
  const item = (url: string) => page.locator(`main a[href="${url}"]`);
  await page.goto("/recommendations?related=yes&source=GAO-21-322");
  await expect(item(TO).filter({ visible: true })).toHaveCount(1);
  await expect(page.getByLabel("Related items")).toHaveValue("yes");
  await page.goto("/recommendations?related=no&source=GAO-21-322");
  await expect(item(TO)).toHaveCount(0);

  // The other end reads "followed up by", with the first item's status; at 320 px, accessible.
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(TO);
  const back = page.getByTestId("related-item").filter({ hasText: FROM_REFERENCE });
  await expect(back).toContainText("followed up by");
  await expect(back).toContainText("PC-DOUBLE-FIX-2023");
  await expect(back.getByTestId("related-status")).toHaveText(fromStatus);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page);

  await page.getByRole("button", { name: `Remove the link to ${FROM_REFERENCE}` }).click();
  await expect(page.getByText("The link was removed.")).toBeVisible();
  await expect(back).toHaveCount(0);
});
