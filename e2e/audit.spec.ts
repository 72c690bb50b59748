import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { ADMIN, roleUsers, storageStatePath } from "./users.ts";

// The audit log: catalogue changes made here show up with who made them and what changed.

test.use({ storageState: storageStatePath("admin") });

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

const newForm = (page: Page) => page.getByRole("form", { name: /^Add an? / });
const editForm = (page: Page) => page.getByRole("form", { name: /^Edit / });

test("a catalogue change appears in the audit log, filtered by person and kind", async ({
  page,
}) => {
  const slug = `audit-${unique()}`;
  await page.goto("/admin/catalogue/tags");
  await newForm(page).getByLabel("Slug").fill(slug);
  await newForm(page).getByLabel("Name", { exact: true }).fill("Before the edit");
  await newForm(page).getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByText("Created.")).toBeVisible();
  const tagId = new URL(page.url()).pathname.split("/").at(-1)!;
  await editForm(page).getByLabel("Name", { exact: true }).fill("After the edit");
  await editForm(page).getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", {
      name: "Audit log",
    })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await page.getByLabel("Person").selectOption({ label: `${ADMIN.name} (${ADMIN.email})` });
  await page.getByLabel("Kind of record").selectOption("Tag");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/entityType=Tag/);
  await expect(page).toHaveURL(/actorId=/);
  await expect(page.getByLabel("Kind of record")).toHaveValue("Tag");

  const rows = page.getByTestId("audit-row").filter({ hasText: slug });
  await expect(rows).toHaveCount(2);
  // Newest first: the edit, then the creation.
  await expect(rows.nth(0)).toContainText("Edited");
  await expect(rows.nth(0)).toContainText(ADMIN.name);
  await expect(rows.nth(0)).toContainText("Name: Before the edit → After the edit");
  await expect(rows.nth(1)).toContainText("Created");
  await expect(rows.nth(1)).toContainText(`Slug: ${slug}`);
  // The record is named by its slug, linked to its page; its id is nowhere in the text.
  await expect(rows.nth(0).getByRole("link", { name: slug })).toHaveAttribute(
    "href",
    `/admin/catalogue/tags/${tagId}`,
  );
  await expect(page.getByRole("table")).not.toContainText(tagId);
  for (const row of await page.getByTestId("audit-row").all()) {
    await expect(row).toContainText(ADMIN.name);
    await expect(row).toContainText("Tag");
  }
  await expectAccessible(page);

  // Another person's changes leave the admin's out.
  await page.getByLabel("Person").selectOption({
    label: `${roleUsers.editor.name} (${roleUsers.editor.email})`,
  });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByLabel("Person")).toHaveValue(/.+/);
  await expect(page.getByTestId("audit-row").filter({ hasText: slug })).toHaveCount(0);

  // By record: exactly its two events.
  await page.goto(`/admin/audit?entityId=${tagId}`);
  await expect(page.getByTestId("audit-row")).toHaveCount(2);
  await expect(page.getByText("Showing 1–2 of 2")).toBeVisible();
});

test("a recommendation's events link to its page", async ({ page }) => {
  const code = `AUD-${unique()}`.toUpperCase();
  await page.goto("/admin/catalogue/sources");
  let form = newForm(page);
  await form.getByLabel("Code", { exact: true }).fill(code);
  await form.getByLabel("Title", { exact: true }).fill(`Audit test report ${code}`);
  await form.getByLabel("Publisher").fill("Test publisher");
  await form.getByLabel("Kind of source").selectOption("other");
  await form.getByRole("button", { name: "Create source" }).click();
  await expect(page.getByText("Created.")).toBeVisible();

  await page.goto("/admin/catalogue/recommendations");
  form = newForm(page);
  await form.getByLabel("Source", { exact: true }).selectOption(code);
  await form.getByLabel("Reference", { exact: true }).fill(`${code} #1`);
  await form.getByLabel("Title", { exact: true }).fill("Audit test recommendation");
  await form.getByLabel("Full text").fill("Record every change.");
  await form.getByLabel("Country").selectOption("US");
  await form.getByLabel("Verification level").selectOption("brief_only");
  await form.getByLabel("Source web address").fill("https://example.org/audit");
  await form.getByRole("button", { name: "Create recommendation" }).click();
  await expect(page.getByText("Created.")).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").at(-1)!;
  // Out of the public catalogue at once: other tests count it.
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(page.getByText("Archived. It no longer appears")).toBeVisible();

  await page.goto(`/admin/audit?entityType=Recommendation&entityId=${id}`);
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Archived");
  await expect(rows.nth(1)).toContainText("Created");
  await expect(rows.nth(1)).toContainText("Reference: " + `${code} #1`);
  await expect(rows.nth(1).getByRole("link", { name: `${code} #1` })).toHaveAttribute(
    "href",
    `/recommendations/${id}`,
  );
  // Values read as labels, not as stored.
  await expect(rows.nth(1)).toContainText("Country: United States");
  await expect(rows.nth(1)).toContainText("Verification level: Unverified (from a brief)");
  await expect(rows.nth(1)).toContainText("Status: Not started");
});

