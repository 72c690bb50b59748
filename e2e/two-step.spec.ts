import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { codeAt, enrol, logInWithPassword, logOut, newPerson, step } from "./two-step-people.ts";
import { PASSWORD, storageStatePath } from "./users.ts";

// Two-step sign-in: enrolment from the account page, signing in with a code (computed here from
// the key the page shows as text), a code used twice, a recovery code, an admin's reset. Each test
// makes its own people, so the shared accounts never get two-step sign-in. The tracker-wide rule
// is two-step-rule.spec.ts's, run alone after every other spec.

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
  // Ten new recovery codes, which replace the first ten: the rest of the test uses them.
  const newCodesForm = page.getByRole("form", { name: "New recovery codes" });
  await newCodesForm.getByLabel("Password or code").fill(PASSWORD);
  await newCodesForm.getByRole("button", { name: "Make new recovery codes" }).click();
  await expect(page.getByText("the old ones no longer work")).toBeVisible();
  const fresh = (
    await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents()
  ).map((code) => code.trim());
  expect(fresh).toHaveLength(10);
  expect(fresh).not.toContain(recoveryCodes[0]);

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

  // A recovery code of the first ten, replaced since: refused. A new one, typed in capitals:
  // works once.
  await page.getByLabel("Code", { exact: true }).fill(recoveryCodes[1]!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("not right");
  await page.getByLabel("Code", { exact: true }).fill(fresh[0]!.toUpperCase());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: `Logged in as ${person.name}` })).toBeVisible();
  await logOut(page);
  await logInWithPassword(page, person.email);
  await page.getByLabel("Code", { exact: true }).fill(fresh[0]!);
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
