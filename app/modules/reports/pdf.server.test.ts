import { describe, expect, test } from "vitest";
import { dayInWords } from "./pdf.server.ts";
import {
  CHANGED_ITEM,
  EVIDENCE_URL,
  INTERNAL_NOTE,
  PUBLIC_NOTE,
  SOURCE,
  STAFF_EMAIL,
  STAFF_NAME,
  exportBytes,
  pdfPages,
  sourceItemsInDatabase,
  withExportFixture,
  type ExportFixture,
} from "./test-fixtures.server.ts";
import { currentDay } from "#app/utils/dates.ts";

const fixture = withExportFixture();

async function pdfOf(query: string, user: ExportFixture["staff"] | null = null) {
  const { response, bytes } = await exportBytes("pdf", query, user);
  const { pages, info } = await pdfPages(bytes);
  return { response, pages, text: pages.map((page) => page.text).join("\n"), info };
}

describe("PDF export", () => {
  test("title page, summary, a block per item, page numbers and clickable links", async () => {
    const { response, pages, text, info } = await pdfOf(`source=${SOURCE}&lang=en`);
    const today = dayInWords("en", currentDay());
    expect(response.headers.get("Content-Disposition")).toContain(
      `filename="status-report_${currentDay()}_${SOURCE}.pdf"`,
    );
    expect(info.Title).toContain(`Status as of ${today}`);
    const [title, summary] = pages;
    expect(title!.text).toContain("Status report");
    expect(title!.text).toContain(`Status as of ${today}`);
    expect(title!.text).toMatch(/Produced on \d{1,2} \w+ \d{4}/);
    expect(title!.text).toContain(`Source: ${SOURCE} –`);
    expect(summary!.text).toContain("Summary");
    expect(summary!.text).toContain("By source");
    expect(summary!.text).toContain("By Framework goal");
    expect(summary!.text).toContain("Partially implemented");

    // Every item, in the report's language, with its reference.
    for (const item of await sourceItemsInDatabase()) {
      expect(text).toContain(item.reference);
      expect(text).toContain(item.title.replace(/\s+/g, " ").slice(0, 40));
    }
    expect(text).toContain("Closed – implemented (as of 1 December 2025)");
    expect(text).toContain(
      "20 November 2025: from In progress to Stalled. The review paused for lack of staff.",
    );
    // Footer and number on every page.
    pages.forEach((page, index) => {
      expect(page.text).toContain(`Page ${index + 1}`);
      expect(page.text).toContain(`Status report · status as of ${today}`);
    });
    const links = pages.flatMap((page) => page.links);
    expect(links).toContain(EVIDENCE_URL);
    expect(links).toContain(`http://reports.test/recommendations/${CHANGED_ITEM}`);
    // Public information only: the public note, never the internal one or staff names.
    expect(text).toContain("Latest note (public)");
    expect(text).toContain(PUBLIC_NOTE.slice(0, 30));
    expect(text).not.toContain("Latest note (internal)");
    expect(text).not.toContain(INTERNAL_NOTE.slice(0, 30));
    expect(text).not.toContain(STAFF_NAME);
  });

  test("staff see the latest note marked internal and who recorded the change", async () => {
    const { text } = await pdfOf(`source=${SOURCE}`, fixture.staff);
    expect(text).toContain("Latest note (internal)");
    expect(text).toContain(INTERNAL_NOTE.slice(0, 30));
    expect(text).toContain(`Recorded by ${STAFF_NAME}.`);
    expect(text).toContain("Latest note (public)");
    expect(text).not.toContain(STAFF_EMAIL);
  });

  test("a Spanish report is in Spanish, accents included", async () => {
    const { pages, text } = await pdfOf(`source=${SOURCE}&asOf=2025-06-30&lang=es`);
    expect(pages[0]!.text).toContain("Informe de estado");
    expect(pages[0]!.text).toContain(`Estado al ${dayInWords("es", "2025-06-30")}`);
    expect(pages[0]!.text).toContain("Estado al 30 de junio de 2025");
    // The fixture's two changes up to that day were entered later: corrections, counted.
    expect(pages[0]!.text).toContain(
      "Cambios con fecha hasta el 30 de junio de 2025 registrados después de ese día (correcciones): 2",
    );
    expect(pages[0]!.text).toContain("Fuente:");
    expect(text).toContain("Página 1");
    expect(text).toContain("Por meta del Entendimiento");
    // The state of that day: the changed item was in progress, its official status open.
    expect(text).toContain("Estado En curso");
    expect(text).toContain("Abierta (al 1 de abril de 2025)");
    expect(text).toContain("Evidencia más reciente");
    expect(text).toContain("Título que empieza con un signo");
    // References and actors in Spanish too: no English reference words, no internal codes.
    expect(text).toContain("GAO-21-322 (ATF – datos y análisis)");
    expect(text).not.toContain("(ATF – data/analysis)");
  });
});