test("an invalid date filter is a 400 naming the field", async ({ page }) => {
  const response = await page.goto("/admin/audit?from=2024-02-30");
  expect(response?.status()).toBe(400);
  await expect(page.getByText("Invalid value for “from”")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/at .*\.js:\d+/);
  await expectAccessible(page);
});

test("a day outside 0001–9999 is a 400 naming the field, on the page and the CSV", async ({
  page,
}) => {
  for (const [search, field] of [
    ["from=0000-01-01", "from"],
    ["to=0000-01-01", "to"],
  ]) {
    const response = await page.goto(`/admin/audit?${search}`);
    expect(response?.status(), search).toBe(400);
    await expect(page.getByText(`Invalid value for “${field}”`)).toBeVisible();
    const csv = await page.request.get(`/admin/audit.csv?${search}`);
    expect(csv.status(), search).toBe(400);
  }
});

test("the audit log reads in Spanish", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: storageStatePath("admin"),
    locale: "es-MX",
  });
  const page = await context.newPage();
  await page.goto("/admin/audit?entityType=Catalogue");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Registro de auditoría");
  await expect(page.getByTestId("audit-row").first()).toContainText("Catálogo cargado");
  await expect(page.getByTestId("audit-row").first()).toContainText("Sistema");
  await expectAccessible(page);
  await context.close();
});

test("in Spanish on a phone: values translated, dates written out, long values wrap", async ({
  page,
  browser,
}) => {
  const code = `AUD-ES-${unique()}`.toUpperCase();
  const longUrl = `https://example.org/${"a-very-long-path-segment-".repeat(8)}end`;
  await page.goto("/admin/catalogue/sources");
  const form = newForm(page);
  await form.getByLabel("Code", { exact: true }).fill(code);
  await form.getByLabel("Title", { exact: true }).fill(`Informe de prueba ${code}`);
  await form.getByLabel("Publisher").fill("Test publisher");
  await form.getByLabel("Kind of source").selectOption("other");
  await form.getByLabel("Web address").fill(longUrl);
  await form.getByRole("button", { name: "Create source" }).click();
  await expect(page.getByText("Created.")).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").at(-1)!;
  // Out of the menus at once: other tests count the sources.
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(page.getByText("Archived. It no longer appears")).toBeVisible();

  const context = await browser.newContext({
    storageState: storageStatePath("admin"),
    locale: "es-MX",
    viewport: { width: 320, height: 900 },
  });
  const phone = await context.newPage();
  await phone.goto(`/admin/audit?entityType=Source&entityId=${id}`);
  const rows = phone.getByTestId("audit-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Archivado");
  await expect(rows.nth(1)).toContainText("Creado");
  await expect(rows.nth(1)).toContainText("Tipo de fuente: Otro");
  await expect(rows.nth(1)).not.toContainText("Tipo de fuente: other");
  await expect(rows.nth(1).getByRole("link", { name: code })).toHaveAttribute(
    "href",
    `/admin/catalogue/sources/${id}`,
  );
  // Moments in Spanish ("8 dic 2026, 10:05 GMT-6"), never as stored ("2026-12-08T16:05:…Z").
  await expect(rows.nth(0)).toContainText(/Archivado: \(vacío\) → \d{1,2} [a-z]{3}\.? \d{4}/);
  const table = phone.getByRole("table");
  await expect(table).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}/);
  await expect(table).not.toContainText(id);

  const overflow = await phone.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const urlLine = rows.nth(1).getByText("a-very-long-path-segment", { exact: false });
  const box = (await urlLine.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(320);
  await expectAccessible(phone);
  await context.close();
});
