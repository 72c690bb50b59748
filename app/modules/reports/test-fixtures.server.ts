// Shared by the export tests: a history on the seeded GAO-21-322 items (two status changes,
// evidence, an internal and a public note, an official status change), an item whose title is a
// spreadsheet formula, and a way to call the export route's loader as a reader would.
import ExcelJS from "exceljs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { RouterContextProvider } from "react-router";
import { beforeAll, expect } from "vitest";
import { userContext, type SessionUser } from "#app/modules/auth/auth.server.ts";
import { addEvidence } from "#app/modules/tracking/evidence.server.ts";
import { createNote } from "#app/modules/tracking/notes.server.ts";
import { changeStatus } from "#app/modules/tracking/status-change.server.ts";
import { loader } from "#app/routes/reports/export.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import type { ReportFormat } from "./report-query.ts";

export const SOURCE = "GAO-21-322";
export const CHANGED_ITEM = "gao-21-322-atf-data";
export const NOTED_ITEM = "gao-21-322-ice-data";
export const FORMULA_ITEM = "export-formula-item";
export const FORMULA_TITLE = '=HYPERLINK("https://attacker.example/","Click for details")';
export const INTERNAL_NOTE = "Internal only: the ATF liaison asked us not to quote this yet.";
export const PUBLIC_NOTE = "Public note: GAO still lists this recommendation as open.";
export const STAFF_NAME = "Rita Recorder";
export const STAFF_EMAIL = "rita.recorder@example.org";
export const EVIDENCE_URL = "https://www.gao.gov/products/gao-21-322";

export type ExportFixture = { staff: SessionUser };

async function version(id: string) {
  const row = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
  return String(row.version);
}

/**
 * CHANGED_ITEM: not_started → in_progress on 2025-03-10 → stalled on 2025-11-20, with link
 * evidence documented on 2025-03-01, an internal note (by STAFF_NAME), and the official status
 * "open" as of 2025-04-01 then "closed – implemented" as of 2025-12-01.
 * NOTED_ITEM: a public note. FORMULA_ITEM: a new item of SOURCE whose title is a formula.
 */
export async function createExportFixture(): Promise<ExportFixture> {
  const user = await createUser({ role: "editor", name: STAFF_NAME, email: STAFF_EMAIL });
  await changeStatus(user.id, {
    recommendationId: CHANGED_ITEM,
    expectedVersion: await version(CHANGED_ITEM),
    toStatus: "in_progress",
    summary: "ATF began reviewing its trace data.",
    occurredOn: "2025-03-10",
  });
  await changeStatus(user.id, {
    recommendationId: CHANGED_ITEM,
    expectedVersion: await version(CHANGED_ITEM),
    toStatus: "stalled",
    summary: "The review paused for lack of staff.",
    occurredOn: "2025-11-20",
  });
  await addEvidence(user.id, {
    recommendationId: CHANGED_ITEM,
    kind: "link",
    url: EVIDENCE_URL,
    title: "GAO product page",
    documentedOn: "2025-03-01",
  });
  await prisma.note.create({
    data: {
      recommendationId: CHANGED_ITEM,
      authorId: user.id,
      body: INTERNAL_NOTE,
      visibility: "internal",
      createdAt: new Date("2025-03-12T10:00:00Z"),
    },
  });
  await createNote(user.id, {
    recommendationId: NOTED_ITEM,
    body: PUBLIC_NOTE,
    visibility: "public",
  });
  await prisma.officialStatusChange.createMany({
    data: [
      {
        recommendationId: CHANGED_ITEM,
        fromStatus: null,
        fromAsOf: null,
        toStatus: "open",
        asOf: new Date("2025-04-01T00:00:00Z"),
        createdById: user.id,
      },
      {
        recommendationId: CHANGED_ITEM,
        fromStatus: "open",
        fromAsOf: new Date("2025-04-01T00:00:00Z"),
        toStatus: "closed_implemented",
        asOf: new Date("2025-12-01T00:00:00Z"),
        createdById: user.id,
      },
    ],
  });
  await prisma.recommendation.update({
    where: { id: CHANGED_ITEM },
    data: {
      statusOfficial: "closed_implemented",
      statusOfficialAsOf: new Date("2025-12-01T00:00:00Z"),
    },
  });
  const source = await prisma.source.findUniqueOrThrow({ where: { code: SOURCE } });
  await prisma.recommendation.create({
    data: {
      id: FORMULA_ITEM,
      sourceId: source.id,
      reference: `${SOURCE} #99`,
      title: FORMULA_TITLE,
      titleEs: "+Título que empieza con un signo",
      text: "A title that a spreadsheet would run.",
      country: "US",
      status: "not_started",
      verificationLevel: "official_text",
      sourceUrl: "https://example.org/",
      position: 100_000,
    },
  });
  return {
    staff: { id: user.id, email: user.email, name: user.name, role: user.role, locale: null },
  };
}

/**
 * The fixture, made once for the test file that calls this (in its `beforeAll`); read its
 * fields inside tests.
 */
export function withExportFixture(): ExportFixture {
  const fixture = {} as ExportFixture;
  beforeAll(async () => {
    Object.assign(fixture, await createExportFixture());
  });
  return fixture;
}

