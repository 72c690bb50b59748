import type { Browser, Locator, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { storageStatePath } from "./users.ts";

// Catalogue administration. Tests run at once against one server: each works on records of its
// own, with codes made unique per run. Recommendations made here are archived again at once,
// because other tests count the public catalogue.

test.use({ storageState: storageStatePath("admin") });

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();

const newForm = (page: Page) => page.getByRole("form", { name: /^Add an? / });
const editForm = (page: Page) => page.getByRole("form", { name: /^Edit / });
const field = (form: Locator, label: string) => form.getByLabel(label, { exact: true });

async function createSource(page: Page, code: string) {
  await page.goto("/admin/catalogue/sources");
  const form = newForm(page);
  await field(form, "Code").fill(code);
  await field(form, "Title").fill(`Test report ${code}`);
  await field(form, "Publisher").fill("Test publisher");
  await field(form, "Kind of source").selectOption("think_tank_report");
  await field(form, "Published date").fill("2024-05");
  await field(form, "Web address").fill("https://example.org/report");
  await form.getByRole("button", { name: "Create source" }).click();
  await expect(page.getByText("Created.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit source: ${code}`);
}

/** Creates a recommendation of `source` and returns its id (from the edit page's URL). */
async function createRecommendation(page: Page, source: string, reference: string) {
  await page.goto("/admin/catalogue/recommendations");
  const form = newForm(page);
  await field(form, "Source").selectOption(source);
  await field(form, "Reference").fill(reference);
  await field(form, "Title").fill(`Share trace data ${reference}`);
  await field(form, "Full text").fill("The agencies should share firearms trace data monthly.");
  await field(form, "Country").selectOption("binational");
  await field(form, "Responsible actors").selectOption(["ATF", "FGR"]);
  await field(form, "Verification level").selectOption("secondary_summary");
  await field(form, "Source web address").fill("https://example.org/report#rec");
  await form.getByRole("button", { name: "Create recommendation" }).click();
  await expect(page.getByText("Created.")).toBeVisible();
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

async function archive(page: Page) {
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(page.getByText("Archived. It no longer appears")).toBeVisible();
}

async function pageAs(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({
    storageState: storageStatePath("admin"),
    ...options,
  });
  return { context, page: await context.newPage() };
}

test("the overview counts each kind and links to its list", async ({ page }) => {
  await page.goto("/admin/catalogue");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Catalogue");
  const nav = page.getByRole("navigation", { name: "Administration" });
  await expect(nav.getByRole("link", { name: "Catalogue" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(nav.getByRole("link", { name: "Users" })).toHaveAttribute("href", "/admin/users");
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveAttribute(
    "href",
    "/admin/audit",
  );
  await expect(page.getByTestId("kind-row")).toHaveCount(5);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Sources", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/catalogue\/sources$/);
  await expect(page.getByRole("link", { name: "Edit GAO-21-322", exact: true })).toBeVisible();
});

test("an admin creates one of each kind", async ({ page }) => {
  // Five forms filled and five pages checked by axe: close to the default 30 s on a busy machine.
  test.slow();
  const id = unique();

  await createSource(page, `TEST-${id}`);
  await expectAccessible(page);

  await page.goto("/admin/catalogue/actors");
  await expectAccessible(page);
  let form = newForm(page);
  await field(form, "Code").fill(`ACT-${id}`);
  await field(form, "Name").fill(`Test agency ${id}`);
  await field(form, "Spanish name").fill(`Agencia de prueba ${id}`);
  await field(form, "Country").selectOption("MX");
  await form.getByRole("button", { name: "Create actor" }).click();
  await expect(page.getByText("Created.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit actor: ACT-${id}`);

  await page.goto("/admin/catalogue/goals");
  await expectAccessible(page);
  form = newForm(page);
  await field(form, "Code").fill(`9.${id}`);
  await field(form, "Level").selectOption("cooperation_area");
  await field(form, "Parent").selectOption("1");
  await field(form, "Title").fill(`Test cooperation area ${id}`);
  await form.getByRole("button", { name: "Create goal" }).click();
  await expect(page.getByText("Created.")).toBeVisible();
  await expect(field(editForm(page), "Parent")).toHaveValue("1");

  await page.goto("/admin/catalogue/tags");
  await expectAccessible(page);
  form = newForm(page);
  await field(form, "Slug").fill(`test-${id.toLowerCase()}`);
  await field(form, "Name").fill(`Test tag ${id}`);
  await form.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByText("Created.")).toBeVisible();

  await page.goto("/admin/catalogue/recommendations");
  await expectAccessible(page);
  const recommendation = await createRecommendation(page, `TEST-${id}`, `TEST-${id} #1`);
  const edit = editForm(page);
  await expect(field(edit, "Source")).toHaveValue(`TEST-${id}`);
  await expect(field(edit, "Responsible actors")).toHaveValues(["ATF", "FGR"]);
  await expect(field(edit, "Spanish title source")).toHaveValue("translation");
  await archive(page);
  await expectAccessible(page);

  // Each record is listed with its kind (the recommendations a page at a time: search for it).
  await page.goto(`/admin/catalogue/recommendations?archived=1&q=TEST-${id}`);
  await expect(page.getByRole("link", { name: `Edit TEST-${id} #1`, exact: true })).toHaveAttribute(
    "href",
    `/admin/catalogue/recommendations/${recommendation}`,
  );
  await page.goto("/admin/catalogue/goals");
  await expect(page.getByRole("link", { name: `Edit 9.${id}`, exact: true })).toBeVisible();
});

test("an admin sets and edits an actor's abbreviation", async ({ page }) => {
  const id = unique();
  await page.goto("/admin/catalogue/actors");
  const form = newForm(page);
  await field(form, "Code").fill(`ABBR-${id}`);
  await field(form, "Name").fill(`Test bureau ${id}`);
  await expect(field(form, "Abbreviation")).toHaveAccessibleDescription(/commonly abbreviated/);
  await field(form, "Abbreviation").fill("TB");
  await field(form, "Country").selectOption("US");
  await form.getByRole("button", { name: "Create actor" }).click();
  await expect(page.getByText("Created.")).toBeVisible();
  await expect(field(editForm(page), "Abbreviation")).toHaveValue("TB");

  await field(editForm(page), "Abbreviation").fill(`TB${id}`);
  await editForm(page).getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(field(editForm(page), "Abbreviation")).toHaveValue(`TB${id}`);
  await expectAccessible(page);
});

test("an admin edits an item's Spanish reference, labelled in both languages", async ({
  page,
  browser,
}) => {
  const code = `REFES-${unique()}`;
  await createSource(page, code);
  const recommendation = await createRecommendation(page, code, `${code} #1`);
  const edit = editForm(page);
  await expect(field(edit, "Spanish reference")).toHaveValue("");
  await field(edit, "Spanish reference").fill(`${code} n.º 1 (datos de rastreo)`);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  const spanish = await browser.newContext({
    storageState: storageStatePath("admin"),
    locale: "es-MX",
  });
  const es = await spanish.newPage();
  await es.goto(`/admin/catalogue/recommendations/${recommendation}`);
  const form = es.getByRole("form", { name: /^Editar / });
  await expect(form.getByLabel("Referencia en español", { exact: true })).toHaveValue(
    `${code} n.º 1 (datos de rastreo)`,
  );
  await expect(form.getByLabel("Referencia", { exact: true })).toHaveValue(`${code} #1`);
  await expectAccessible(es);
  await spanish.close();

  // Out of the public catalogue again, which other tests count.
  await archive(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a duplicate code is a 422 with the error on the code field, and the input is kept", async ({
    page,
  }) => {
    await page.goto("/admin/catalogue/sources");
    const form = newForm(page);
    await field(form, "Code").fill("gao-21-322");
    await field(form, "Title").fill("A second GAO-21-322");
    await field(form, "Publisher").fill("Someone");
    await field(form, "Kind of source").selectOption("gao_report");
    await field(form, "Notes").fill("Typed notes that must survive.");
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === "POST"),
      form.getByRole("button", { name: "Create source" }).click(),
    ]);
    expect(response.status()).toBe(422);
    const again = newForm(page);
    await expect(again.getByText("Nothing was saved.")).toBeVisible();
    await expect(field(again, "Code")).toHaveAttribute("aria-invalid", "true");
    await expect(field(again, "Code")).toHaveAccessibleDescription(
      /Code is already used by another source\./,
    );
    await expect(field(again, "Code")).toHaveValue("gao-21-322");
    await expect(field(again, "Title")).toHaveValue("A second GAO-21-322");
    await expect(field(again, "Kind of source")).toHaveValue("gao_report");
    await expect(field(again, "Notes")).toHaveValue("Typed notes that must survive.");
    // (axe needs JavaScript: the Spanish test checks this state's accessibility.)
  });

  test("a reference the source already has (in another case) is a 422 on the reference field, and the input is kept", async ({
    page,
  }) => {
    await page.goto("/admin/catalogue/recommendations");
    const form = newForm(page);
    await field(form, "Source").selectOption("GAO-21-322");
    await field(form, "Reference").fill("gao-21-322 (atf – data/analysis)");
    await field(form, "Title").fill("A second ATF data item");
    await field(form, "Full text").fill("Typed text that must survive.");
    await field(form, "Country").selectOption("US");
    await field(form, "Verification level").selectOption("secondary_summary");
    await field(form, "Source web address").fill("https://example.org/report#rec");
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === "POST"),
      form.getByRole("button", { name: "Create recommendation" }).click(),
    ]);
    expect(response.status()).toBe(422);
    const again = newForm(page);
    await expect(again.getByText("Nothing was saved.")).toBeVisible();
    await expect(field(again, "Reference")).toHaveAttribute("aria-invalid", "true");
    await expect(field(again, "Reference")).toHaveAccessibleDescription(
      /this source already has a recommendation with this reference/,
    );
    await expect(field(again, "Reference")).toHaveValue("gao-21-322 (atf – data/analysis)");
    await expect(field(again, "Full text")).toHaveValue("Typed text that must survive.");
    await expect(field(again, "Source")).toHaveValue("GAO-21-322");
  });

  test("an unknown kind or record is a 404 page", async ({ page }) => {
    const kind = await page.goto("/admin/catalogue/widgets");
    expect(kind?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    const record = await page.goto("/admin/catalogue/sources/no-such-source");
    expect(record?.status()).toBe(404);
    const filter = await page.goto("/admin/catalogue/sources?archived=maybe");
    expect(filter?.status()).toBe(400);
    await expect(page.getByText("Invalid value for “archived”")).toBeVisible();
  });
});

test("a save from a stale form shows what changed and keeps what the admin typed", async ({
  browser,
}) => {
  const slug = `stale-${unique().toLowerCase()}`;
  const first = await pageAs(browser);
  await first.page.goto("/admin/catalogue/tags");
  const form = newForm(first.page);
  await field(form, "Slug").fill(slug);
  await field(form, "Name").fill("Original name");
  await form.getByRole("button", { name: "Create tag" }).click();
  await expect(first.page.getByText("Created.")).toBeVisible();
  const url = first.page.url().replace(/\?.*$/, "");

  // The second admin works without JavaScript: the conflict must not need it.
  const second = await pageAs(browser, { javaScriptEnabled: false });
  await second.page.goto(url);

  await field(editForm(first.page), "Name").fill("Name from the first admin");
  await editForm(first.page).getByRole("button", { name: "Save changes" }).click();
  await expect(first.page.getByText("Saved.")).toBeVisible();

  const stale = editForm(second.page);
  await field(stale, "Name").fill("Name from the second admin");
  await field(stale, "Spanish name").fill("Nombre del segundo");
  const [response] = await Promise.all([
    second.page.waitForResponse((candidate) => candidate.request().method() === "POST"),
    stale.getByRole("button", { name: "Save changes" }).click(),
  ]);
  expect(response.status()).toBe(409);
  const conflict = second.page.getByRole("alert").filter({ hasText: "Someone else saved" });
  await expect(conflict).toContainText("Administrator on");
  await expect(conflict).toContainText("Name: Original name → Name from the first admin");
  const kept = editForm(second.page);
  await expect(field(kept, "Name")).toHaveValue("Name from the second admin");
  await expect(field(kept, "Spanish name")).toHaveValue("Nombre del segundo");
  await expect(kept.locator('input[name="expectedVersion"]')).toHaveValue("2");

  // Saving again applies the second admin's values, knowingly.
  await kept.getByRole("button", { name: "Save changes" }).click();
  await expect(second.page.getByText("Saved.")).toBeVisible();
  await expect(field(editForm(second.page), "Name")).toHaveValue("Name from the second admin");

  // Now the first admin's form is the stale one; with JavaScript the conflict reads the same.
  await field(editForm(first.page), "Spanish name").fill("Nombre del primero");
  await editForm(first.page).getByRole("button", { name: "Save changes" }).click();
  const seen = first.page.getByRole("alert").filter({ hasText: "Someone else saved" });
  await expect(seen).toContainText("Name: Name from the first admin → Name from the second admin");
  await expect(field(editForm(first.page), "Spanish name")).toHaveValue("Nombre del primero");
  await expect(editForm(first.page).locator('input[name="expectedVersion"]')).toHaveValue("3");
  await expectAccessible(first.page);
  await first.context.close();
  await second.context.close();
});

test("archiving hides a recommendation from the public list; bringing it back shows it", async ({
  page,
}) => {
  const code = `ARCH-${unique()}`;
  await createSource(page, code);
  const id = await createRecommendation(page, code, `${code} #1`);
  const editUrl = `/admin/catalogue/recommendations/${id}`;
  const publicList = `/recommendations?source=${code}`;
  const rows = page.getByTestId("recommendation-row");

  await page.goto(publicList);
  await expect(rows).toHaveCount(1);

  await page.goto(editUrl);
  await archive(page);
  await expect(page.getByTestId("archived-notice")).toBeVisible();
  await page.goto(publicList);
  await expect(rows).toHaveCount(0);
  expect((await page.goto(`/recommendations/${id}`))?.status()).toBe(404);
  await page.goto(`/admin/catalogue/recommendations?archived=1&q=${code}`);
  await expect(page.getByRole("link", { name: `Edit ${code} #1`, exact: true })).toBeVisible();

  await page.goto(editUrl);
  await page.getByRole("button", { name: "Bring back from the archive" }).click();
  await expect(page.getByText("Brought back from the archive.")).toBeVisible();
  await page.goto(publicList);
  await expect(rows).toHaveCount(1);
  expect((await page.goto(`/recommendations/${id}`))?.status()).toBe(200);

  // Out of the public catalogue again, which other tests count.
  await page.goto(editUrl);
  await archive(page);
});

test.describe("the recommendations' list, a page at a time", () => {
  const searchForm = (page: Page) => page.getByRole("search", { name: "Find recommendations" });
  const shown = (page: Page) => page.getByRole("status");
  const rows = (page: Page) => page.getByTestId("item-row");

  test("an admin searches, filters by source and pages", async ({ page }) => {
    test.slow();
    await page.goto("/admin/catalogue/recommendations");
    // Other tests add recommendations meanwhile (and archive them): the total is 35 or more.
    await expect(shown(page)).toHaveText(/^Showing 1–25 of (3[5-9]|[4-9]\d)$/);
    await expect(rows(page)).toHaveCount(25);
    await expect(rows(page).first()).toContainText("Bicentennial Framework Goal 1");
    await expectAccessible(page);

    // The next page, by its link; the state is in the URL.
    const pages = page.getByRole("navigation", { name: "Pages" });
    await pages.getByRole("link", { name: "Page 2" }).click();
    await expect(page).toHaveURL(/\/admin\/catalogue\/recommendations\?page=2$/);
    await expect(shown(page)).toHaveText(/^Showing 26–\d+ of \d+$/);
    await expect(rows(page).first()).not.toContainText("Bicentennial Framework Goal 1");
    await expect(pages.getByRole("link", { name: "Previous" })).toBeVisible();

    // 50 a page: everything on one page, from the first.
    const form = searchForm(page);
    await form.getByLabel("Per page").selectOption("50");
    await form.getByRole("button", { name: "Apply" }).click();
    // (A GET form sends its empty fields too, as the public list's does.)
    await expect(page).toHaveURL(/[?&]size=50(&|$)/);
    expect(new URL(page.url()).searchParams.has("page")).toBe(false);
    await expect(shown(page)).toHaveText(/^Showing 1–(\d+) of \1$/);
    await expect(rows(page).first()).toContainText("Bicentennial Framework Goal 1");

    // Words without their accents find the Spanish reference's "análisis", any case.
    await searchForm(page).getByLabel("Search").fill("ANALISIS atf");
    await searchForm(page).getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/q=ANALISIS\+atf/);
    await expect(
      page.getByRole("link", { name: "Edit GAO-21-322 (ATF – data/analysis)", exact: true }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: /^Edit Bicentennial/ })).toHaveCount(0);
    await expect(searchForm(page).getByLabel("Search")).toHaveValue("ANALISIS atf");

    // A source: its seven items, and nothing else; the search cleared first.
    await searchForm(page).getByRole("link", { name: "Clear filters" }).click();
    await expect(searchForm(page).getByLabel("Search")).toHaveValue("");
    await searchForm(page).getByLabel("Source").selectOption("GAO-21-322");
    await searchForm(page).getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]source=GAO-21-322(&|$)/);
    await expect(shown(page)).toHaveText("Showing 1–7 of 7");
    await expect(rows(page)).toHaveCount(7);
    for (const row of await rows(page).all()) await expect(row).toContainText("GAO-21-322");
    await expect(page.getByRole("navigation", { name: "Pages" })).toHaveCount(0);
    await expectAccessible(page);

    // Nothing found: said so.
    await searchForm(page).getByLabel("Search").fill("zzqx-nothing");
    await searchForm(page).getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("No recommendation matches this search.")).toBeVisible();
    await expect(shown(page)).toHaveText("Showing 0–0 of 0");
  });

  test("a bad parameter is a 400 with its message at its field; past the end, the last page", async ({
    page,
  }) => {
    const response = await page.goto("/admin/catalogue/recommendations?size=30&page=abc&q=trace");
    expect(response?.status()).toBe(400);
    const size = searchForm(page).getByLabel("Per page");
    await expect(size).toHaveAttribute("aria-invalid", "true");
    await expect(size).toHaveAccessibleDescription(/Choose one of the listed values\./);
    await expect(size).toHaveValue("25");
    await expect(page.getByText("The page must be a whole number from 1 up.")).toBeVisible();
    // The rest of the view is kept.
    await expect(searchForm(page).getByLabel("Search")).toHaveValue("trace");
    await expectAccessible(page);

    const past = await page.goto("/admin/catalogue/recommendations?source=GAO-21-322&page=9");
    expect(past?.status()).toBe(200);
    await expect(page.getByRole("note")).toHaveText(
      "There is no page 9: the list has 1 pages. This is the last one.",
    );
    await expect(rows(page)).toHaveCount(7);
  });

  test("at 320 px the list is one card per item, and every kind's list still reads", async ({
    browser,
  }) => {
    const context = await browser.newContext({
      storageState: storageStatePath("admin"),
      viewport: { width: 320, height: 720 },
    });
    const page = await context.newPage();
    await page.goto("/admin/catalogue/recommendations");
    const cards = page.getByTestId("item-card");
    await expect(cards).toHaveCount(25);
    await expect(rows(page).first()).toBeHidden();
    await expect(
      cards.first().getByRole("link", { name: "Edit Bicentennial Framework Goal 1" }),
    ).toBeVisible();
    await expect(cards.first()).toContainText("BF-2021");
    await expect(searchForm(page).getByLabel("Search")).toBeVisible();
    const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await wide()).toBeLessThanOrEqual(320);
    await expectAccessible(page);

    for (const kind of ["sources", "actors", "goals", "tags"]) {
      await page.goto(`/admin/catalogue/${kind}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      if (kind !== "tags") await expect(cards.first()).toBeVisible();
      expect(await wide(), kind).toBeLessThanOrEqual(320);
    }
    await page.goto("/admin/catalogue/sources");
    await expect(cards.filter({ hasText: "GAO-21-322" }).first()).toContainText("Recommendations");
    await expectAccessible(page);
    await context.close();
  });
});

test("the catalogue pages speak Spanish", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: storageStatePath("admin"),
    locale: "es-MX",
  });
  const page = await context.newPage();
  await page.goto("/admin/catalogue/sources");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fuentes");
  const nav = page.getByRole("navigation", { name: "Administración" });
  await expect(nav.getByRole("link", { name: "Registro de auditoría" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Agregar una fuente" })).toBeVisible();
  await expect(page.getByLabel("Tipo de fuente")).toContainText("Informe de la GAO");
  await expectAccessible(page);

  // A refused save: the error sits on its field, in Spanish.
  const form = page.getByRole("form", { name: "Agregar una fuente" });
  await form.getByLabel("Código", { exact: true }).fill("GAO-21-322");
  await form.getByLabel("Título", { exact: true }).fill("Otra vez");
  await form.getByLabel("Editor", { exact: true }).fill("Alguien");
  await form.getByLabel("Tipo de fuente").selectOption("gao_report");
  await form.getByRole("button", { name: "Crear fuente" }).click();
  await expect(form.getByText("No se guardó nada.")).toBeVisible();
  await expect(form.getByLabel("Código", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Título", { exact: true })).toHaveValue("Otra vez");
  await expectAccessible(page);

  // A reference the source already has: the reference field's message, in Spanish.
  await page.goto("/admin/catalogue/recommendations");
  const item = page.getByRole("form", { name: "Agregar una recomendación" });
  await item.getByLabel("Fuente", { exact: true }).selectOption("GAO-21-322");
  await item.getByLabel("Referencia", { exact: true }).fill("GAO-21-322 (ATF – DATA/ANALYSIS)");
  await item.getByLabel("Título", { exact: true }).fill("Otra vez");
  await item.getByLabel("Texto completo", { exact: true }).fill("Texto escrito.");
  await item.getByLabel("País", { exact: true }).selectOption("US");
  await item.getByLabel("Nivel de verificación", { exact: true }).selectOption("secondary_summary");
  await item
    .getByLabel("Dirección web de la fuente", { exact: true })
    .fill("https://example.org/informe");
  await item.getByRole("button", { name: "Crear recomendación" }).click();
  await expect(item.getByLabel("Referencia", { exact: true })).toHaveAccessibleDescription(
    /esta fuente ya tiene una recomendación con esta referencia/,
  );
  await expect(item.getByLabel("Texto completo", { exact: true })).toHaveValue("Texto escrito.");

  // The recommendations' search and its count, in Spanish.
  await page.goto("/admin/catalogue/recommendations?q=an%C3%A1lisis&size=50");
  const search = page.getByRole("search", { name: "Buscar recomendaciones" });
  await expect(search.getByLabel("Buscar", { exact: true })).toHaveValue("análisis");
  await expect(search.getByLabel("Por página")).toHaveValue("50");
  await expect(page.getByRole("status")).toHaveText(/^Mostrando 1–(\d+) de \1$/);
  await context.close();
});
