import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { ADMIN, storageStatePath } from "./users.ts";

// The users page: pending invitations (who sent them, until when), revoking one, a new link for
// a lost one, and copying a fresh link with one click, in both languages and on a phone.

test.use({ storageState: storageStatePath("admin") });

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function invite(page: Page, email: string, role = "editor") {
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = page.getByTestId("one-time-link");
  await expect(link).toHaveValue(/\/invite\/[a-z2-7]{32}$/);
  return link.inputValue();
}

const pendingRow = (page: Page, email: string) =>
  page.getByTestId("invite-row").filter({ hasText: email });

test("a new invitation is listed as pending; revoking it ends its link", async ({
  page,
  browser,
}) => {
  const email = `pending-${unique()}@e2e.test`;
  const link = await invite(page, email);

  const row = pendingRow(page, email);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Editor");
  await expect(row).toContainText(ADMIN.name);
  // Sent today, expiring in 7 days, written for people (never an ISO timestamp).
  // In the tracker's zone (TIME_ZONE, America/Mexico_City here), which it names.
  const expires = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const day = new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeZone: "America/Mexico_City",
  }).format(expires);
  await expect(row).toContainText(day);
  await expect(row).toContainText(/\d{1,2}:\d{2}\s[AP]M CST/);
  await expect(row).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
  await expect(row).not.toContainText(link.split("/").at(-1)!);
  await expectAccessible(page);

  // A second tab still shows the invitation after it is revoked.
  const stale = await page.context().newPage();
  await stale.goto("/admin/users");

  await row.getByRole("button", { name: `Revoke the invitation for ${email}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation revoked" })).toBeVisible();
  await expect(pendingRow(page, email)).toHaveCount(0);

  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  const response = await guestPage.goto(link);
  expect(response?.status()).toBe(404);
  await guest.close();

  // Revoking what is gone already: a message on the page, not an error page.
  await pendingRow(stale, email)
    .getByRole("button", { name: `Revoke the invitation for ${email}` })
    .click();
  await expect(stale.getByRole("alert")).toHaveText(
    "This invitation no longer exists: it was revoked or replaced already.",
  );
  await expect(stale.getByRole("heading", { level: 1 })).toHaveText("Users");
  await stale.close();
});

test("a new link for a lost invitation replaces the old one", async ({ page, browser }) => {
  const email = `lost-${unique()}@e2e.test`;
  const first = await invite(page, email, "viewer");
  await page.goto("/admin/users");
  await pendingRow(page, email)
    .getByRole("button", { name: `Issue a new link for ${email}` })
    .click();
  const link = page.getByTestId("one-time-link");
  await expect(link).toHaveValue(/\/invite\/[a-z2-7]{32}$/);
  const second = await link.inputValue();
  expect(second).not.toBe(first);
  await expect(page.getByText(`Send this one-time link to ${email}`)).toBeVisible();
  await expect(pendingRow(page, email)).toHaveCount(1);
  await expect(pendingRow(page, email)).toContainText("Viewer");

  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  expect((await guestPage.goto(first))?.status()).toBe(404);
  expect((await guestPage.goto(second))?.status()).toBe(200);
  await guest.close();
});

test("Copy link puts the link on the clipboard and says so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const link = await invite(page, `copy-${unique()}@e2e.test`);
  // The new link has the focus, ready to copy by hand too.
  await expect(page.getByTestId("one-time-link")).toBeFocused();
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
});

test("a refused clipboard leaves the link selected and says how to copy it", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: () => Promise.reject(new DOMException("Denied", "NotAllowedError")) },
    });
  });
  const link = await invite(page, `refused-${unique()}@e2e.test`);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "did not allow copying" })).toBeVisible();
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? "")).toBe(link);
});

test("without JavaScript the link is selectable text and nothing pretends to copy", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: storageStatePath("admin"),
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  const email = `nojs-${unique()}@e2e.test`;
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const field = page.getByRole("textbox", { name: "One-time link" });
  await expect(field).toHaveValue(/\/invite\/[a-z2-7]{32}$/);
  await expect(field).toHaveAttribute("readonly", "");
  await expect(page.getByRole("button", { name: "Copy link" })).toHaveCount(0);
  await expect(pendingRow(page, email)).toHaveCount(1);
  await context.close();
});

test("in Spanish on a 320 px phone: cards, no sideways scrolling, dates in Spanish", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: storageStatePath("admin"),
    locale: "es-MX",
    viewport: { width: 320, height: 800 },
  });
  const page = await context.newPage();
  const email = `telefono-${unique()}@e2e.test`;
  await page.goto("/admin/users");
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByRole("button", { name: "Crear enlace de invitación" }).click();
  await expect(page.getByTestId("one-time-link")).toHaveValue(/\/invite\//);
  await expect(page.getByRole("heading", { name: "Invitaciones pendientes" })).toBeVisible();
  const row = pendingRow(page, email);
  await expect(row).toContainText("Enviada por");
  await expect(row).toContainText("Caduca");
  await expect(row).toContainText(/\d{1,2} [a-z]{3}\.? \d{4}/);
  await expect(
    row.getByRole("button", { name: `Revocar la invitación para ${email}` }),
  ).toBeVisible();

  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // Each account is a card: its buttons fit inside the screen.
  const button = page.getByRole("button", { name: `Desactivar: ${ADMIN.name}` });
  const box = (await button.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(320);
  await expectAccessible(page);

  await row.getByRole("button", { name: `Revocar la invitación para ${email}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitación revocada" })).toBeVisible();
  await context.close();
});
