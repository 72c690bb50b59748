import { expect, expectAccessible, test } from "./fixtures.ts";
import { storageStatePath } from "./users.ts";

// My queue (/my-queue): staff only, reached from the staff navigation, readable at 320 px and by
// keyboard. The e2e accounts follow nothing (following is asked for by e-mail), so the page
// shows its empty state here; what it lists is tested in app/modules/follow/digest.server.test.ts.

test("an editor opens My queue from the navigation; others are refused", async ({ browser }) => {
  const editor = await browser.newContext({
    storageState: storageStatePath("editor"),
    viewport: { width: 320, height: 720 },
  });
  const page = await editor.newPage();
  await page.goto("/changes");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "My queue" })
    .focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/my-queue$/);
  await expect(page.getByRole("heading", { level: 1, name: "My queue" })).toBeVisible();
  await expect(page.getByTestId("my-queue-empty")).toContainText("You follow nothing yet");
  await expect(page).toHaveTitle(/^My queue · /);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(320);
  await expectAccessible(page);
  await editor.close();

  // A policymaker (viewer) gets the 403 page and no link; a visitor is sent to sign in.
  const viewer = await browser.newContext({ storageState: storageStatePath("viewer") });
  const viewerPage = await viewer.newPage();
  const refused = await viewerPage.goto("/my-queue");
  expect(refused?.status()).toBe(403);
  await expect(viewerPage.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "My queue" })).toHaveCount(0);
  await viewer.close();

  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto("/my-queue");
  await expect(visitorPage).toHaveURL(/\/login\?redirectTo=%2Fmy-queue$/);
  await visitor.close();
});
