import { expect, expectAccessible, test } from "./fixtures.ts";
import { ADMIN, PASSWORD, roleUsers, storageStatePath } from "./users.ts";

test.describe("logging in and out", () => {
  test("a user logs in, is sent back where they were, and logs out", async ({ page }) => {
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
    await expectAccessible(page);
    await page.getByLabel("Email").fill(roleUsers.viewer.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expectAccessible(page);

    const cookie = (await page.context().cookies()).find((c) => c.name === "session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.secure).toBe(true);

    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
    expect((await page.context().cookies()).find((c) => c.name === "session")).toBeUndefined();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a wrong password gets one message that does not say whether the email exists", async ({
    page,
  }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(roleUsers.viewer.email);
    await page.getByLabel("Password").fill("not the right password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toHaveText("The email or password is incorrect.");
    await expect(page.getByLabel("Email")).toHaveValue(roleUsers.viewer.email);

    await page.getByLabel("Email").fill("nobody@e2e.test");
    await page.getByLabel("Password").fill("not the right password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toHaveText("The email or password is incorrect.");
  });

  test("redirectTo only ever leads back into the site", async ({ page }) => {
    for (const target of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
      await page.context().clearCookies();
      await page.goto(`/login?redirectTo=${encodeURIComponent(target)}`);
      await page.getByLabel("Email").fill(roleUsers.viewer.email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(
        page.getByRole("link", { name: `Logged in as ${roleUsers.viewer.name}` }),
      ).toBeVisible();
      expect(new URL(page.url()).origin).toBe(new URL(page.url()).origin);
      expect(page.url()).not.toContain("evil");
    }
  });

  test("five failed logins to an account from one address a minute, then 429 with Retry-After", async ({
    request,
  }) => {
    const headers = { "X-Forwarded-For": "203.0.113.9" };
    for (let i = 0; i < 5; i++) {
      const response = await request.post("/login", {
        headers,
        form: { email: roleUsers.viewer.email, password: `wrong password ${i}` },
      });
      expect(response.status()).toBe(400);
    }
    const blocked = await request.post("/login", {
      headers,
      form: { email: roleUsers.viewer.email, password: PASSWORD },
      maxRedirects: 0,
    });
    expect(blocked.status()).toBe(429);
    expect(Number(blocked.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await blocked.text()).toContain("Too many failed attempts");
    // The account from another address is not affected.
    const other = await request.post("/login", {
      headers: { "X-Forwarded-For": "203.0.113.10" },
      form: { email: roleUsers.viewer.email, password: PASSWORD },
      maxRedirects: 0,
    });
    expect(other.status()).toBe(302);
  });

  test("a cross-origin post is refused", async ({ request }) => {
    const response = await request.post("/login", {
      headers: { Origin: "https://evil.example" },
      form: { email: ADMIN.email, password: ADMIN.password },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });
});

test.describe("sessions", () => {
  test("a tampered cookie is treated as logged out and cleared", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("viewer") });
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "session")!;
    await context.addCookies([
      { ...session, value: session.value.replace(/.$/, (c) => (c === "a" ? "b" : "a")) },
    ]);
    const page = await context.newPage();
    const response = await page.goto("/recommendations");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "session")).toBeUndefined();
    await context.close();
  });

  test("a disabled user's session no longer works", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("disabled") });
    const page = await context.newPage();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
    await context.close();
  });
});

