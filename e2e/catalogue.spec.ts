import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";

const rows = (page: Page) => page.getByTestId("recommendation-row");

test.describe("the public catalogue", () => {
  test("overview counts link into filtered lists", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByText("35 recommendations from 8 sources")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "GAO-21-322", exact: true }).click();
    await expect(page).toHaveURL(/\/recommendations\?source=GAO-21-322$/);
    await expect(page.getByText("Showing 1–7 of 7")).toBeVisible();
    await expect(rows(page)).toHaveCount(7);
  });

  test("the list shows every item over two pages of 25", async ({ page }) => {
    await page.goto("/recommendations");
    await expect(page.getByText("Showing 1–25 of 35")).toBeVisible();
    await expect(rows(page)).toHaveCount(25);
    await expectAccessible(page);
    await page
      .getByRole("navigation", { name: "Pages" })
      .getByRole("link", { name: "Next" })
      .click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText("Showing 26–35 of 35")).toBeVisible();
    await expect(rows(page)).toHaveCount(10);
  });

  test("filters and search live in the URL", async ({ page }) => {
    await page.goto("/recommendations");
    await page.getByLabel("Responsible actor").selectOption("CBP");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/actor=CBP/);
    await expect(rows(page)).toHaveCount(2);
    await expect(rows(page).first()).toContainText("CBP: develop performance measures");

    await page.goto("/recommendations?q=extradiciones");
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByLabel("Search")).toHaveValue("extradiciones");

    await page.goto("/recommendations?goal=3&sort=title");
    await expect(page.getByLabel("Framework goal")).toHaveValue("3");
    await expect(rows(page)).toHaveCount(5);
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page.getByText("Showing 1–25 of 35")).toBeVisible();
  });

  test("a bad filter value gets a message next to its field; the rest of the view stays", async ({
    page,
  }) => {
    const response = await page.goto(
      `/recommendations?status=finished&source=GAO-16-235&q=${"x".repeat(201)}`,
    );
    expect(response?.status()).toBe(400);
    const status = page.getByLabel("Status", { exact: true });
    await expect(status).toHaveAttribute("aria-invalid", "true");
    await expect(status).toHaveAccessibleDescription(/Choose one of the listed values/);
    await expect(page.getByLabel("Search")).toHaveAttribute("maxlength", "200");
    await expect(page.getByText("Use at most 200 characters.", { exact: false })).toBeVisible();
    // The valid part of the query still applies.
    await expect(rows(page)).toHaveCount(2);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Cambiar el idioma a español" }).click();
    await expect(
      page.getByText("Elija uno de los valores de la lista.", { exact: false }),
    ).toBeVisible();
    await expect(page.getByText("Too big")).toHaveCount(0);
  });

  test("a page past the end shows the last page and says so", async ({ page }) => {
    const response = await page.goto("/recommendations?page=999999");
    expect(response?.status()).toBe(200);
    await expect(page.getByText("There is no page 999999: the list has 2 pages.")).toBeVisible();
    await expect(page.getByText("Showing 26–35 of 35")).toBeVisible();
  });

  test("detail page shows the source, verification and paraphrase notice", async ({ page }) => {
    await page.goto("/recommendations/gao-21-322-cbp-measures");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      /CBP: develop performance measures/,
    );
    await expect(page.getByTestId("paraphrase-notice")).toBeVisible();
    await expect(page.getByTestId("verification-level")).toHaveText("Secondary summary");
    await expect(page.getByRole("link", { name: "Open the source document" })).toHaveAttribute(
      "href",
      "https://www.gao.gov/products/gao-21-322",
    );
    await expect(page.getByText("No official status published or verified")).toBeVisible();
    await expectAccessible(page);

    await page.goto("/recommendations/gao-16-223-dhs-mou");
    await expect(page.getByTestId("paraphrase-notice")).toHaveCount(0);
    await expect(page.getByTestId("verification-level")).toHaveText("Official summary");
  });

  test("an unknown item or page is a 404 page without internals", async ({ page }) => {
    const response = await page.goto("/recommendations/no-such-item");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expectAccessible(page);
    const other = await page.goto("/no/such/page");
    expect(other?.status()).toBe(404);
    await expect(page.locator("body")).not.toContainText(/at .*\.js:\d+/);
  });

  test("health check reports the database", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  test("security headers are set", async ({ request }) => {
    const response = await request.get("/");
    const headers = response.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });
});

test.describe("Spanish", () => {
  test("the switch changes the interface and is remembered", async ({ page }) => {
    await page.goto("/recommendations?source=GAO-16-223");
    await page.getByRole("button", { name: "Cambiar el idioma a español" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Recomendaciones");
    await expect(page).toHaveURL(/source=GAO-16-223/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expectAccessible(page);
    // References and actors read in Spanish: no English reference words, no internal codes.
    await page.goto("/recommendations?source=PC-DOUBLE-FIX-2023");
    const first = page.getByTestId("recommendation-row").first();
    await expect(first).toContainText("Doble solución");
    await expect(first).toContainText("Gobierno de México");
    await expect(first).not.toContainText("MX-GOV");

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Resumen");
    await expect(page.getByRole("link", { name: "Recomendaciones", exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Switch the language to English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  });

  test("the first guess comes from the browser's language", async ({ browser }) => {
    const context = await browser.newContext({ locale: "es-MX" });
    const page = await context.newPage();
    await page.goto("/recommendations/bf-3-extraditions");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Aumentar la cooperación en materia de extradiciones",
    );
    await expect(page.getByTestId("title-es-source")).toContainText(
      "Título traducido por el equipo de seguimiento",
    );
    // The full text stays in its source language.
    await expect(page.locator("blockquote")).toHaveAttribute("lang", "en");
    await expectAccessible(page);
    await context.close();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("filtering, paging and switching language work", async ({ page }) => {
    await page.goto("/recommendations");
    await page.getByLabel("Status", { exact: true }).selectOption("not_started");
    await page.getByLabel("Source").selectOption("GAO-16-235");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/source=GAO-16-235/);
    await expect(rows(page)).toHaveCount(2);
    await page.getByRole("button", { name: "Cambiar el idioma a español" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Recomendaciones");
    await expect(rows(page)).toHaveCount(2);
  });
});

test.describe("keyboard", () => {
  test("the skip link and the main navigation are reachable by keyboard", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
    await page.goto("/");
    for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Recommendations", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/recommendations$/);
  });
});
