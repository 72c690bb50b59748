import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { newPerson, unique } from "./two-step-people.ts";
import { storageStatePath } from "./users.ts";

// Sign-off before publishing, on a source of its own (review required for it alone, so that no
// other spec running at the same time meets the requirement): an editor's status change waits
// for review, invisible to the public; the admin sends it back, the author amends it, the admin
// approves it and it is public with "approved by". The item is archived again at the end,
// because other tests count the public catalogue.

const field = (form: Locator, label: string) => form.getByLabel(label, { exact: true });

async function createReviewedItem(page: Page, code: string) {
  await page.goto("/admin/catalogue/sources");
  let form = page.getByRole("form", { name: /^Add an? / });
  await field(form, "Code").fill(code);
  await field(form, "Title").fill(`Reviewed report ${code}`);
  await field(form, "Publisher").fill("Test publisher");
  await field(form, "Kind of source").selectOption("think_tank_report");
  await field(form, "Review required before publishing").check();
  await form.getByRole("button", { name: "Create source" }).click();
  await expect(page.getByText("Created.")).toBeVisible();

  await page.goto("/admin/catalogue/recommendations");
  form = page.getByRole("form", { name: /^Add an? / });
  await field(form, "Source").selectOption(code);
  await field(form, "Reference").fill(`${code} #1`);
  await field(form, "Title").fill(`Publish the seizure data ${code}`);
  await field(form, "Full text").fill("The agencies should publish seizure data every quarter.");
  await field(form, "Country").selectOption("binational");
  await field(form, "Verification level").selectOption("secondary_summary");
  await field(form, "Source web address").fill("https://example.org/report#rec");
  await form.getByRole("button", { name: "Create recommendation" }).click();
  await expect(page.getByText("Created.")).toBeVisible();
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

test("an editor's change waits for another person's approval before it is public", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const code = `SIGN-${unique()}`.toUpperCase();
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const adminPage = await admin.newPage();
  const [id, author] = await Promise.all([
    createReviewedItem(adminPage, code),
    newPerson(browser, "editor"),
  ]);
  const itemUrl = `/recommendations/${id}`;
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const summary = `Draft rules published ${code}`;
  const amended = `Final rules published ${code}`;

  // The editor's change is sent for review, not published.
  await author.page.goto(itemUrl);
  const form = author.page.getByRole("form", { name: "Update status" });
  await form.getByLabel("New status").selectOption("in_progress");
  await form.getByLabel("What changed").fill(summary);
  await form.getByRole("button", { name: "Save status change" }).click();
  await expect(author.page.getByText("Sent for review.")).toBeVisible();
  const card = author.page.getByTestId("pending-change");
  await expect(card.getByText("Awaiting review")).toBeVisible();
  await expect(card.getByRole("button", { name: "Approve and publish" })).toHaveCount(0);
  // Posting the approval anyway is refused on the server.
  const changeId = await card.locator('input[name="changeId"]').first().inputValue();
  const forged = await author.page.request.post(itemUrl, {
    form: { intent: "review-approve", changeId, expectedVersion: "1" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);

  // A visitor sees neither the change nor its status, on the page or in the JSON export.
  await visitor.goto(itemUrl);
  await expect(visitor.getByText("Not started").first()).toBeVisible();
  await expect(visitor.getByText(summary)).toHaveCount(0);
  await expect(visitor.getByText("Awaiting review")).toHaveCount(0);
  const exported = await visitor.request.get(`/reports/export.json?source=${code}`);
  expect(await exported.text()).not.toContain(summary);

  // The admin sends it back from the queue (on a 320 px wide screen), with a reason.
  await adminPage.setViewportSize({ width: 320, height: 800 });
  await adminPage.goto("/review");
  await expectAccessible(adminPage);
  expect(await adminPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    320,
  );
  const queued = adminPage.getByTestId("pending-change").filter({ hasText: summary });
  await queued.getByLabel("Reason for sending it back").fill("Link the final rules, please.");
  await queued.getByRole("button", { name: "Send back" }).click();
  await expect(adminPage.getByText("Sent back to its author")).toBeVisible();

  // The author reads the reason beside the text they sent, amends it and sends it again.
  await author.page.goto(itemUrl);
  await expect(author.page.getByTestId("return-reason")).toContainText(
    "Link the final rules, please.",
  );
  const amend = author.page.getByTestId("pending-change");
  await expect(amend.getByLabel("What changed")).toHaveValue(summary);
  await amend.getByLabel("What changed").fill(amended);
  await amend.getByRole("button", { name: "Amend and send for review again" }).click();
  await expect(author.page.getByText("Sent for review again.")).toBeVisible();

  // The admin approves it on the item's page; it is public, saying who approved it.
  await adminPage.goto(itemUrl);
  await expect(adminPage.getByTestId("pending-change").getByText("Awaiting review")).toBeVisible();
  await expectAccessible(adminPage);
  await adminPage.getByRole("button", { name: "Approve and publish" }).click();
  await expect(adminPage.getByText("Approved: the change is now public.")).toBeVisible();

  await visitor.goto(itemUrl);
  const entry = visitor.getByTestId("timeline-status_change").first();
  await expect(entry).toContainText(amended);
  await expect(entry.getByTestId("approved-by")).toContainText("Approved by");
  const published = await visitor.request.get(`/reports/export.json?source=${code}`);
  expect(await published.text()).toContain(amended);

  await adminPage.goto(`/admin/catalogue/recommendations/${id}`);
  await adminPage.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(adminPage.getByText("Archived. It no longer appears")).toBeVisible();
  await Promise.all([admin.close(), author.context.close(), anonymous.close()]);
});