test.describe("administration of users", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("invite, change role, reset password, disable: each takes effect", async ({
    page,
    browser,
  }) => {
    const email = `invitee-${Date.now()}@e2e.test`;
    await page.goto("/admin/users");
    await expectAccessible(page);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Create invitation link" }).click();
    const invite = (await page.getByTestId("one-time-link").textContent())!.trim();
    expect(invite).toMatch(/\/invite\/[a-z2-7]{32}$/);

    const guest = await browser.newContext();
    const guestPage = await guest.newPage();
    await guestPage.goto(invite);
    await expectAccessible(guestPage);
    await guestPage.getByLabel("Name").fill("Iñigo Invitee");
    await guestPage.getByLabel("Password", { exact: true }).fill("short");
    await guestPage.getByLabel("Repeat the password").fill("short");
    await guestPage.getByRole("button", { name: "Create account" }).click();
    await expect(guestPage.getByText("Use at least 12 characters.")).toBeVisible();
    await expect(guestPage.getByLabel("Name")).toHaveValue("Iñigo Invitee");
    await guestPage.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await guestPage.getByLabel("Repeat the password").fill(PASSWORD);
    await guestPage.getByRole("button", { name: "Create account" }).click();
    await expect(guestPage.getByRole("link", { name: "Logged in as Iñigo Invitee" })).toBeVisible();
    await guestPage.goto("/admin/users");
    expect(await guestPage.locator("h1").textContent()).toBe("Not allowed");

    // The link works once.
    const again = await browser.newContext();
    const againPage = await again.newPage();
    const response = await againPage.goto(invite);
    expect(response?.status()).toBe(404);
    await again.close();

    // Promote to editor.
    await page.goto("/admin/users");
    const row = page.getByTestId("user-row").filter({ hasText: email });
    await row.getByLabel("Role for Iñigo Invitee").selectOption("editor");
    await row.getByRole("button", { name: "Save role" }).click();
    await expect(page.getByText("Done.")).toBeVisible();
    await expect(
      page.getByTestId("user-row").filter({ hasText: email }).getByLabel("Role for Iñigo Invitee"),
    ).toHaveValue("editor");

    // A reset link sets a new password and ends the old session.
    await page
      .getByTestId("user-row")
      .filter({ hasText: email })
      .getByRole("button", { name: /Create password-reset link/ })
      .click();
    const reset = (await page.getByTestId("one-time-link").textContent())!.trim();
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(reset);
    await otherPage.getByLabel("New password", { exact: true }).fill("a brand new password");
    await otherPage.getByLabel("Repeat the new password").fill("a brand new password");
    await otherPage.getByRole("button", { name: "Save the new password" }).click();
    await expect(otherPage.getByRole("link", { name: "Logged in as Iñigo Invitee" })).toBeVisible();
    await guestPage.goto("/account");
    await expect(guestPage).toHaveURL(/\/login/);

    // Disabling ends the new session too.
    await page.goto("/admin/users");
    await page.getByRole("button", { name: "Disable: Iñigo Invitee" }).click();
    await expect(page.getByText("Done.")).toBeVisible();
    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/login/);
    await guest.close();
    await other.close();
  });

  test("the last admin cannot be disabled", async ({ page }) => {
    await page.goto("/admin/users");
    await page.getByRole("button", { name: `Disable: ${ADMIN.name}` }).click();
    await expect(page.getByRole("alert")).toContainText("no active administrator");
  });
});

test.describe("account", () => {
  test("a user changes name and language, then password, which ends other sessions", async ({
    browser,
  }) => {
    // A user of its own, since this test changes the password.
    const admin = await browser.newContext({ storageState: storageStatePath("admin") });
    const adminPage = await admin.newPage();
    const email = `account-${Date.now()}@e2e.test`;
    await adminPage.goto("/admin/users");
    await adminPage.getByLabel("Email").fill(email);
    await adminPage.getByRole("button", { name: "Create invitation link" }).click();
    const link = (await adminPage.getByTestId("one-time-link").textContent())!.trim();
    await admin.close();

    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(link);
    await page.getByLabel("Name").fill("Ada Account");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat the password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("link", { name: "Logged in as Ada Account" })).toBeVisible();

    const second = await browser.newContext();
    const secondPage = await second.newPage();
    await secondPage.goto("/login");
    await secondPage.getByLabel("Email").fill(email);
    await secondPage.getByLabel("Password").fill(PASSWORD);
    await secondPage.getByRole("button", { name: "Log in" }).click();
    await expect(secondPage.getByRole("link", { name: "Logged in as Ada Account" })).toBeVisible();

    await page.goto("/account");
    await page.getByLabel("Name").fill("Ada Lovelace");
    await page.getByLabel("Language of the interface").selectOption("es");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { name: "Su cuenta" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sesión de Ada Lovelace" })).toBeVisible();

    await page.getByLabel("Contraseña actual").fill(PASSWORD);
    await page.getByLabel("Contraseña nueva", { exact: true }).fill("the next long password");
    await page.getByLabel("Repita la contraseña nueva").fill("the next long password");
    await page.getByRole("button", { name: "Cambiar la contraseña" }).click();
    await expect(page.getByText("Contraseña cambiada.")).toBeVisible();
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Su cuenta" })).toBeVisible();
    await secondPage.goto("/account");
    await expect(secondPage).toHaveURL(/\/login/);
    await first.close();
    await second.close();
  });
});

