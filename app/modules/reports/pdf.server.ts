// The PDF status report, drawn with pdfkit and streamed: each page is written out when the next
// one starts (no page buffering), its footer and number drawn as it is added. Noto Sans is
// embedded (subset) so that Spanish and every name print the same everywhere. Charts are drawn
// with pdfkit's vector API in the status palette's colours and textures, so they read in grey.
//
// Page 1 is the executive summary (summary.ts); the counts by source and goal and a block per
// item follow. The file is a tagged PDF identified as PDF/UA-1, in the report's language: every
// heading, paragraph, list, table and chart is drawn inside its structure element (a chart is a
// Figure whose alternative text says its numbers in words), and what only decorates (footers,
// page numbers, rules, swatches) is marked as an artifact. See
// docs/decisions/0018-tagged-pdf-summary.md.
import PDFDocument from "pdfkit";
import { statusOrder } from "#app/components/status-badge.tsx";
import type { Status } from "#app/generated/prisma/enums.ts";
import { dayDate, dayIn, zoneName } from "#app/utils/dates.ts";
import { translator, type Locale, type MessageKey, type Translate } from "#app/utils/i18n.ts";
import { statusPalette, type StatusPattern } from "#app/utils/status-palette.ts";
import type { ByteSink } from "./byte-stream.server.ts";
import {
  batchDocumentWrites,
  reportFonts,
  speedUpContentStreams,
  speedUpLayout,
  type FontName,
} from "./pdf-fonts.server.ts";
import type { CountRow, ReportItem, ReportSummary } from "./report-data.server.ts";
import { shareInWords, type ExecutiveSummary } from "./summary.ts";

type Struct = PDFKit.PDFStructureElement;
/** pdfkit reads `scope` (TH) and `bbox` (Figure) too; its types do not list them. */
type StructOptions = PDFKit.Mixins.StructureElementOptions & {
  scope?: "Row" | "Column";
  bbox?: [number, number, number, number];
};

const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const INK = "#111827";
const MUTED = "#4b5563";
const LINK = "#1d4ed8";
const RULE = "#d1d5db";
const LABEL_WIDTH = 118;
/** A note is staff reading, not the report's subject: long ones are cut in the PDF. */
const NOTE_MAX = 1200;

const dayFormats = new Map<Locale, Intl.DateTimeFormat>();
const momentFormats = new Map<string, Intl.DateTimeFormat>();
const intlLocale = (language: Locale) => (language === "en" ? "en-GB" : "es");

const daysInWords = new Map<string, string>();

/** "30 September 2026" / "30 de septiembre de 2026". */
export function dayInWords(language: Locale, iso: string): string {
  const key = `${language}:${iso}`;
  let words = daysInWords.get(key);
  if (words === undefined) {
    // Bounded: a few thousand distinct days at most, and a block needs several.
    if (daysInWords.size > 20_000) daysInWords.clear();
    words = dayFormat(language).format(dayDate(iso));
    daysInWords.set(key, words);
  }
  return words;
}

function dayFormat(language: Locale): Intl.DateTimeFormat {
  let format = dayFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    dayFormats.set(language, format);
  }
  return format;
}

/** "30 September 2026, 09:30 CST": in the tracker's zone, with the zone named. */
function momentInWords(language: Locale, moment: Date, zone: string): string {
  const key = `${language} ${zone}`;
  let format = momentFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: zone,
    });
    momentFormats.set(key, format);
  }
  return `${format.format(moment)} ${zoneName(moment, intlLocale(language), zone)}`;
}

/** Where the pen is: pdfkit has no getter for it, and a page's footer must put it back. */
type Pen = { font: FontName; size: number; color: string };

class ReportPdf {
  readonly doc: PDFKit.PDFDocument;
  private pen: Pen = { font: "regular", size: 10, color: INK };
  private pageNumber = 0;
  /** Field labels broken into lines that fit their column, measured once per label. */
  private labelLines = new Map<string, string[]>();

