import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { PASSWORD, storageStatePath } from "./users.ts";

// How the public read who recorded something: the role, or a display name an admin gave, or the
// person's own name once they chose so on /account; never a user id, in the page or its data.
// A person of its own, so that other tests' checks on the shared editor are left alone.

test.use({ storageState: storageStatePath("admin") });

const ITEM = "bf-2-supply-chains";
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Invites an editor through the admin page and accepts as them: their page and user id. */
async function newEditor(admin: Page, browser: Browser, name: string) {
  const email = `privacy-${unique()}@e2e.test`;
  await admin.goto("/admin/users");
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Role", { exact: true }).selectOption("editor");
  await admin.getByRole("button", { name: "Create invitation link" }).click();
  const link = (await admin.getByTestId("one-time-link").textContent())!.trim();
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: `Logged in as ${name}` })).toBeVisible();
  await admin.goto("/admin/users");
  const userId = await admin
    .getByTestId("user-row")
    .filter({ hasText: email })
    .locator('input[name="userId"]')
    .first()
    .inputValue();
  return { page, userId };
}

/** The item page as an anonymous visitor gets it: what it shows, its HTML and its data. */
async function anonymousView(visitor: Page, noteText: string) {
  await visitor.goto(`/recommendations/${ITEM}`);
  const note = visitor.getByTestId("timeline-note").filter({ hasText: noteText });
  await expect(note).toBeVisible();
  const html = await (await visitor.request.get(`/recommendations/${ITEM}`)).text();
  const data = await (await visitor.request.get(`/recommendations/${ITEM}.data`)).text();
  expect(data).toContain(noteText);
  return { note, html, data };
}

test("anonymous visitors read the role, then an admin's display name, then the name the person chose to show", async ({
  page,
  browser,
}) => {
  const name = `Priya Private ${unique()}`;
  const { page: editor, userId } = await newEditor(page, browser, name);
  const noteText = `Supply-chain meeting held ${unique()}.`;
  await editor.goto(`/recommendations/${ITEM}`);
  await editor
    .locator("details", { has: editor.locator("summary", { hasText: "Add a note" }) })
    .locator("summary")
    .click();
  const form = editor.getByRole("form", { name: "Add a note" });
  await form.getByLabel("Note", { exact: true }).fill(noteText);
  await form.getByLabel("Everyone (public)").check();
  await form.getByRole("button", { name: "Add note" }).click();
  await expect(editor.getByText("Note added.")).toBeVisible();
  // Staff read the name.
  await expect(editor.getByTestId("timeline-note").filter({ hasText: noteText })).toContainText(
    `Recorded by ${name}`,
  );

  const visitorContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await visitorContext.newPage();
  let view = await anonymousView(visitor, noteText);
  await expect(view.note).toContainText("Recorded by Editor on");
  for (const text of [view.html, view.data]) {
    expect(text).not.toContain(name);
    expect(text).not.toContain(userId);
  }

  // An admin gives them a display name.
  await page.goto("/admin/users");
  const row = page.getByTestId("user-row").filter({ hasText: name });
  await row.getByLabel("Public display name", { exact: true }).fill("Coalition secretariat");
  await row.getByRole("button", { name: `Save the public display name of ${name}` }).click();
  await expect(page.getByText("Done.")).toBeVisible();
  await expectAccessible(page);
  view = await anonymousView(visitor, noteText);
  await expect(view.note).toContainText("Recorded by Coalition secretariat on");
  expect(view.data).not.toContain(name);
  expect(view.data).not.toContain(userId);

  // They choose to be named publicly.
  await editor.goto("/account");
  await editor.getByLabel("Show who I am on public pages and in public reports").check();
  await editor.getByRole("button", { name: "Save" }).first().click();
  await expect(editor.getByText("Saved.")).toBeVisible();
  await expect(
    editor.getByLabel("Show who I am on public pages and in public reports"),
  ).toBeChecked();
  await expectAccessible(editor);
  view = await anonymousView(visitor, noteText);
  await expect(view.note).toContainText(`Recorded by ${name} on`);
  expect(view.data).toContain(name);
  // Still no id, anywhere an anonymous visitor can read.
  expect(view.html).not.toContain(userId);
  expect(view.data).not.toContain(userId);

  await visitorContext.close();
  await editor.context().close();
});

test("the audit log downloads its filtered events as CSV, sign-ins included", async ({ page }) => {
  await page.goto("/admin/audit?entityType=Session");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await expect(
    page.getByTestId("audit-row").filter({ hasText: "Logged in" }).first(),
  ).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString("utf8");
  expect(csv).toContain("When (UTC),Who,Their email,Action,Action code");
  expect(csv).toContain("session.login");
  expect(csv).not.toContain("note.created");
  await expectAccessible(page);
});