test.describe("current-password check", () => {
  test("five wrong current passwords in 15 minutes, then 429 and a message saying how long to wait", async ({
    browser,
  }) => {
    // editor2's password is never changed by the tests; the limit holds it for 15 minutes.
    const context = await browser.newContext({ storageState: storageStatePath("editor2") });
    const form = (i: number) => ({
      intent: "password",
      currentPassword: `not the password ${i}`,
      password: "a new long password",
      confirmPassword: "a new long password",
    });
    const answers: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 6; i++) {
      const response = await context.request.post("/account", { form: form(i) });
      answers.push(response.status());
      retryAfter = Number(response.headers()["retry-after"] ?? 0);
    }
    // 422 (the field named) five times on a first run (429 throughout on a retry within the 15 minutes).
    expect(answers.slice(0, 5).every((status) => status === 422 || status === 429)).toBe(true);
    expect(answers[5]).toBe(429);
    expect(retryAfter).toBeGreaterThan(0);

    const page = await context.newPage();
    await page.goto("/account");
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill("a new long password");
    await page.getByLabel("Repeat the new password").fill("a new long password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(
      page.getByText(/Too many wrong current passwords\. Try again in \d+ min\./),
    ).toBeVisible();
    await context.close();
  });
});

test.describe("known devices", () => {
  test("wrong passwords from elsewhere lock a new browser out of an account, not its owner's usual one", async ({
    browser,
  }) => {
    // A user of its own: the flood below locks its account for 15 minutes.
    const admin = await browser.newContext({ storageState: storageStatePath("admin") });
    const adminPage = await admin.newPage();
    const email = `device-${Date.now()}@e2e.test`;
    await adminPage.goto("/admin/users");
    await adminPage.getByLabel("Email").fill(email);
    await adminPage.getByRole("button", { name: "Create invitation link" }).click();
    const link = (await adminPage.getByTestId("one-time-link").textContent())!.trim();
    await admin.close();

    const owner = await browser.newContext();
    const page = await owner.newPage();
    await page.goto(link);
    await page.getByLabel("Name").fill("Dev Ice");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat the password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("link", { name: "Logged in as Dev Ice" })).toBeVisible();
    const logIn = async (target: typeof page) => {
      await target.goto("/login");
      await target.getByLabel("Email").fill(email);
      await target.getByLabel("Password").fill(PASSWORD);
      await target.getByRole("button", { name: "Log in" }).click();
    };
    // A login through the form marks this browser as a known device of the account.
    await owner.clearCookies({ name: "session" });
    await logIn(page);
    await expect(page.getByRole("link", { name: "Logged in as Dev Ice" })).toBeVisible();
    expect((await owner.cookies()).find((cookie) => cookie.name === "device")).toMatchObject({
      httpOnly: true,
      path: "/",
    });
    await owner.clearCookies({ name: "session" });

    // Twenty wrong passwords from twenty addresses, from a browser that never logged in to it.
    const stranger = await browser.newContext();
    for (let i = 0; i < 20; i++) {
      const response = await stranger.request.post("/login", {
        headers: { "X-Forwarded-For": `203.0.113.${100 + i}` },
        form: { email, password: `guess ${i}` },
      });
      expect(response.status()).toBe(400);
    }
    const strangerPage = await stranger.newPage();
    await logIn(strangerPage);
    await expect(strangerPage.getByRole("alert")).toHaveText(
      /Too many failed attempts\. Try again in \d+ min\./,
    );
    await stranger.close();

    await logIn(page);
    await expect(page.getByRole("link", { name: "Logged in as Dev Ice" })).toBeVisible();
    await owner.close();
  });
});