  constructor(
    private readonly t: Translate,
    private readonly footerText: string,
    info: { title: string; language: Locale; created: Date },
  ) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: MARGIN,
      autoFirstPage: false,
      bufferPages: false,
      // Tagged, and identified as PDF/UA-1 (in its XMP metadata): what a screen reader needs,
      // and what an office bound by Section 508 must publish.
      tagged: true,
      // pdfkit has taken "PDF/UA" since 0.15; its types list the PDF/A subsets only.
      subset: "PDF/UA" as PDFKit.Mixins.PDFSubsets,
      pdfVersion: "1.7",
      lang: info.language,
      displayTitle: true,
      info: { Title: info.title, Creator: t("app.name"), CreationDate: info.created },
    });
    batchDocumentWrites(this.doc);
    // PDF/UA asks every link annotation for a description of its own (its Contents); pdfkit
    // leaves it empty. It is the text the link is drawn on.
    const link = this.doc.link.bind(this.doc);
    this.doc.link = (x, y, w, h, url, options = {}) =>
      link(x, y, w, h, url, {
        ...options,
        ...(this.linkText ? { Contents: new String(this.linkText) as string } : {}),
      });
    for (const [name, font] of Object.entries(reportFonts())) this.doc.registerFont(name, font);
    this.doc.on("pageAdded", () => {
      speedUpContentStreams((this.doc.page as unknown as { content: unknown }).content);
      this.drawFooter();
    });
    this.doc.font("regular").fontSize(10);
    speedUpLayout((this.doc as unknown as { _font: unknown })._font);
    this.root = this.doc.struct("Document");
    this.doc.addStructure(this.root);
  }

  /** The text of the link being drawn, for its annotation's description. */
  private linkText: string | null = null;

  /** The structure tree's root: every element of the report is below it. */
  readonly root: Struct;

  /**
   * An element whose content `draw` paints, added under `parent`: pdfkit runs `draw` at once,
   * inside the element's marked content (continued on the next page if the text breaks there).
   */
  tag(parent: Struct, type: string, draw: () => void, options: StructOptions = {}): Struct {
    const element = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions, draw);
    parent.add(element);
    return element;
  }

  /** An element that holds others (a table, a row, a list), added under `parent`; end() it. */
  group(parent: Struct, type: string, options: StructOptions = {}): Struct {
    const element = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    parent.add(element);
    return element;
  }

  /** Decoration, marked as such: outside the structure, skipped by a screen reader. */
  artifact(draw: () => void, type: "Layout" | "Pagination" = "Layout") {
    this.doc.markContent("Artifact", { type });
    draw();
    this.doc.endMarkedContent();
  }

  get width() {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  get bottom() {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Sets font, size and colour, skipping what is already set (each call costs). */
  use(font: FontName, size: number, color = INK, force = false) {
    const { doc, pen } = this;
    if (force || pen.font !== font) doc.font(font);
    if (force || pen.size !== size) doc.fontSize(size);
    if (force || pen.color !== color) doc.fillColor(color);
    this.pen = { font, size, color };
    return doc;
  }

  /** The running footer and the page number, written as the page is added. */
  private drawFooter() {
    this.pageNumber += 1;
    const { doc } = this;
    const { x, y } = doc;
    const bottomMargin = doc.page.margins.bottom;
    // Below the bottom margin: without this, pdfkit would start another page for the footer.
    doc.page.margins.bottom = 0;
    const lineY = doc.page.height - MARGIN.bottom + 22;
    doc.save();
    // Nothing is marked on a new page yet: pdfkit reopens the marked content of a text that
    // broke across pages after this event.
    this.artifact(() => {
      doc
        .moveTo(MARGIN.left, lineY - 6)
        .lineTo(doc.page.width - MARGIN.right, lineY - 6)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc.font("regular").fontSize(8).fillColor(MUTED);
      doc.text(this.footerText, MARGIN.left, lineY, { lineBreak: false });
      const number = this.t("reportFile.pageNumber", { page: this.pageNumber });
      doc.text(number, doc.page.width - MARGIN.right - doc.widthOfString(number), lineY, {
        lineBreak: false,
      });
    }, "Pagination");
    doc.restore();
    doc.page.margins.bottom = bottomMargin;
    doc.x = x;
    doc.y = y;
    this.use(this.pen.font, this.pen.size, this.pen.color, true);
  }

  addPage() {
    // continueOnNewPage closes what is marked on this page and reopens it on the next.
    if ((this.doc as { page?: unknown }).page) this.doc.continueOnNewPage();
    else this.doc.addPage();
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureRoom(height: number) {
    if (this.doc.y + height > this.bottom) this.addPage();
  }

  heading(parent: Struct, type: "H1" | "H2" | "H3", text: string, size = 16) {
    this.ensureRoom(size * 3);
    this.tag(parent, type, () => {
      this.use("bold", size).text(text, MARGIN.left, this.doc.y, { width: this.width });
    });
    this.doc.moveDown(0.4);
  }

  /** A paragraph across the text width. */
  paragraph(
    parent: Struct,
    text: string,
    style: { font?: FontName; size?: number; color?: string; x?: number; width?: number } = {},
  ) {
    const { font = "regular", size = 10, color = INK, x = MARGIN.left, width = this.width } = style;
    this.use(font, size, color);
    this.ensureRoom(this.doc.currentLineHeight(true) + 2);
    this.tag(parent, "P", () => {
      this.use(font, size, color).text(text, x, this.doc.y, { width });
    });
  }

  private linesOf(label: string): string[] {
    let lines = this.labelLines.get(label);
    if (!lines) {
      lines = [];
      let line = "";
      for (const word of label.split(" ")) {
        const candidate = line ? `${line} ${word}` : word;
        if (line && this.doc.widthOfString(candidate) > LABEL_WIDTH - 8) {
          lines.push(line);
          line = word;
        } else line = candidate;
      }
      lines.push(line);
      this.labelLines.set(label, lines);
    }
    return lines;
  }

  /**
   * A field of an item's block: the label in the left column, its value beside it, as one
   * paragraph (label, then value) under `parent`. One element a field, not a table row of three:
   * at 10,000 items, table rows made the file three times as large and too large to keep for the
   * next reader (reports/export-pool.server.ts).
   */
  field(
    parent: Struct,
    label: string,
    value: string,
    options: { link?: string; italic?: boolean } = {},
  ) {
    const { doc } = this;
    this.use("bold", 8.5, MUTED);
    const lines = this.linesOf(label);
    this.ensureRoom(12 * lines.length + 2);
    const y = doc.y;
    const page = this.pageNumber;
    const paragraph = this.group(parent, "P");
    // Labels are drawn line by line without pdfkit's line wrapper, the costly part of text.
    paragraph.add(() => {
      this.use("bold", 8.5, MUTED);
      lines.forEach((line, index) => {
        doc.text(line, MARGIN.left, y + 0.5 + index * 11, { lineBreak: false });
      });
    });
    const labelBottom = y + lines.length * 11 + 1;
    const drawValue = () => {
      this.use(options.italic ? "italic" : "regular", 9, options.link ? LINK : INK);
      const width = this.width - LABEL_WIDTH;
      const style = options.link ? { link: options.link, underline: true } : {};
      if (!value.includes("\n") && doc.widthOfString(value) <= width) {
        // Most values fit on one line: drawn without the line wrapper, which costs the most.
        doc.text(value, MARGIN.left + LABEL_WIDTH, y, { lineBreak: false, ...style });
        doc.y = y + doc.currentLineHeight(true);
      } else {
        doc.text(value, MARGIN.left + LABEL_WIDTH, y, { width, ...style });
      }
    };
    if (options.link) {
      // A link's annotation belongs to a Link element (pdfkit ties it to the one being drawn).
      this.linkText = value;
      this.tag(paragraph, "Link", drawValue);
      this.linkText = null;
    } else {
      paragraph.add(drawValue);
    }
    paragraph.end();
    if (this.pageNumber === page) doc.y = Math.max(doc.y, labelBottom);
    doc.moveDown(0.15);
  }

  /**
   * pdfkit keeps every word it has laid out, per font, for the whole document; with a URL and
   * an id per item that grows without bound. Dropping it between batches keeps memory flat and
   * costs only re-measuring the batch's common words.
   */
  trimLayoutCache() {
    const fonts = (
      this.doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> }
    )._fontFamilies;
    for (const font of Object.values(fonts ?? {})) {
      if (font.layoutCache) font.layoutCache = Object.create(null) as object;
    }
  }

  rule() {
    const { doc } = this;
    doc.moveDown(0.4);
    this.artifact(() => {
      doc
        .moveTo(MARGIN.left, doc.y)
        .lineTo(MARGIN.left + this.width, doc.y)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
    });
    doc.moveDown(0.6);
  }
}

/** Lines, dots or hatching over a bar segment, so that statuses differ without colour. */
function texture(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  w: number,
  h: number,
  pattern: StatusPattern,
) {
  if (pattern === "none" || w <= 0) return;
  doc.save();
  doc.rect(x, y, w, h).clip();
  doc
    .lineWidth(0.6)
    .strokeColor("#000000")
    .strokeOpacity(0.55)
    .fillColor("#000000")
    .fillOpacity(0.55);
  if (pattern === "diagonal" || pattern === "crosshatch") {
    for (let d = -h; d < w; d += 4)
      doc
        .moveTo(x + d, y + h)
        .lineTo(x + d + h, y)
        .stroke();
  }
  if (pattern === "crosshatch") {
    for (let d = 0; d < w + h; d += 4)
      doc
        .moveTo(x + d, y + h)
        .lineTo(x + d - h, y)
        .stroke();
  }
  if (pattern === "horizontal") {
    for (let line = y + 1.5; line < y + h; line += 3)
      doc
        .moveTo(x, line)
        .lineTo(x + w, line)
        .stroke();
  }
  if (pattern === "dots") {
    for (let row = y + 2; row < y + h; row += 3.5) {
      for (let column = x + 2; column < x + w; column += 3.5) doc.circle(column, row, 0.75).fill();
    }
  }
  doc.restore();
}

function swatch(
  doc: PDFKit.PDFDocument,
  status: Status,
  x: number,
  y: number,
  w: number,
  h: number,
) {
  const colours = statusPalette[status];
  doc.save();
  doc.rect(x, y, w, h).fillColor(colours.solid).fill();
  texture(doc, x, y, w, h, colours.pattern);
  doc.rect(x, y, w, h).lineWidth(0.4).strokeColor("#374151").stroke();
  doc.restore();
}

/** The statuses' swatches and names: decoration, as each chart says its numbers in words. */
function drawLegend(pdf: ReportPdf, t: Translate) {
  const { doc } = pdf;
  pdf.use("regular", 8);
  const left = doc.page.margins.left;
  let x = left;
  pdf.ensureRoom(30);
  let y = doc.y;
  pdf.artifact(() => {
    for (const status of statusOrder) {
      const label = t(`status.${status}`);
      const width = 16 + doc.widthOfString(label) + 14;
      if (x + width > left + pdf.width) {
        x = left;
        y += 14;
      }
      swatch(doc, status, x, y, 12, 9);
      pdf.use("regular", 8).text(label, x + 16, y, { lineBreak: false });
      x += width;
    }
  });
  doc.x = left;
  doc.y = y + 18;
}

/** A row's counts in words, for its chart's alternative text. */
function countsInWords(t: Translate, row: CountRow): string {
  const parts = statusOrder
    .filter((status) => row.counts[status] > 0)
    .map((status) => `${t(`status.${status}`)} ${row.counts[status]}`);
  return `${row.code} – ${row.title}: ${t("reportFile.total")} ${row.total}${
    parts.length > 0 ? ` (${parts.join(", ")})` : ""
  }`;
}

/**
 * Stacked horizontal bars: one per row, a segment per status, lengths on one scale. Each bar is
 * a Figure of its own (a chart of many rows runs over pages), its numbers in its alternative text.
 */
function drawBars(pdf: ReportPdf, parent: Struct, rows: CountRow[], t: Translate) {
  const { doc } = pdf;
  const left = doc.page.margins.left;
  const labelWidth = 150;
  const totalWidth = 34;
  const barWidth = pdf.width - labelWidth - totalWidth;
  const barHeight = 14;
  const max = Math.max(1, ...rows.map((row) => row.total));
  for (const row of rows) {
    pdf.ensureRoom(30);
    const y = doc.y;
    pdf.tag(
      parent,
      "Figure",
      () => {
        pdf.use("bold", 8).text(row.code, left, y, {
          width: labelWidth - 8,
          lineBreak: false,
          height: 10,
          ellipsis: true,
        });
        pdf.use("regular", 7, MUTED).text(row.title, left, y + 10, {
          width: labelWidth - 8,
          lineBreak: false,
          height: 9,
          ellipsis: true,
        });
        let x = left + labelWidth;
        for (const status of statusOrder) {
          const count = row.counts[status];
          if (!count) continue;
          const w = (count / max) * barWidth;
          swatch(doc, status, x, y + 2, w, barHeight);
          const label = String(count);
          pdf.use("bold", 7);
          if (w >= doc.widthOfString(label) + 6) {
            // A white plate behind the number keeps it legible over any colour or texture.
            const textWidth = doc.widthOfString(label);
            doc.save();
            doc
              .rect(x + w / 2 - textWidth / 2 - 1.5, y + 5, textWidth + 3, 8)
              .fillColor("#ffffff")
              .fillOpacity(0.85)
              .fill();
            doc.restore();
            pdf
              .use("bold", 7, INK)
              .text(label, x + w / 2 - textWidth / 2, y + 4.5, { lineBreak: false });
          }
          x += w;
        }
        pdf
          .use("bold", 8)
          .text(String(row.total), left + labelWidth + barWidth + 6, y + 4, { lineBreak: false });
      },
      { alt: countsInWords(t, row), bbox: [left, y, left + pdf.width, y + 20] },
    );
    doc.x = left;
    doc.y = y + 26;
  }
  if (rows.length === 0) {
    pdf.paragraph(parent, t("reportFile.none"), { font: "italic", size: 9, color: MUTED });
  }
  pdf.use("regular", 9);
}

/** A table's cell: text at `x`, right-aligned to `x` when `align` is "right". */
function cell(
  pdf: ReportPdf,
  row: Struct,
  type: "TH" | "TD",
  text: string,
  at: { x: number; y: number; align?: "right"; font?: FontName; color?: string },
  options: StructOptions = {},
) {
  pdf.tag(
    row,
    type,
    () => {
      const doc = pdf.use(at.font ?? (type === "TH" ? "bold" : "regular"), 9, at.color ?? INK);
      const x = at.align === "right" ? at.x - doc.widthOfString(text) : at.x;
      doc.text(text, x, at.y, { lineBreak: false });
    },
    options,
  );
}

/** A bulleted list, one line per entry, and "… and 12 more" after it when some were left out. */
function bulletList(pdf: ReportPdf, parent: Struct, lines: string[], more: number, t: Translate) {
  const { doc } = pdf;
  const left = MARGIN.left;
  if (lines.length === 0) return;
  const list = pdf.group(parent, "L");
  for (const line of lines) {
    pdf.use("regular", 9);
    pdf.ensureRoom(12);
    const y = doc.y;
    const item = pdf.group(list, "LI");
    pdf.tag(item, "Lbl", () => {
      pdf.use("regular", 9, MUTED).text("•", left + 4, y, { lineBreak: false });
    });
    pdf.tag(item, "LBody", () => {
      pdf.use("regular", 9).text(line, left + 14, y, { width: pdf.width - 14 });
    });
    item.end();
  }
  list.end();
  if (more > 0) {
    pdf.paragraph(parent, t("reportFile.executive.more", { count: more }), {
      size: 9,
      color: MUTED,
      x: left + 14,
      width: pdf.width - 14,
    });
  }
}

/** One stacked bar of the status shares, the full text width: a Figure with its words. */
function shareBar(pdf: ReportPdf, parent: Struct, executive: ExecutiveSummary, language: Locale) {
  const { doc } = pdf;
  const t = translator(language);
  const left = MARGIN.left;
  const height = 16;
  pdf.ensureRoom(height + 12);
  const y = doc.y + 2;
  const shares = executive.statuses.map((entry) =>
    t("reportFile.executive.chartShare", {
      status: entry.label,
      share: shareInWords(language, entry.share),
      count: entry.count,
    }),
  );
  const alt =
    executive.total > 0
      ? t("reportFile.executive.chartAlt", { shares: shares.join("; ") })
      : t("reportFile.executive.chartEmpty");
  pdf.tag(
    parent,
    "Figure",
    () => {
      let x = left;
      for (const entry of executive.statuses) {
        if (entry.count === 0) continue;
        const w = entry.share * pdf.width;
        swatch(doc, entry.code, x, y, w, height);
        x += w;
      }
      if (executive.total === 0) {
        doc.save();
        doc.rect(left, y, pdf.width, height).lineWidth(0.4).strokeColor("#374151").stroke();
        doc.restore();
      }
    },
    { alt, bbox: [left, y, left + pdf.width, y + height] },
  );
  doc.x = left;
  doc.y = y + height + 10;
}

/**
 * Page 1: what the report is (title, day, filters, period), then the executive summary: the
 * statuses with their shares and a chart, what moved in the period, what is overdue or has not
 * been checked, and the official statuses. Left and right columns where two short parts fit.
 */
function executivePage(
  pdf: ReportPdf,
  summary: ReportSummary,
  executive: ExecutiveSummary,
  t: Translate,
) {
  const { doc, root } = pdf;
  const language = summary.language;
  const left = MARGIN.left;
  const words = (day: string) => dayInWords(language, day);
  pdf.addPage();

  // The title block.
  const head = pdf.group(root, "Sect");
  pdf.paragraph(head, t("app.name"), { size: 9, color: MUTED });
  pdf.paragraph(head, t("reportFile.subtitle"), { size: 9, color: MUTED });
  doc.moveDown(0.3);
  pdf.tag(head, "H1", () => {
    pdf.use("bold", 22).text(t("reportFile.title"), left, doc.y, { width: pdf.width });
    pdf
      .use("bold", 13)
      .text(t("reportFile.statusAsOf", { date: words(summary.asOf) }), { width: pdf.width });
  });
  doc.moveDown(0.3);
  pdf.paragraph(
    head,
    t("reportFile.producedOn", {
      date: momentInWords(language, summary.generatedAt, summary.timeZone),
    }),
    { size: 9, color: MUTED },
  );
  const filters =
    summary.filterDescriptions.length === 0
      ? t("reportFile.noFilters")
      : summary.filterDescriptions.map((filter) => `${filter.label}: ${filter.value}`).join("; ");
  pdf.paragraph(head, `${t("reportFile.filters")}: ${filters}`, { size: 9 });
  pdf.paragraph(
    head,
    t("reportFile.period", { from: words(summary.from), to: words(summary.asOf) }),
    { size: 9 },
  );
  if (!summary.current) {
    pdf.paragraph(
      head,
      t("reportFile.recordedAfter", {
        date: words(summary.asOf),
        count: summary.recordedAfterAsOf,
      }),
      { size: 9 },
    );
  }
  pdf.paragraph(
    head,
    t(summary.audience === "staff" ? "reportFile.audienceStaff" : "reportFile.audiencePublic"),
    { font: "italic", size: 9, color: MUTED },
  );
  head.end();
  doc.moveDown(0.6);

  // Where the items stand: a table and the chart.
  const standing = pdf.group(root, "Sect");
  pdf.heading(standing, "H2", t("reportFile.executive.statuses"), 13);
  pdf.paragraph(standing, t("reportFile.itemCount", { count: executive.total }), {
    font: "bold",
    size: 10,
  });
  doc.moveDown(0.2);
  const countX = left + 300;
  const shareX = left + 370;
  const table = pdf.group(standing, "Table");
  const rowHeight = 13;
  let y = doc.y;
  const header = pdf.group(table, "TR");
  cell(pdf, header, "TH", t("reportFile.columns.status"), { x: left + 16, y }, { scope: "Column" });
  cell(
    pdf,
    header,
    "TH",
    t("reportFile.count"),
    { x: countX, y, align: "right" },
    { scope: "Column" },
  );
  cell(
    pdf,
    header,
    "TH",
    t("reportFile.executive.share"),
    { x: shareX, y, align: "right" },
    { scope: "Column" },
  );
  header.end();
  for (const entry of executive.statuses) {
    y += rowHeight;
    pdf.artifact(() => swatch(doc, entry.code, left, y + 1.5, 11, 8));
    const row = pdf.group(table, "TR");
    cell(pdf, row, "TH", entry.label, { x: left + 16, y, font: "regular" }, { scope: "Row" });
    cell(pdf, row, "TD", String(entry.count), { x: countX, y, align: "right" });
    cell(pdf, row, "TD", shareInWords(language, entry.share), {
      x: shareX,
      y,
      align: "right",
      color: MUTED,
    });
    row.end();
  }
  y += rowHeight;
  const totals = pdf.group(table, "TR");
  cell(pdf, totals, "TH", t("reportFile.total"), { x: left + 16, y }, { scope: "Row" });
  cell(pdf, totals, "TD", String(executive.total), { x: countX, y, align: "right", font: "bold" });
  cell(pdf, totals, "TD", executive.total > 0 ? shareInWords(language, 1) : "–", {
    x: shareX,
    y,
    align: "right",
    color: MUTED,
  });
  totals.end();
  table.end();
  doc.x = left;
  doc.y = y + rowHeight + 4;
  shareBar(pdf, standing, executive, language);
  standing.end();

  // What moved in the period.
  const moved = pdf.group(root, "Sect");
  pdf.heading(
    moved,
    "H2",
    t("reportFile.executive.moves", { from: words(summary.from), to: words(summary.asOf) }),
    13,
  );
  if (executive.moves.items === 0) {
    pdf.paragraph(moved, t("reportFile.executive.noMoves"), { size: 9 });
  } else {
    pdf.paragraph(
      moved,
      `${t("reportFile.executive.movedItems")}: ${executive.moves.items}. ${t(
        "reportFile.executive.changes",
      )}: ${executive.moves.changes}.`,
      { size: 9 },
    );
    doc.moveDown(0.2);
    bulletList(
      pdf,
      moved,
      executive.moves.list.shown.map((move) =>
        t("reportFile.executive.moveLine", {
          reference: move.reference,
          from: move.from.label,
          to: move.to.label,
          date: words(move.date),
        }),
      ),
      executive.moves.list.more,
      t,
    );
  }
  moved.end();
  doc.moveDown(0.6);

  // Overdue and not checked.
  const attention = pdf.group(root, "Sect");
  pdf.heading(attention, "H2", t("reportFile.executive.attention"), 13);
  pdf.paragraph(attention, `${t("reportFile.executive.overdue")}: ${executive.overdue.count}`, {
    font: "bold",
    size: 9,
  });
  bulletList(
    pdf,
    attention,
    executive.overdue.shown.map((entry) =>
      t("reportFile.executive.overdueLine", {
        reference: entry.reference,
        date: words(entry.dueDate),
      }),
    ),
    executive.overdue.more,
    t,
  );
  doc.moveDown(0.2);
  pdf.paragraph(
    attention,
    `${t("reportFile.executive.notChecked", { date: words(summary.asOf) })}: ${
      executive.notChecked.count
    } (${t("reportFile.executive.neverCount", { count: executive.notChecked.never })})`,
    { font: "bold", size: 9 },
  );
  bulletList(
    pdf,
    attention,
    executive.notChecked.shown.map((entry) =>
      entry.lastVerifiedAt
        ? t("reportFile.executive.checkedLine", {
            reference: entry.reference,
            date: words(dayIn(entry.lastVerifiedAt, summary.timeZone)),
          })
        : t("reportFile.executive.neverLine", { reference: entry.reference }),
    ),
    executive.notChecked.more,
    t,
  );
  attention.end();
  doc.moveDown(0.6);

  // The issuers' official statuses.
  const official = pdf.group(root, "Sect");
  pdf.heading(official, "H2", t("reportFile.executive.official"), 13);
  pdf.use("regular", 9);
  pdf.ensureRoom(rowHeight * (executive.official.statuses.length + 3));
  const officialTable = pdf.group(official, "Table");
  y = doc.y;
  const officialHeader = pdf.group(officialTable, "TR");
  cell(
    pdf,
    officialHeader,
    "TH",
    t("reportFile.columns.officialStatus"),
    { x: left, y },
    { scope: "Column" },
  );
  cell(
    pdf,
    officialHeader,
    "TH",
    t("reportFile.count"),
    { x: countX, y, align: "right" },
    { scope: "Column" },
  );
  officialHeader.end();
  const officialRows: Array<[string, number, boolean]> = [
    ...executive.official.statuses.map((entry): [string, number, boolean] => [
      entry.label,
      entry.count,
      false,
    ]),
    [t("reportFile.executive.withOfficial"), executive.official.items, true],
    [t("reportFile.executive.withoutOfficial"), executive.total - executive.official.items, true],
  ];
  for (const [label, count, bold] of officialRows) {
    y += rowHeight;
    const row = pdf.group(officialTable, "TR");
    cell(pdf, row, "TH", label, { x: left, y, font: bold ? "bold" : "regular" }, { scope: "Row" });
    cell(pdf, row, "TD", String(count), {
      x: countX,
      y,
      align: "right",
      font: bold ? "bold" : "regular",
    });
    row.end();
  }
  officialTable.end();
  official.end();
  doc.x = left;
  doc.y = y + rowHeight;
}

/** Page 2: the counts by source and by Framework goal, as charts. */
function summaryPages(pdf: ReportPdf, summary: ReportSummary, t: Translate) {
  const { doc, root } = pdf;
  const left = MARGIN.left;
  pdf.addPage();
  const section = pdf.group(root, "Sect");
  pdf.heading(section, "H2", t("reportFile.summary"), 18);
  pdf.paragraph(section, t("reportFile.chartDescription"), {
    font: "italic",
    size: 8.5,
    color: MUTED,
  });
  doc.moveDown(0.6);
  drawLegend(pdf, t);
  pdf.heading(section, "H3", t("reportFile.bySource"), 12);
  drawBars(pdf, section, summary.bySource, t);
  doc.moveDown(0.8);
  pdf.heading(section, "H3", t("reportFile.byGoal"), 12);
  drawBars(
    pdf,
    section,
    summary.byGoal.map((row) => ({ ...row, code: t("reportFile.goalLabel", { code: row.code }) })),
    t,
  );
  section.end();
  doc.x = left;
}

function itemBlock(
  pdf: ReportPdf,
  parent: Struct,
  item: ReportItem,
  summary: ReportSummary,
  t: Translate,
) {
  const { doc } = pdf;
  const left = MARGIN.left;
  // Keep a block on one page where it fits: about 15 points a field, plus its headings.
  const fieldCount = 7 + (item.actors.length > 0 ? 1 : 0) + (item.latestNote ? 1 : 0);
  pdf.ensureRoom(Math.min(50 + 15 * fieldCount, 300));
  pdf.tag(parent, "P", () => {
    pdf.use("bold", 9, MUTED).text(item.localizedReference, left, doc.y, { width: pdf.width });
  });
  pdf.tag(parent, "H3", () => {
    pdf.use("bold", 11).text(item.localizedTitle, left, doc.y, { width: pdf.width });
  });
  doc.moveDown(0.3);
  const fields = pdf.group(parent, "Div");
  pdf.field(fields, t("reportFile.block.source"), `${item.source.code} – ${item.source.title}`);
  if (item.actors.length > 0) {
    pdf.field(
      fields,
      t("reportFile.block.actors"),
      item.actors
        .map((actor) => (actor.abbreviation ? `${actor.name} (${actor.abbreviation})` : actor.name))
        .join("; "),
    );
  }
  pdf.field(fields, t("reportFile.block.status"), item.status.label);
  pdf.field(
    fields,
    t("reportFile.block.officialStatus"),
    item.officialStatus
      ? item.officialStatus.asOf
        ? t("reportFile.block.officialStatusAsOf", {
            status: item.officialStatus.label,
            date: dayInWords(summary.language, item.officialStatus.asOf),
          })
        : item.officialStatus.label
      : t("reportFile.block.officialStatusNone"),
  );
  const change = item.lastChange;
  pdf.field(
    fields,
    t("reportFile.block.lastChange"),
    change
      ? [
          t("reportFile.block.lastChangeText", {
            date: dayInWords(summary.language, change.date),
            from: change.from.label,
            to: change.to.label,
            summary: change.summary,
          }),
          change.recordedBy ? t("reportFile.block.lastChangeBy", { name: change.recordedBy }) : "",
        ]
          .filter(Boolean)
          .join(" ")
      : t("reportFile.block.noChange"),
  );
  const evidence = item.latestEvidence;
  if (evidence) {
    pdf.field(
      fields,
      t("reportFile.block.evidence"),
      t("reportFile.block.evidenceText", {
        title: evidence.title,
        date: dayInWords(summary.language, evidence.date),
      }),
      { link: evidence.url },
    );
    if (evidence.archivedAt && evidence.archiveSha256) {
      pdf.field(
        fields,
        t("archive.report.pdfLabel"),
        t("archive.report.pdfLine", {
          date: dayInWords(summary.language, dayIn(evidence.archivedAt, summary.timeZone)),
          hash: evidence.archiveSha256.slice(0, 16),
        }),
      );
    }
  } else {
    pdf.field(fields, t("reportFile.block.evidence"), t("reportFile.block.noEvidence"));
  }
  pdf.field(
    fields,
    t("reportFile.block.lastVerified"),
    item.lastVerifiedAt
      ? dayInWords(summary.language, dayIn(item.lastVerifiedAt, summary.timeZone))
      : t("reportFile.block.neverVerified"),
  );
  if (item.relations.length > 0) {
    // Each link read from this item, with the other item and the reason, one to a line.
    pdf.field(
      fields,
      t("reportFile.block.related"),
      item.relations
        .map(
          (relation) =>
            `${relation.label} ${relation.reference} (${relation.source}): ${relation.reason}`,
        )
        .join("\n"),
    );
  }
  if (item.latestNote) {
    const body = item.latestNote.body.trim();
    pdf.field(
      fields,
      t(
        item.latestNote.visibility.code === "internal"
          ? "reportFile.block.noteInternal"
          : "reportFile.block.notePublic",
      ),
      `${dayInWords(summary.language, item.latestNote.date)}: ${
        body.length > NOTE_MAX ? `${body.slice(0, NOTE_MAX)}…` : body
      }`,
      { italic: true },
    );
  }
  pdf.field(fields, t("reportFile.block.itemPage"), item.url, { link: item.url });
  fields.end();
  pdf.rule();
}

/**
 * Writes the PDF into `sink`: the executive summary, the charts by source and goal, then a block
 * per item.
 */
export async function writePdf(
  report: {
    summary: ReportSummary;
    executive: ExecutiveSummary;
    items: AsyncIterable<ReportItem[]>;
  },
  sink: ByteSink,
): Promise<void> {
  const { summary, executive } = report;
  const translate = translator(summary.language);
  // Each block asks for the same dozen labels: look each up once.
  const labels = new Map<MessageKey, string>();
  const t: Translate = (key, values) => {
    if (values) return translate(key, values);
    let label = labels.get(key);
    if (label === undefined) {
      label = translate(key);
      labels.set(key, label);
    }
    return label;
  };
  const pdf = new ReportPdf(
    t,
    t("reportFile.footer", {
      title: t("reportFile.title"),
      date: dayInWords(summary.language, summary.asOf),
    }),
    {
      title: `${t("reportFile.title")} – ${t("reportFile.statusAsOf", {
        date: dayInWords(summary.language, summary.asOf),
      })}`,
      language: summary.language,
      created: summary.generatedAt,
    },
  );
  const { doc } = pdf;
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => sink.write(new Uint8Array(chunk)));
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  try {
    executivePage(pdf, summary, executive, t);
    summaryPages(pdf, summary, t);
    pdf.addPage();
    const items = pdf.group(pdf.root, "Sect");
    pdf.heading(items, "H2", t("reportFile.items"), 18);
    let count = 0;
    for await (const batch of report.items) {
      for (const item of batch) itemBlock(pdf, items, item, summary, t);
      pdf.trimLayoutCache();
      count += batch.length;
      await sink.ready();
    }
    if (count === 0) {
      pdf.paragraph(items, t("reportFile.noItems"), { font: "italic", size: 10, color: MUTED });
    }
    items.end();
    pdf.root.end();
    doc.end();
  } catch (error) {
    doc.destroy();
    throw error;
  }
  await ended;
}
