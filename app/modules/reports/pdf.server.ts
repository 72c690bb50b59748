// The PDF status report, drawn with pdfkit and streamed: each page is written out when the next
// one starts (no page buffering), its footer and number drawn as it is added. Noto Sans is
// embedded (subset) so that Spanish and every name print the same everywhere. Charts are drawn
// with pdfkit's vector API in the status palette's colours and textures, so they read in grey.
import PDFDocument from "pdfkit";
import { statusOrder } from "#app/components/status-badge.tsx";
import type { Status } from "#app/generated/prisma/enums.ts";
import { dayDate, dayIn, zoneName } from "#app/utils/dates.ts";
import { translator, type Locale, type MessageKey, type Translate } from "#app/utils/i18n.ts";
import { statusPalette, type StatusPattern } from "#app/utils/status-palette.ts";
import type { ByteSink } from "./byte-stream.server.ts";
import {
  reportFonts,
  speedUpContentStreams,
  speedUpLayout,
  type FontName,
} from "./pdf-fonts.server.ts";
import type { CountRow, ReportItem, ReportSummary } from "./report-data.server.ts";

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
      lang: info.language,
      displayTitle: true,
      info: { Title: info.title, Creator: t("app.name"), CreationDate: info.created },
    });
    for (const [name, font] of Object.entries(reportFonts())) this.doc.registerFont(name, font);
    this.doc.on("pageAdded", () => {
      speedUpContentStreams((this.doc.page as unknown as { content: unknown }).content);
      this.drawFooter();
    });
    this.doc.font("regular").fontSize(10);
    speedUpLayout((this.doc as unknown as { _font: unknown })._font);
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
    doc.restore();
    doc.page.margins.bottom = bottomMargin;
    doc.x = x;
    doc.y = y;
    this.use(this.pen.font, this.pen.size, this.pen.color, true);
  }

  addPage() {
    this.doc.addPage();
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureRoom(height: number) {
    if (this.doc.y + height > this.bottom) this.addPage();
  }

  heading(text: string, size = 16) {
    this.ensureRoom(size * 3);
    this.use("bold", size).text(text, MARGIN.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.4);
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

  /** A label in the left column and its value beside it. */
  field(label: string, value: string, options: { link?: string; italic?: boolean } = {}) {
    const { doc } = this;
    this.use("bold", 8.5, MUTED);
    const lines = this.linesOf(label);
    this.ensureRoom(12 * lines.length + 2);
    const y = doc.y;
    // Labels are drawn line by line without pdfkit's line wrapper, the costly part of text.
    lines.forEach((line, index) => {
      doc.text(line, MARGIN.left, y + 0.5 + index * 11, { lineBreak: false });
    });
    const labelBottom = y + lines.length * 11 + 1;
    const page = this.pageNumber;
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
    doc
      .moveTo(MARGIN.left, doc.y)
      .lineTo(MARGIN.left + this.width, doc.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
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

function drawLegend(pdf: ReportPdf, t: Translate) {
  const { doc } = pdf;
  pdf.use("regular", 8);
  const left = doc.page.margins.left;
  let x = left;
  pdf.ensureRoom(30);
  let y = doc.y;
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
  doc.x = left;
  doc.y = y + 18;
}

/** Stacked horizontal bars: one per row, a segment per status, lengths on one scale. */
function drawBars(pdf: ReportPdf, rows: CountRow[], t: Translate) {
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
    doc.x = left;
    doc.y = y + 26;
  }
  if (rows.length === 0) {
    pdf.use("italic", 9, MUTED).text(t("reportFile.none"), left, doc.y);
  }
  pdf.use("regular", 9);
}

function titlePage(pdf: ReportPdf, summary: ReportSummary, t: Translate) {
  const { doc } = pdf;
  const left = MARGIN.left;
  pdf.addPage();
  doc.y = 170;
  pdf.use("bold", 30).text(t("reportFile.title"), left, doc.y, { width: pdf.width });
  pdf.use("regular", 13, MUTED).text(t("reportFile.subtitle"), { width: pdf.width });
  doc.moveDown(1.5);
  pdf
    .use("bold", 18)
    .text(t("reportFile.statusAsOf", { date: dayInWords(summary.language, summary.asOf) }), {
      width: pdf.width,
    });
  doc.moveDown(0.4);
  pdf.use("regular", 11, MUTED).text(
    t("reportFile.producedOn", {
      date: momentInWords(summary.language, summary.generatedAt, summary.timeZone),
    }),
    { width: pdf.width },
  );
  doc.moveDown(1.5);
  pdf.use("bold", 11).text(t("reportFile.filters"), { width: pdf.width });
  doc.moveDown(0.2);
  if (summary.filterDescriptions.length === 0) {
    pdf.use("regular", 11).text(t("reportFile.noFilters"), { width: pdf.width });
  }
  for (const filter of summary.filterDescriptions) {
    pdf.use("regular", 11).text(`${filter.label}: ${filter.value}`, { width: pdf.width });
  }
  doc.moveDown(1);
  pdf
    .use("regular", 11)
    .text(t("reportFile.itemCount", { count: summary.total }), { width: pdf.width });
  doc.moveDown(0.3);
  pdf.use("regular", 11).text(
    t("reportFile.period", {
      from: dayInWords(summary.language, summary.from),
      to: dayInWords(summary.language, summary.asOf),
    }),
    { width: pdf.width },
  );
  if (!summary.current) {
    doc.moveDown(0.3);
    pdf.use("regular", 11).text(
      t("reportFile.recordedAfter", {
        date: dayInWords(summary.language, summary.asOf),
        count: summary.recordedAfterAsOf,
      }),
      { width: pdf.width },
    );
  }
  doc.moveDown(1.5);
  pdf
    .use("italic", 10, MUTED)
    .text(
      t(summary.audience === "staff" ? "reportFile.audienceStaff" : "reportFile.audiencePublic"),
      {
        width: pdf.width,
      },
    );
}

function summaryPages(pdf: ReportPdf, summary: ReportSummary, t: Translate) {
  const { doc } = pdf;
  const left = MARGIN.left;
  pdf.addPage();
  pdf.heading(t("reportFile.summary"), 18);
  pdf.heading(t("reportFile.byStatus"), 12);
  // The table: status (with its swatch), count, share.
  for (const entry of [...summary.byStatus, null]) {
    pdf.ensureRoom(16);
    const y = doc.y;
    if (entry) {
      swatch(doc, entry.code, left, y + 1.5, 12, 9);
      pdf.use("regular", 10).text(entry.label, left + 18, y, { lineBreak: false });
    } else {
      pdf.use("bold", 10).text(t("reportFile.total"), left + 18, y, { lineBreak: false });
    }
    const count = String(entry ? entry.count : summary.total);
    pdf.use(entry ? "regular" : "bold", 10);
    doc.text(count, left + 220 - doc.widthOfString(count), y, { lineBreak: false });
    if (entry && summary.total > 0) {
      const share = new Intl.NumberFormat(intlLocale(summary.language), {
        style: "percent",
      }).format(entry.count / summary.total);
      pdf.use("regular", 10, MUTED).text(share, left + 280 - doc.widthOfString(share), y, {
        lineBreak: false,
      });
    }
    doc.x = left;
    doc.y = y + 16;
  }
  doc.moveDown(1);
  pdf
    .use("italic", 8.5, MUTED)
    .text(t("reportFile.chartDescription"), left, doc.y, { width: pdf.width });
  doc.moveDown(0.6);
  drawLegend(pdf, t);
  pdf.heading(t("reportFile.bySource"), 12);
  drawBars(pdf, summary.bySource, t);
  doc.moveDown(0.8);
  pdf.heading(t("reportFile.byGoal"), 12);
  drawBars(
    pdf,
    summary.byGoal.map((row) => ({ ...row, code: t("reportFile.goalLabel", { code: row.code }) })),
    t,
  );
}

function itemBlock(pdf: ReportPdf, item: ReportItem, summary: ReportSummary, t: Translate) {
  const { doc } = pdf;
  const left = MARGIN.left;
  // Keep a block on one page where it fits: about 15 points a field, plus its headings.
  const fields = 7 + (item.actors.length > 0 ? 1 : 0) + (item.latestNote ? 1 : 0);
  pdf.ensureRoom(Math.min(50 + 15 * fields, 300));
  pdf.use("bold", 9, MUTED).text(item.localizedReference, left, doc.y, { width: pdf.width });
  pdf.use("bold", 11).text(item.localizedTitle, left, doc.y, { width: pdf.width });
  doc.moveDown(0.3);
  pdf.field(t("reportFile.block.source"), `${item.source.code} – ${item.source.title}`);
  if (item.actors.length > 0) {
    pdf.field(
      t("reportFile.block.actors"),
      item.actors
        .map((actor) => (actor.abbreviation ? `${actor.name} (${actor.abbreviation})` : actor.name))
        .join("; "),
    );
  }
  pdf.field(t("reportFile.block.status"), item.status.label);
  pdf.field(
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
      t("reportFile.block.evidence"),
      t("reportFile.block.evidenceText", {
        title: evidence.title,
        date: dayInWords(summary.language, evidence.date),
      }),
      { link: evidence.url },
    );
    if (evidence.archivedAt && evidence.archiveSha256) {
      pdf.field(
        t("archive.report.pdfLabel"),
        t("archive.report.pdfLine", {
          date: dayInWords(summary.language, dayIn(evidence.archivedAt, summary.timeZone)),
          hash: evidence.archiveSha256.slice(0, 16),
        }),
      );
    }
  } else {
    pdf.field(t("reportFile.block.evidence"), t("reportFile.block.noEvidence"));
  }
  pdf.field(
    t("reportFile.block.lastVerified"),
    item.lastVerifiedAt
      ? dayInWords(summary.language, dayIn(item.lastVerifiedAt, summary.timeZone))
      : t("reportFile.block.neverVerified"),
  );
  if (item.latestNote) {
    const body = item.latestNote.body.trim();
    pdf.field(
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
  pdf.field(t("reportFile.block.itemPage"), item.url, { link: item.url });
  pdf.rule();
}

/** Writes the PDF into `sink`: title page, summary and charts, then a block per item. */
export async function writePdf(
  report: { summary: ReportSummary; items: AsyncIterable<ReportItem[]> },
  sink: ByteSink,
): Promise<void> {
  const { summary } = report;
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
    titlePage(pdf, summary, t);
    summaryPages(pdf, summary, t);
    pdf.addPage();
    pdf.heading(t("reportFile.items"), 18);
    let count = 0;
    for await (const batch of report.items) {
      for (const item of batch) itemBlock(pdf, item, summary, t);
      pdf.trimLayoutCache();
      count += batch.length;
      await sink.ready();
    }
    if (count === 0) pdf.use("italic", 10, MUTED).text(t("reportFile.noItems"), MARGIN.left, doc.y);
    doc.end();
  } catch (error) {
    doc.destroy();
    throw error;
  }
  await ended;
}
