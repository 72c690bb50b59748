import http from "node:http";
import type { AddressInfo } from "node:net";
import { baseURL } from "../playwright.config.ts";
import { expect, expectAccessible, test } from "./fixtures.ts";

// Embeds: another site's page frames an item's card, which answers without a cookie and lets any
// site frame it while the item page itself refuses framing; the item page offers the code to copy.
const ITEM = "gao-21-322-atf-data";
const EMBED = `${baseURL}/embed/recommendations/${ITEM}`;

test.use({ storageState: { cookies: [], origins: [] } });

test("an embed sets no cookie and may be framed anywhere; the item page may not", async () => {
  const embed = await fetch(EMBED);
  expect(embed.status).toBe(200);
  expect(embed.headers.get("set-cookie")).toBeNull();
  expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
  expect(embed.headers.get("x-frame-options")).toBeNull();
  const etag = embed.headers.get("etag")!;
  expect((await fetch(EMBED, { headers: { "If-None-Match": etag } })).status).toBe(304);
  const badge = await fetch(`${EMBED}/badge.svg`);
  expect(badge.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
  expect(badge.headers.get("set-cookie")).toBeNull();

  const item = await fetch(`${baseURL}/recommendations/${ITEM}`);
  expect(item.status).toBe(200);
  expect(item.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(item.headers.get("x-frame-options")).toBe("DENY");
});

test("another site frames the card, in Spanish", async ({ page }) => {
  // Another origin (any free port): a news site's page with the card in an iframe.
  const site = http.createServer((_req, res) => {
    res
      .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
      .end(
        `<!doctype html><html lang="en"><title>News</title><h1>News</h1>` +
          `<iframe src="${EMBED}?lang=es" title="Status" width="400" height="220"></iframe>`,
      );
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const { port } = site.address() as AddressInfo;
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("heading", { level: 1 })).toContainText("GAO-21-322");
    await expect(frame.getByText("Estado", { exact: true })).toBeVisible();
    await expect(frame.getByRole("link")).toHaveAttribute("target", "_blank");
  } finally {
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  }
  // The card at a phone's width: nothing wider than the screen.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(EMBED);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page);
});

test("the item page's embed code is copied, and the page stays accessible", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto(`/recommendations/${ITEM}`);
  const section = page.getByTestId("embed-code");
  const code = section.getByRole("textbox", { name: "Card (iframe)", exact: true });
  await expect(code).toHaveValue(
    new RegExp(`<iframe src="${baseURL}/embed/recommendations/${ITEM}"`),
  );
  await section.getByRole("button", { name: "Copy the code: Card (iframe)" }).click();
  await expect(section.getByRole("status").first()).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());
  await expectAccessible(page);
  // At 320 px the section fits the screen.
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await section.evaluate((element) => element.getBoundingClientRect().right);
  expect(width).toBeLessThanOrEqual(320);
});

test("the list filtered by one source and the overview filtered by one goal offer their embeds", async ({
  page,
}) => {
  await page.goto("/recommendations?source=GAO-21-322");
  await expect(page.getByRole("textbox", { name: "Badge (image)", exact: true })).toHaveValue(
    new RegExp(`<img src="${baseURL}/embed/sources/GAO-21-322/badge.svg"`),
  );
  await page.goto("/?goal=1");
  await expect(page.getByRole("textbox", { name: "Card (iframe)", exact: true })).toHaveValue(
    new RegExp(`<iframe src="${baseURL}/embed/goals/1"`),
  );
  // Without one source or goal there is nothing to embed.
  await page.goto("/recommendations");
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByTestId("embed-code")).toHaveCount(0);
});
