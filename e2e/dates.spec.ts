import { expect, expectAccessible, test } from "./fixtures.ts";
import { storageStatePath } from "./users.ts";

// A day outside 0001-01-01…9999-12-31, or not a real day, is refused with the field's message
// on every page that reads one from its URL: a 400, never a 500.
const badDays = ["0000-01-01", "2026-02-29", "10000-01-01"];
const filterMessage = /Enter a real date as YYYY-MM-DD/;

for (const day of badDays) {
  test(`a bad day (${day}) in a catalogue view's URL is a 400 with the field's message`, async ({
    page,
    request,
  }) => {
    // The answer of each view, read as the server sends it (no page to render for each).
    for (const path of [
      `/recommendations?asOf=${day}`,
      `/?asOf=${day}`,
      `/changes?from=${day}`,
      `/changes?to=${day}`,
      `/reports?asOf=${day}`,
      `/reports?from=${day}`,
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(400);
      expect(await response.text(), path).toMatch(filterMessage);
    }
    // One of them in the browser: the message is shown.
    const shown = await page.goto(`/changes?from=${day}`);
    expect(shown?.status()).toBe(400);
    await expect(page.getByText(filterMessage).first()).toBeVisible();
    // An export with a bad day goes back to the reports page, which names the field.
    const response = await request.get(`/reports/export.csv?asOf=${day}`);
    expect(response.status()).toBe(400);
    expect(new URL(response.url()).pathname).toBe("/reports");
    expect(await response.text()).toMatch(filterMessage);
  });
}

test("the first and last accepted days are days like any other", async ({ page }) => {
  for (const path of ["/changes?from=0001-01-01", "/reports?from=0099-12-31"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
  await expectAccessible(page);
});

test.describe("as an editor", () => {
  test.use({ storageState: storageStatePath("editor") });

  test("a status change dated year 0000 is refused with the field's message", async ({ page }) => {
    const path = "/recommendations/gao-16-223-doj-mou";
    await page.goto(path);
    const form = page.getByRole("form", { name: "Update status" });
    const version = await form.locator('input[name="expectedVersion"]').inputValue();
    // The browser's date field cannot hold year 0000: sent as a crafted request would send it.
    const response = await page.request.post(path, {
      form: {
        intent: "status",
        expectedVersion: version,
        toStatus: "in_progress",
        summary: "DOJ signed a memorandum.",
        occurredOn: "0000-01-01",
      },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect([400, 422]).toContain(response.status());
    expect(await response.text()).toContain(
      "Date of the change must be a real day (YYYY-MM-DD) from 0001-01-01 to 9999-12-31.",
    );
  });
});
