import http from "node:http";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { storageStatePath } from "./users.ts";

// An editor adds a link to a page of a local site; the server archives it in the background
// (pg-boss, in the server process) and the item page shows the copy. The e2e server may reach
// this site only: ARCHIVE_ALLOW_PRIVATE_HOSTS in playwright.config.ts names its port.
const SITE_PORT = Number(process.env.E2E_PORT ?? 3100) + 7000;
const SITE = `http://127.0.0.1:${SITE_PORT}`;
const ITEM = "bf-3-security-justice";
const PAGE = "<!doctype html><title>Fact sheet</title><script>alert(1)</script><p>Fact sheet</p>";

let site: http.Server;

test.beforeAll(async () => {
  site = http.createServer((req, res) => {
    if (req.url === "/fact-sheet") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PAGE);
    } else {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("gone");
    }
  });
  await new Promise<void>((resolve) => site.listen(SITE_PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  site.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
});

async function addLink(page: Page, url: string, title: string) {
  const details = page.locator("details", {
    has: page.locator("summary", { hasText: "Add evidence" }),
  });
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await details.locator("summary").click();
  }
  const form = page.getByRole("form", { name: "Add evidence" });
  await form.getByLabel("Link (http:// or https://)").fill(url);
  await form.getByLabel("Title", { exact: true }).fill(title);
  await form.getByRole("button", { name: "Add evidence" }).click();
  await expect(page.getByText("Evidence added.")).toBeVisible();
}

test("a link is archived in the background; its copy is one click away, sandboxed", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStatePath("editor") });
  const page = await context.newPage();
  await page.goto(`/recommendations/${ITEM}`);
  await addLink(page, `${SITE}/fact-sheet`, "Security and justice fact sheet");
  await addLink(page, `${SITE}/moved-away`, "A page that is gone");

  const item = (title: string) =>
    page.getByTestId("evidence-list").locator("li", { hasText: title });
  // The jobs run within a few seconds of the save: reload until the lines say so.
  await expect(async () => {
    await page.reload();
    await expect(item("Security and justice fact sheet").getByTestId("archive-line")).toContainText(
      /Archived copy, .* · SHA-256 [0-9a-f]{8}…/,
      { timeout: 500 },
    );
    await expect(item("A page that is gone").getByTestId("archive-line")).toContainText(
      "Not archived yet: the site answered with an error.",
      { timeout: 500 },
    );
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
  await expectAccessible(page);

  const copyLink = item("Security and justice fact sheet").getByRole("link", {
    name: /Archived copy/,
  });
  const href = await copyLink.getAttribute("href");
  const copy = await page.request.get(href!);
  expect(copy.status()).toBe(200);
  expect(copy.headers()["content-security-policy"]).toMatch(/(^|;\s*)sandbox(;|$)/);
  // server.js sends nosniff on every response too: the header may list it twice.
  expect(copy.headers()["x-content-type-options"]).toMatch(/^nosniff(, nosniff)?$/);
  expect(copy.headers()["content-disposition"]).toMatch(/^attachment/);
  expect(await copy.text()).toBe(PAGE);
  await context.close();

  // The admin's link-health list shows the link that could not be archived.
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/link-health");
  await expect(adminPage.getByRole("heading", { name: "Link health" })).toBeVisible();
  await expect(
    adminPage.getByTestId("link-health-list").locator("li", { hasText: "A page that is gone" }),
  ).toContainText("the site answered with an error");
  await expectAccessible(adminPage);
  // At 320 px wide nothing sticks out sideways: long addresses wrap.
  await adminPage.setViewportSize({ width: 320, height: 640 });
  for (const path of ["/admin/link-health", `/recommendations/${ITEM}`]) {
    await adminPage.goto(path);
    const width = await adminPage.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(320);
  }
  await admin.close();
});
