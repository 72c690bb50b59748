import { request as playwrightRequest } from "@playwright/test";
import { baseURL } from "../playwright.config.ts";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { waitForMail } from "./mail.ts";
import { storageStatePath } from "./users.ts";

// Following by e-mail, against the production build with the e2e server's SMTP server: a visitor
// follows, confirms from the mail, manages and unsubscribes; a signed-in viewer follows a source
// (the viewer: my-queue.spec.ts, run alongside, expects the editor to follow nothing).
// It only adds followers, so it runs with the other specs.

const ITEM = "/recommendations/gao-21-322-atf-data";
const unique = () => `${Date.now()}-${Math.random().toString(16).slice(2, 8)}`;
const linkIn = (text: string | undefined, path: string) =>
  new RegExp(`https?://[^\\s]+/${path}/[a-z2-7]{32}`).exec(text ?? "")?.[0];

test("a visitor follows an item at 320 px, confirms from the mail, and unsubscribes", async ({
  page,
}) => {
  const email = `visitor-${unique()}@e2e.test`;
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(ITEM);
  const form = page.getByTestId("follow-form");
  await form.locator("summary").click();
  await form.getByLabel("Daily").check();
  await form.getByLabel("Your e-mail address").fill(email);
  await form.getByRole("button", { name: "Follow", exact: true }).click();
  await expect(form.getByRole("status")).toContainText(
    `Check your inbox: we sent a message to ${email}`,
  );

  const mail = await waitForMail(email);
  expect(mail.subject).toMatch(/^Confirm to follow GAO-21-322/);
  const confirm = linkIn(mail.text, "follow/confirm");
  expect(confirm, mail.text).toBeDefined();
  await page.goto(new URL(confirm!).pathname);
  // Opening the link confirms nothing (mail scanners open links): the button does.
  await expect(page.getByRole("heading", { name: "Confirm to follow" })).toBeVisible();
  await expect(page.getByTestId("confirm-what")).toContainText("GAO-21-322");
  await expect(page.getByTestId("confirm-what")).toContainText("every day");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page).toHaveURL(/\/following\/[a-z2-7]{32}\?confirmed=1$/);
  await expect(page.getByRole("heading", { name: "What you follow" })).toBeVisible();
  await expect(page.getByText("Your address is confirmed")).toBeVisible();
  const row = page.getByTestId("follow-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("GAO-21-322");
  await expect(row.getByLabel(/How often for/)).toHaveValue("daily");
  // Nothing wider than the phone's screen, and nothing axe objects to.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page);

  const token = /\/following\/([a-z2-7]{32})/.exec(page.url())![1]!;
  await page.goto(`/unsubscribe/${token}`);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText("You are unsubscribed")).toBeVisible();
  await page.goto(`/following/${token}`);
  await expect(page.getByTestId("follows-none")).toBeVisible();
});

test("one-click unsubscribe (RFC 8058): a cookie-less POST from elsewhere works", async () => {
  const email = `one-click-${unique()}@e2e.test`;
  const api = await playwrightRequest.newContext({ baseURL });
  const followed = await api.post("/follow", {
    form: { kind: "source", target: "GAO-21-322", frequency: "weekly", locale: "es", email },
    headers: { "X-Forwarded-For": "192.0.2.77" },
  });
  expect(followed.status()).toBe(200);
  const mail = await waitForMail(email);
  expect(mail.subject).toMatch(/^Confirme para seguir GAO-21-322/);
  const confirmPath = new URL(linkIn(mail.text, "follow/confirm")!).pathname;
  // A GET (a mail scanner's) only shows the page; the page's POST confirms.
  expect((await api.get(confirmPath, { maxRedirects: 0 })).status()).toBe(200);
  const confirmed = await api.post(confirmPath, {
    form: {},
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(confirmed.status()).toBe(302);
  const manage = confirmed.headers()["location"]!;
  const token = /\/following\/([a-z2-7]{32})/.exec(manage)![1]!;
  await api.dispose();

  // As a mail program sends it: no cookie, another site's Origin, the RFC's body.
  const mailer = await playwrightRequest.newContext({ baseURL });
  const response = await mailer.post(`/unsubscribe/${token}`, {
    data: "List-Unsubscribe=One-Click",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "https://mail.example.com",
    },
  });
  expect(response.status()).toBe(200);
  const page = await mailer.get(`/following/${token}`);
  expect(await page.text()).toContain('data-testid="follows-none"');
  await mailer.dispose();
});

test.describe("a signed-in viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("follows a source from the filtered list and finds it on /following", async ({ page }) => {
    await page.goto("/recommendations?source=GAO-16-223");
    const form = page.getByTestId("follow-form");
    await form.locator("summary").click();
    await expect(form).toContainText("source GAO-16-223");
    await expect(form.getByLabel("Your e-mail address")).toHaveCount(0);
    await form.getByRole("button", { name: "Follow", exact: true }).click();
    await expect(form.getByRole("status")).toContainText("You follow this");
    // The open form and its answer, as axe sees them.
    await expectAccessible(page);
    await page.getByRole("navigation").getByRole("link", { name: "Following" }).click();
    await expect(page).toHaveURL(/\/following$/);
    await expect(page.getByTestId("follow-row").filter({ hasText: "GAO-16-223" })).toHaveCount(1);
  });
});
