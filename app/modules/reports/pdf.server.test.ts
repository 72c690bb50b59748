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
  pdfTagging,
  sourceItemsInDatabase,
  structNodes,
  withExportFixture,
  type ExportFixture,
} from "./test-fixtures.server.ts";
import { currentDay } from "#app/utils/dates.ts";
import { translator } from "#app/utils/i18n.ts";
import { statusOrder } from "#app/components/status-badge.tsx";

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

describe("tagged PDF with an executive summary on page 1", () => {
  test("PDF/UA-1, its language and title; page 1 tagged with headings, tables, lists and a chart", async () => {
    const { bytes } = await exportBytes("pdf", `source=${SOURCE}&lang=en&from=2025-01-01`);
    // Written in batches (batchDocumentWrites): each cross-reference entry still finds its object.
    // Read before pdf.js, which takes the bytes over.
    const file = Buffer.from(bytes).toString("latin1");
    const xref = Number(/startxref\n(\d+)/.exec(file)![1]);
    const entries = file.slice(xref).split("\n").slice(3);
    const count = Number(/^xref\n0 (\d+)/.exec(file.slice(xref))![1]);
    for (let id = 1; id < count; id++) {
      const offset = Number(entries[id - 1]!.slice(0, 10));
      expect(file.startsWith(`${id} 0 obj`, offset), `object ${id}`).toBe(true);
    }
    const { markInfo, info, pdfUaPart, pages } = await pdfTagging(bytes);
    expect(markInfo?.Marked).toBe(true);
    expect(info.Language).toBe("en");
    expect(info.Title).toContain("Status report");
    expect(pdfUaPart).toBe("1");

    const [first] = pages;
    const nodes = structNodes(first!.tree);
    const roles = new Set(nodes.map((node) => node.role));
    for (const role of ["Document", "H1", "H2", "P", "Table", "TR", "TH", "TD", "L", "LI"]) {
      expect(roles, role).toContain(role);
    }
    expect(roles).toContain("Lbl");
    expect(roles).toContain("LBody");
    // The chart says its shares in words.
    const figures = nodes.filter((node) => node.role === "Figure");
    expect(figures).toHaveLength(1);
    expect(figures[0]!.alt).toMatch(/^Bar chart of the share of recommendations in each status: /);
    expect(figures[0]!.alt).toMatch(/Not started \d+% \(\d+\)/);
    expect(figures[0]!.alt).toContain("Stalled 13% (1)");

    const items = await sourceItemsInDatabase();
    const t = translator("en");
    expect(first!.text).toContain(`Recommendations in this report: ${items.length}`);
    for (const status of statusOrder) expect(first!.text).toContain(t(`status.${status}`));
    expect(first!.text).toContain("What moved from 1 January 2025 to");
    expect(first!.text).toContain("from Not started to Stalled (20 November 2025)");
    expect(first!.text).toContain("Overdue (due date passed, not closed): 0");
    expect(first!.text).toContain("Closed – implemented");
    // The existing report starts on page 2.
    expect(pages[1]!.text).toContain("By source");

    // Every page: all its text is in a structure element or an artifact; the footer an artifact.
    pages.forEach((page, index) => {
      expect(page.unmarked, `page ${index + 1}`).toEqual([]);
      expect(page.artifacts.join(" ")).toContain(`Page ${index + 1}`);
    });
    // The items' pages: a heading and a paragraph a field per item, links inside Link elements.
    const body = structNodes(pages[pages.length - 1]!.tree);
    const bodyRoles = new Set(body.map((node) => node.role));
    for (const role of ["H3", "Div", "P", "Link"]) expect(bodyRoles, role).toContain(role);
    // Each link has a description of its own: the text it is drawn on.
    const links = pages.flatMap((page) => page.links);
    expect(links).toContainEqual({
      url: `http://reports.test/recommendations/${CHANGED_ITEM}`,
      contents: `http://reports.test/recommendations/${CHANGED_ITEM}`,
    });
    expect(links).toContainEqual({
      url: EVIDENCE_URL,
      contents: "GAO product page (1 March 2025)",
    });
    const charts = structNodes(pages[1]!.tree).filter((node) => node.role === "Figure");
    expect(charts.length).toBeGreaterThan(0);
    expect(charts.every((chart) => chart.alt && chart.alt.length > 10)).toBe(true);
  });

  test("a Spanish report: its language, and page 1 in Spanish", async () => {
    const { bytes } = await exportBytes("pdf", `source=${SOURCE}&asOf=2025-06-30&lang=es`);
    const { info, pages } = await pdfTagging(bytes);
    expect(info.Language).toBe("es");
    expect(info.Title).toContain("Informe de estado");
    const [first] = pages;
    expect(first!.text).toContain("Dónde están las recomendaciones");
    expect(first!.text).toContain("Sin iniciar");
    expect(first!.text).toContain("Qué cambió del 1 de abril de 2025 al 30 de junio de 2025");
    expect(first!.text).toContain("Estados oficiales publicados por el emisor (GAO)");
    expect(first!.text).not.toContain("Where the recommendations stand");
    const figure = structNodes(first!.tree).find((node) => node.role === "Figure");
    expect(figure?.alt).toMatch(/^Gráfico de barras de la proporción de recomendaciones/);
    expect(figure?.alt).toContain("Sin iniciar");
  });
});
