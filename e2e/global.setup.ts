import { expect, test as setup } from "@playwright/test";
import { ADMIN, PASSWORD, roleUsers, storageStatePath } from "./users.ts";

// Logs the admin in through the login page, invites one user per role through the admin page
// and accepts each invitation in a fresh browser context, saving every session for the tests.
setup("accounts for each role", async ({ browser }) => {
  // Five accounts, each a password hashed on the server (argon2id) and a fresh browser context:
  // more than the default 30 s on a busy 2-core machine, and everything waits on it.
  setup.setTimeout(120_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto("/login");
  await admin.getByLabel("Email").fill(ADMIN.email);
  await admin.getByLabel("Password").fill(ADMIN.password);
  await admin.getByRole("button", { name: "Log in" }).click();
  await expect(admin.getByRole("link", { name: "Administration" })).toBeVisible();
  await adminContext.storageState({ path: storageStatePath("admin") });

  const links: Array<[keyof typeof roleUsers, string]> = [];
  for (const [name, user] of Object.entries(roleUsers)) {
    await admin.goto("/admin/users");
    await admin.getByLabel("Email").fill(user.email);
    await admin.getByLabel("Role", { exact: true }).selectOption(user.role);
    await admin.getByRole("button", { name: "Create invitation link" }).click();
    const link = (await admin.getByTestId("one-time-link").textContent())!.trim();
    links.push([name as keyof typeof roleUsers, link]);
  }
  // The invitations accepted at once: each waits mostly on its password's hash on the server,
  // and everything else waits on this setup.
  await Promise.all(
    links.map(async ([name, link]) => {
      const user = roleUsers[name];
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(link);
      await page.getByLabel("Name").fill(user.name);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByLabel("Repeat the password").fill(PASSWORD);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByRole("link", { name: `Logged in as ${user.name}` })).toBeVisible();
      await context.storageState({ path: storageStatePath(name) });
      await context.close();
    }),
  );

  // The disabled user keeps a cookie whose session the server has ended.
  await admin.goto("/admin/users");
  await admin.getByRole("button", { name: `Disable: ${roleUsers.disabled.name}` }).click();
  await expect(admin.getByText("Done.")).toBeVisible();
  await adminContext.close();
});
