import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { PASSWORD, storageStatePath } from "./users.ts";

// Two-step sign-in: enrolment from the account page, signing in with a code (computed here from
// the key the page shows as text), a code used twice, a recovery code, an admin's reset, and the
// tracker-wide rule sending a person without two-step to enrolment. Each test makes its own
// people, so the shared accounts never get two-step sign-in.

// One at a time: the last test turns on a tracker-wide rule for a moment.
test.describe.configure({ mode: "serial" });

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const step = () => Math.floor(Date.now() / 30_000);
const codeAt = (key: Uint8Array, at: number) => generateHOTP(key, BigInt(at), 6);

let addressCounter = 0;
/** A client address of its own for each person, so the login limits of other tests stay apart. */
const freshAddress = () => `198.18.${process.pid % 250}.${++addressCounter}`;

type Person = { email: string; name: string; context: BrowserContext; page: Page };

/** Invites a person through the admin page and accepts the invitation in a context of theirs. */
async function newPerson(
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
async function enrol(page: Page) {
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

async function logInWithPassword(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
}

test("enrol, sign in with a code, a used code refused, a recovery code works once", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const person = await newPerson(browser, "editor");
  const { page } = person;
  await page.goto("/account/two-step");
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectAccessible(page);
  const { key, enrolledStep, recoveryCodes } = await enrol(page);
  expect(recoveryCodes).toHaveLength(10);
  await expectAccessible(page);
  // Shown once: the page does not show them again.
  await page.goto("/account/two-step");
  await expect(page.getByText(recoveryCodes[0]!)).toHaveCount(0);
  await expect(page.getByText("Recovery codes left: 10")).toBeVisible();
  await expectAccessible(page);

  await logOut(page);
  await logInWithPassword(page, person.email);
  await expect(page).toHaveURL(/\/login\/two-step/);
  // No session yet: the account page asks to log in.
  const blocked = await page.request.get("/account", { maxRedirects: 0 });
  expect(blocked.headers()["location"]).toMatch(/^\/login/);
  await expectAccessible(page);

  // The next step's code (the one used at enrolment is spent): a phone a little ahead.
  const code = codeAt(key, enrolledStep + 1);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: `Logged in as ${person.name}` })).toBeVisible();

  // The same code again, in a new sign-in: refused.
  await logOut(page);
  await logInWithPassword(page, person.email);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("not right, or it was used already");
  await expectAccessible(page);

  // A recovery code, typed in capitals: works once.
  await page.getByLabel("Code", { exact: true }).fill(recoveryCodes[0]!.toUpperCase());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: `Logged in as ${person.name}` })).toBeVisible();
  await logOut(page);
  await logInWithPassword(page, person.email);
  await page.getByLabel("Code", { exact: true }).fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("not right");

  // An admin resets it (lost phone): the password alone signs in again.
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("button", { name: `Reset two-step sign-in: ${person.name}` }).click();
  await expect(adminPage.getByRole("status")).toContainText(
    `Two-step sign-in of ${person.email} was reset`,
  );
  await admin.close();
  await logInWithPassword(page, person.email);
  await expect(page.getByRole("link", { name: `Logged in as ${person.name}` })).toBeVisible();
  await person.context.close();
});

test("the new pages in Spanish, and on a phone", async ({ browser }) => {
  test.setTimeout(90_000);
  const person = await newPerson(browser, "editor", "es-MX");
  const { page } = person;
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/account/two-step");
  await expect(
    page.getByRole("heading", { name: "Verificación en dos pasos", level: 1 }),
  ).toBeVisible();
  await expectAccessible(page);
  const overflows = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
  expect(await overflows()).toBe(false);

  // The recovery codes, then the code's page after the password, in Spanish.
  const keyText = (await page.getByTestId("two-step-key").textContent())!;
  const key = decodeBase32IgnorePadding(keyText.replaceAll(" ", ""));
  await page.getByLabel("Código de la aplicación").fill(codeAt(key, step()));
  await page.getByRole("button", { name: "Activar la verificación en dos pasos" }).click();
  await expect(page.getByRole("heading", { name: "Sus códigos de recuperación" })).toBeVisible();
  await expectAccessible(page);
  expect(await overflows()).toBe(false);
  await person.context.clearCookies();
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(person.email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(page.getByRole("heading", { name: "Escriba su código de acceso" })).toBeVisible();
  await expectAccessible(page);
  expect(await overflows()).toBe(false);
  await person.context.close();

  const guest = await browser.newContext({ locale: "es-MX" });
  const guestPage = await guest.newPage();
  await guestPage.setViewportSize({ width: 320, height: 800 });
  await guestPage.goto("/login/two-step");
  await expect(guestPage.getByRole("alert")).toContainText("caducó");
  await expectAccessible(guestPage);
  await guest.close();
});

test("an admin requiring two-step sends an editor without it to enrolment", async ({ browser }) => {
  test.setTimeout(120_000);
  // An admin of this test's own, enrolled: the rule does not hold them back, so they can always
  // turn it off again.
  const admin = await newPerson(browser, "admin");
  await enrol(admin.page);
  const person = await newPerson(browser, "editor");
  await admin.page.goto("/admin/users");
  await expectAccessible(admin.page);
  const setRule = async (value: string) => {
    const response = await admin.page.request.post("/admin/users", {
      form: { intent: "two-step-setting", twoStepRequiredFor: value },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(200);
  };
  // The rule covers every admin and editor, the shared ones too: it is on only for the few
  // requests below and always turned off again.
  let redirected: { status: number; location?: string } | undefined;
  let logoutLocation: string | undefined;
  try {
    await setRule("admins_and_editors");
    const response = await person.page.request.get("/recommendations", { maxRedirects: 0 });
    redirected = { status: response.status(), location: response.headers()["location"] };
    const logout = await person.page.request.get("/logout", { maxRedirects: 0 });
    logoutLocation = logout.headers()["location"];
  } finally {
    await setRule("nobody");
  }
  expect(redirected).toEqual({ status: 302, location: "/account/two-step" });
  // Signing out still works.
  expect(logoutLocation).toBe("/");

  // The setting as the page shows it.
  await admin.page.goto("/admin/users");
  await expect(admin.page.getByLabel("Require two-step sign-in for")).toHaveValue("nobody");
  await admin.context.close();
  await person.context.close();
});
