// What the two-step specs share: people of their own, invited through the admin page, and
// enrolment with codes computed from the key the page shows as text.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect } from "./fixtures.ts";
import { PASSWORD, storageStatePath } from "./users.ts";

export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
export const step = () => Math.floor(Date.now() / 30_000);
export const codeAt = (key: Uint8Array, at: number) => generateHOTP(key, BigInt(at), 6);

let addressCounter = 0;
/** A client address of its own for each person, so the login limits of other tests stay apart. */
const freshAddress = () => `198.18.${process.pid % 250}.${++addressCounter}`;

export type Person = { email: string; name: string; context: BrowserContext; page: Page };

/** Invites a person through the admin page and accepts the invitation in a context of theirs. */
export async function newPerson(
  browser: Browser,
  role: "editor" | "admin",
  locale = "en-US",
): Promise<Person> {
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const adminPage = await admin.newPage();
  const email = `two-step-${unique()}@e2e.test`;
  const name = `Tess ${unique()}`;
  await adminPage.goto("/admin/users");
  await adminPage.getByLabel("Email").fill(email);
  await adminPage.getByLabel("Role", { exact: true }).selectOption(role);
  await adminPage.getByRole("button", { name: "Create invitation link" }).click();
  const link = await adminPage.getByTestId("one-time-link").inputValue();
  await admin.close();

  const context = await browser.newContext({
    locale,
    extraHTTPHeaders: { "X-Forwarded-For": freshAddress() },
  });
  const page = await context.newPage();
  await page.goto(link);
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('input[name="confirmPassword"]').fill(PASSWORD);
  await page.getByRole("button", { name: /^(Create account|Crear cuenta)$/ }).click();
  await expect(page).not.toHaveURL(/\/invite\//);
  return { email, name, context, page };
}

/** Turns two-step sign-in on from /account/two-step; returns the key and the recovery codes. */
export async function enrol(page: Page) {
  await page.goto("/account/two-step");
  const keyText = (await page.getByTestId("two-step-key").textContent())!;
  const key = decodeBase32IgnorePadding(keyText.replaceAll(" ", ""));
  const enrolledStep = step();
  await page.getByLabel("Code from the app").fill(codeAt(key, enrolledStep));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  const recoveryCodes = await page.getByTestId("recovery-codes").locator("li").allTextContents();
  return { key, enrolledStep, recoveryCodes };
}

export async function logInWithPassword(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
}
