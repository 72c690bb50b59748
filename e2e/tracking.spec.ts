import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";
import { roleUsers, storageStatePath, type StateName } from "./users.ts";

// Each test works on its own recommendation, so that tests running at once never meet.

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
    "trailer<</Root 1 0 R>>\n%%EOF\n",
);

async function pageAs(
  browser: Browser,
  who: StateName,
  options: { javaScriptEnabled?: boolean } = {},
) {
  const context = await browser.newContext({ storageState: storageStatePath(who), ...options });
  return { context, page: await context.newPage() };
}

/** Opens an editor panel unless it is open already (the status form is, on a fresh item). */
async function openPanel(page: Page, name: string) {
  const details = page.locator("details", { has: page.locator("summary", { hasText: name }) });
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await details.locator("summary").click();
  }
}

test("an editor records a status change resting on a link and a PDF; a viewer sees it", async ({
  browser,
}) => {
  const { context, page } = await pageAs(browser, "editor");
  await page.goto("/recommendations/gao-21-322-atf-measures");
  // Nothing recorded yet: the status form is open from the start, its required fields marked.
  const form = page.getByRole("form", { name: "Update status" });
  await expect(form.getByLabel("New status")).toBeVisible();
  await expect(form.getByText("What changed", { exact: true }).locator("..")).toContainText(
    "(required)",
  );
  await expect(form.getByText("Title of the link", { exact: true }).locator("..")).toContainText(
    "(required with a link)",
  );
  await expectAccessible(page);
  await form.getByLabel("New status").selectOption("partially_implemented");
  await form
    .getByLabel("What changed")
    .fill("ATF published **performance measures** for its Mexico work.");
  await form.getByLabel("Date it happened").fill("2024-03-15");
  await form
    .getByLabel("Link (http:// or https://)")
    .fill("https://www.atf.gov/resource-center/data-statistics");
  await form.getByLabel("Title of the link").fill("ATF data and statistics page");
  await form
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "atf-measures.pdf", mimeType: "application/pdf", buffer: PDF });
  await form.getByLabel("Title of the file").fill("ATF performance report");
  await form.getByRole("button", { name: "Save status change" }).click();
  await expect(page.getByText("Status updated.")).toBeVisible();

  const change = page.getByTestId("timeline-status_change").first();
  await expect(change).toContainText("ATF published **performance measures**");
  await expect(change).toContainText("ATF data and statistics page");
  await expect(change).toContainText("ATF performance report");
  await expect(change).toContainText(`Recorded by ${roleUsers.editor.name}`);
  // When it was entered, in the tracker's zone (America/Mexico_City by default), named.
  await expect(change).toContainText(/Recorded by .+ on .+, \d{1,2}:\d{2}\s[AP]M CST/);
  await expect(change.locator("time")).toHaveAttribute("datetime", "2024-03-15");

  // The dashboard lists the last 30 days' changes: as of the end of that month, this one.
  await page.goto("/?asOf=2024-03-31");
  await expect(page.getByTestId("recent-changes")).toContainText(
    "ATF: develop performance measures",
  );
  await context.close();

  const viewer = await pageAs(browser, "viewer");
  await viewer.page.goto("/recommendations/gao-21-322-atf-measures");
  await expect(viewer.page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(viewer.page.locator("header").getByText("Partially implemented")).toBeVisible();
  const seen = viewer.page.getByTestId("timeline-status_change").first();
  await expect(seen).toContainText("ATF performance report");
  await expect(viewer.page.getByRole("button", { name: "Save status change" })).toHaveCount(0);
  await expectAccessible(viewer.page);

  const download = viewer.page.waitForEvent("download");
  await viewer.page.getByRole("link", { name: "Download ATF performance report" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("atf-measures.pdf");
  const response = await viewer.page.request.get(
    (await viewer.page
      .getByRole("link", { name: "Download ATF performance report" })
      .getAttribute("href"))!,
  );
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(
    /^attachment; filename="atf-measures\.pdf"/,
  );
  expect(Buffer.from(await response.body()).equals(PDF)).toBe(true);
  await viewer.context.close();
});

test("implemented needs evidence: refused with the field named, and the summary kept", async ({
  browser,
}) => {
  const { context, page } = await pageAs(browser, "editor");
  await page.goto("/recommendations/gao-21-322-cbp-measures");
  await openPanel(page, "Update status");
  const form = page.getByRole("form", { name: "Update status" });
  await form.getByLabel("New status").selectOption("implemented");
  await form.getByLabel("What changed").fill("CBP says it is done.");
  await form.getByRole("button", { name: "Save status change" }).click();
  await expect(page.getByText("Nothing was saved.")).toBeVisible();
  await expect(page.getByText("this status needs at least one piece of evidence")).toBeVisible();
  await expect(
    page.getByRole("form", { name: "Update status" }).getByLabel("What changed"),
  ).toHaveValue("CBP says it is done.");
  await expect(page.locator("header").getByText("Not started")).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

test("two editors save the same item: the second sees what changed and loses nothing", async ({
  browser,
}) => {
  const first = await pageAs(browser, "editor");
  const second = await pageAs(browser, "editor2");
  for (const { page } of [first, second]) {
    await page.goto("/recommendations/gao-21-322-ice-measures");
    await openPanel(page, "Update status");
  }
  const firstForm = first.page.getByRole("form", { name: "Update status" });
  await firstForm.getByLabel("New status").selectOption("in_progress");
  await firstForm.getByLabel("What changed").fill("ICE drafted measures.");
  await firstForm.getByRole("button", { name: "Save status change" }).click();
  await expect(first.page.getByText("Status updated.")).toBeVisible();

  const secondForm = second.page.getByRole("form", { name: "Update status" });
  await secondForm.getByLabel("New status").selectOption("stalled");
  await secondForm.getByLabel("What changed").fill("ICE work stopped after the reorganisation.");
  await secondForm.getByRole("button", { name: "Save status change" }).click();
  const notice = second.page.getByRole("alert").filter({ hasText: "Someone else saved this" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(roleUsers.editor.name);
  await expect(notice).toContainText("Not started → In progress");
  const kept = second.page.getByRole("form", { name: "Update status" });
  await expect(kept.getByLabel("What changed")).toHaveValue(
    "ICE work stopped after the reorganisation.",
  );
  await expect(kept.getByLabel("New status")).toHaveValue("stalled");

  // Having seen the change, saving again applies the second editor's status on top.
  await kept.getByRole("button", { name: "Save status change" }).click();
  await expect(second.page.getByText("Status updated.")).toBeVisible();
  await expect(second.page.locator("header").getByText("Stalled")).toBeVisible();
  await expect(second.page.getByTestId("timeline-status_change")).toHaveCount(2);
  await first.context.close();
  await second.context.close();
});

test("uploads: too large or of the wrong type are refused and nothing is stored", async ({
  browser,
}) => {
  // Without JavaScript, so that the browser's own size check does not stop the upload.
  const { context, page } = await pageAs(browser, "editor", { javaScriptEnabled: false });
  await page.goto("/recommendations/gao-16-235-state-reports");
  await openPanel(page, "Add evidence");
  const form = page.getByRole("form", { name: "Add evidence" });
  await form.getByLabel("A file").check();
  await form.getByLabel("File", { exact: true }).setInputFiles({
    name: "huge.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 32)]),
  });
  await form.getByLabel("Title", { exact: true }).fill("Too big");
  await form.getByRole("button", { name: "Add evidence" }).click();
  await expect(page.getByText("File is too large: the limit is 10 MB.")).toBeVisible();
  await expect(
    page.getByRole("form", { name: "Add evidence" }).getByLabel("Title", { exact: true }),
  ).toHaveValue("Too big");

  const retry = page.getByRole("form", { name: "Add evidence" });
  await retry.getByLabel("File", { exact: true }).setInputFiles({
    name: "report.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<html><script>alert(1)</script></html>"),
  });
  await retry.getByRole("button", { name: "Add evidence" }).click();
  await expect(page.getByText("File must be a PDF, PNG, JPEG")).toBeVisible();
  await expect(page.getByTestId("evidence-list")).toHaveCount(0);
  await expect(page.getByText("No evidence yet.")).toBeVisible();
  await context.close();
});

test("notes: markdown rendered safely, internal notes for staff only, author edits, admin deletes", async ({
  browser,
}) => {
  const editor = await pageAs(browser, "editor");
  const page = editor.page;
  await page.goto("/recommendations/gao-16-223-ondcp-indicators");
  await openPanel(page, "Add a note");
  const form = page.getByRole("form", { name: "Add a note" });
  await form
    .getByLabel("Note", { exact: true })
    .fill(
      "Call with **ONDCP** staff. <script>window.hacked = true</script> [memo](javascript:alert(1))",
    );
  await form.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Note added.")).toBeVisible();
  const note = page.getByTestId("timeline-note").first();
  await expect(note.locator("strong")).toHaveText("ONDCP");
  await expect(note.locator("script")).toHaveCount(0);
  await expect(note.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { hacked?: boolean }).hacked),
  ).toBeUndefined();
  await expect(note).toContainText("Internal — staff only");
  await expect(note.locator("[data-visibility=internal]")).toHaveCSS("border-top-style", "dashed");

  await openPanel(page, "Add a note");
  const publicForm = page.getByRole("form", { name: "Add a note" });
  await publicForm.getByLabel("Note", { exact: true }).fill("ONDCP published its 2024 strategy.");
  await publicForm.getByLabel("Everyone (public)").check();
  await publicForm.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Note added.")).toBeVisible();

  // Anonymous visitors see the public note only.
  const anonymous = await browser.newContext();
  const anonymousPage = await anonymous.newPage();
  await anonymousPage.goto("/recommendations/gao-16-223-ondcp-indicators");
  await expect(anonymousPage.getByText("ONDCP published its 2024 strategy.")).toBeVisible();
  await expect(anonymousPage.getByText("Call with")).toHaveCount(0);
  await anonymous.close();

  // The author edits; the edit is kept as a revision.
  await page
    .getByTestId("timeline-note")
    .filter({ hasText: "Call with" })
    .getByRole("link", { name: "Edit note" })
    .click();
  const edit = page.getByRole("form", { name: "Edit your note" });
  await edit.getByLabel("Note", { exact: true }).fill("Call with **ONDCP** staff on indicators.");
  await edit.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByText("Note saved.")).toBeVisible();
  await expect(
    page.getByTestId("timeline-note").filter({ hasText: "on indicators" }),
  ).toContainText("Edited (1)");
  await editor.context.close();

  // Another editor cannot edit it; an admin deletes it.
  const other = await pageAs(browser, "editor2");
  await other.page.goto("/recommendations/gao-16-223-ondcp-indicators");
  await expect(
    other.page
      .getByTestId("timeline-note")
      .filter({ hasText: "on indicators" })
      .getByRole("link", { name: "Edit note" }),
  ).toHaveCount(0);
  await other.context.close();

  const admin = await pageAs(browser, "admin");
  await admin.page.goto("/recommendations/gao-16-223-ondcp-indicators");
  await admin.page
    .getByTestId("timeline-note")
    .filter({ hasText: "on indicators" })
    .getByRole("button", { name: "Delete note" })
    .click();
  await expect(admin.page.getByText("Note deleted.")).toBeVisible();
  // Staff keep it in the history, marked deleted and no longer deletable, with its earlier text.
  const deletedNote = admin.page.getByTestId("timeline-note").filter({ hasText: "on indicators" });
  await expect(deletedNote.getByTestId("note-deleted")).toContainText("Deleted on");
  await expect(deletedNote.getByRole("button", { name: "Delete note" })).toHaveCount(0);
  await deletedNote.getByText("Earlier texts (1)").click();
  await expect(deletedNote.getByTestId("note-revisions")).toContainText("Call with ONDCP staff.");
  await expect(deletedNote.getByTestId("note-revisions")).toContainText("replaced it");
  await expectAccessible(admin.page);
  await admin.context.close();

  const spanish = await browser.newContext({
    storageState: storageStatePath("admin"),
    locale: "es-MX",
  });
  const es = await spanish.newPage();
  await es.goto("/recommendations/gao-16-223-ondcp-indicators");
  const esNote = es.getByTestId("timeline-note").filter({ hasText: "on indicators" });
  await expect(esNote.getByTestId("note-deleted")).toContainText("Eliminada el");
  await esNote.getByText("Textos anteriores (1)").click();
  await expect(esNote.getByTestId("note-revisions")).toContainText("lo reemplazó");
  await expectAccessible(es);
  await spanish.close();

  // Visitors see neither the deleted note nor earlier texts.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto("/recommendations/gao-16-223-ondcp-indicators");
  await expect(visitorPage.getByText("on indicators")).toHaveCount(0);
  await expect(visitorPage.getByTestId("note-revisions")).toHaveCount(0);
  await visitor.close();
});

test("tracking details and 'verified today'", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "editor");
  await page.goto("/recommendations/gao-16-223-doj-mou");
  // Never checked: said once, in plain words, and no "not checked in 90 days" mark.
  await expect(page.getByTestId("status-check")).toHaveText("Status never checked");
  await expect(page.getByTestId("stale-mark")).toHaveCount(0);
  await page.getByRole("button", { name: "Status checked today" }).click();
  await expect(page.getByText("Recorded: the status was checked today.")).toBeVisible();
  await expect(page.getByTestId("status-check")).toContainText("Status last checked");
  await expect(page.getByTestId("stale-mark")).toHaveCount(0);

  await openPanel(page, "Tracking details");
  const form = page.getByRole("form", { name: "Tracking details" });
  await form.getByLabel("Official status", { exact: true }).selectOption("open");
  await form.getByRole("button", { name: "Save tracking details" }).click();
  await expect(
    page.getByText("Official status date is required when an official status is given."),
  ).toBeVisible();
  const again = page.getByRole("form", { name: "Tracking details" });
  await expect(again.getByLabel("Official status", { exact: true })).toHaveValue("open");
  await again.getByLabel("Official status as of").fill("2025-02-20");
  await again.getByLabel("Priority").selectOption("high");
  await again
    .getByLabel("Background on status, from public sources")
    .fill("GAO's page lists it as open (checked February 2025).");
  await again.getByRole("button", { name: "Save tracking details" }).click();
  await expect(page.getByText("Tracking details saved.")).toBeVisible();
  await expect(page.getByText("Open as of Feb 20, 2025")).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Tracker status" })
      .getByText("GAO's page lists it as open (checked February 2025)."),
  ).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Details" }).getByText("High", { exact: true }),
  ).toBeVisible();
  await context.close();
});
