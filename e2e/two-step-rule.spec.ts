import { expect, expectAccessible, test } from "./fixtures.ts";
import { enrol, newPerson } from "./two-step-people.ts";

// The tracker-wide rule of two-step sign-in. It covers every admin and editor, the shared ones
// too, for the few requests it is on: so this spec runs alone, after every other one
// (playwright.config.ts).

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