/** GET /reports/export.<format>?<query> through the route's loader, as `user` (null: anonymous). */
export async function exportThrough(
  format: string,
  query: string,
  user: SessionUser | null = null,
  headers: Record<string, string> = {},
): Promise<Response> {
  const request = new Request(`http://reports.test/reports/export.${format}?${query}`, {
    headers,
  });
  const context = new RouterContextProvider();
  context.set(userContext, user);
  try {
    return await loader({ request, context, params: {} } as unknown as Parameters<
      typeof loader
    >[0]);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** What each export must be served as (written out here, not read from the code under test). */
const expectedTypes: Record<ReportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/** An export that must succeed: checks its status and content type, and gives its bytes. */
export async function exportBytes(
  format: ReportFormat,
  query: string,
  user: SessionUser | null = null,
) {
  const response = await exportThrough(format, query, user);
  expect(response.status, `${format}?${query}`).toBe(200);
  expect(response.headers.get("Content-Type")).toBe(expectedTypes[format]);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** The items of SOURCE in catalogue order, as the database has them. */
export async function sourceItemsInDatabase() {
  return prisma.recommendation.findMany({
    where: { source: { code: SOURCE }, archivedAt: null },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    include: { actors: { orderBy: { code: "asc" } }, goals: true, source: true },
  });
}

export type PdfPage = { text: string; links: string[] };

/** Each page's text (whitespace folded) and the URLs of its link annotations. */
export async function pdfPages(bytes: Uint8Array) {
  const document = await getDocument({ data: bytes, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
      .join("")
      .replace(/\s+/g, " ");
    const annotations = (await page.getAnnotations()) as Array<{ subtype: string; url?: string }>;
    pages.push({
      text,
      links: annotations.filter((a) => a.subtype === "Link" && a.url).map((a) => a.url!),
    });
  }
  const info = (await document.getMetadata()).info as { Title?: string };
  await document.destroy();
  return { pages, info };
}

export async function loadWorkbook(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  return workbook;
}

/** Every cell of a workbook as text, one row per line. */
export function workbookText(workbook: ExcelJS.Workbook) {
  const lines: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => lines.push(JSON.stringify(row.values))));
  return lines.join("\n");
}

/** The text a reader would find in an export of any format. */
export async function exportText(format: string, response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (format === "pdf") {
    const { pages } = await pdfPages(bytes);
    return pages.map((page) => page.text).join("\n");
  }
  if (format === "xlsx") return workbookText(await loadWorkbook(bytes));
  return new TextDecoder().decode(bytes);
}

/** A node of a page's structure tree as pdf.js gives it (content leaves have no role). */
export type StructNode = { role?: string; alt?: string; children?: StructNode[] };

export type TaggedPage = {
  text: string;
  tree: StructNode | null;
  /** Text drawn outside any marked content (neither a structure element's nor an artifact). */
  unmarked: string[];
  /** Text inside an artifact (running footer, page number). */
  artifacts: string[];
  /** The page's link annotations: where each goes and its own description (Contents). */
  links: Array<{ url?: string; contents: string }>;
};

/** What a tagged PDF says of itself, and each page's structure tree and marked content. */
export async function pdfTagging(bytes: Uint8Array) {
  const document = await getDocument({ data: bytes, useSystemFonts: false, verbosity: 0 }).promise;
  const markInfo = await document.getMarkInfo();
  const { info, metadata } = await document.getMetadata();
  const pages: TaggedPage[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const open: string[] = [];
    const unmarked: string[] = [];
    const artifacts: string[] = [];
    let text = "";
    for (const item of content.items) {
      if ("str" in item) {
        text += item.str + (item.hasEOL ? "\n" : "");
        if (!item.str.trim()) continue;
        if (open.length === 0) unmarked.push(item.str);
        else if (open.includes("Artifact")) artifacts.push(item.str);
      } else if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") {
        // pdf.js gives the tag ("Artifact", "P", …); its types do not list it.
        open.push((item as { tag?: string | null }).tag ?? "");
      } else if (item.type === "endMarkedContent") {
        open.pop();
      }
    }
    const tree = (await page.getStructTree()) as StructNode | null;
    const annotations = (await page.getAnnotations()) as Array<{
      subtype: string;
      url?: string;
      contentsObj?: { str: string };
    }>;
    const links = annotations
      .filter((annotation) => annotation.subtype === "Link")
      .map((annotation) => ({ url: annotation.url, contents: annotation.contentsObj?.str ?? "" }));
    pages.push({ text: text.replace(/\s+/g, " "), tree, unmarked, artifacts, links });
  }
  await document.destroy();
  return {
    markInfo,
    info: info as { Title?: string; Language?: string },
    /** The PDF/UA part its XMP metadata claims ("1"), or undefined. */
    pdfUaPart: metadata?.get("pdfuaid:part") as string | undefined,
    pages,
  };
}

/** Every node of a structure tree, depth first. */
export function structNodes(node: StructNode | null): StructNode[] {
  if (!node) return [];
  return [node, ...(node.children ?? []).flatMap((child) => structNodes(child))];
}
