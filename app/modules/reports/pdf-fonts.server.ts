// The report's fonts, prepared once for speed. Measured on the full catalogue, pdfkit spent most
// of a report's time laying text out: fontkit applying the fonts' OpenType layout tables
// (ligatures, kerning: invisible in a status report) to every word, and pdfkit joining each
// line's glyphs with `concat`, word by word. So the fonts are loaded with those tables hidden
// (their tags renamed in the in-memory copy; the glyphs, their widths and the Unicode map are
// untouched, and the embedded subsets carry no layout tables anyway), and pdfkit's line layout
// collects glyphs without copying them again for every word. See
// docs/decisions/0007-speed-at-ten-thousand-items.md.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";

const require = createRequire(import.meta.url);
const fontDirectory = path.dirname(require.resolve("@expo-google-fonts/noto-sans/package.json"));

const files = {
  regular: path.join("400Regular", "NotoSans_400Regular.ttf"),
  bold: path.join("700Bold", "NotoSans_700Bold.ttf"),
  italic: path.join("400Regular_Italic", "NotoSans_400Regular_Italic.ttf"),
};
export type FontName = keyof typeof files;

const layoutTables = new Set(["GSUB", "GPOS", "GDEF", "kern", "morx"]);

/** A TrueType file with its layout tables' directory entries renamed, so fontkit skips them. */
export function withoutLayoutTables(font: Buffer): Buffer {
  const copy = Buffer.from(font);
  const tables = copy.readUInt16BE(4);
  for (let index = 0; index < tables; index++) {
    const offset = 12 + index * 16;
    const tag = copy.toString("latin1", offset, offset + 4);
    // An unknown tag of the same length: "GSUB" → "xSUB".
    if (layoutTables.has(tag)) copy.write(`x${tag.slice(1)}`, offset, "latin1");
  }
  return copy;
}

let loaded: Record<FontName, Buffer> | undefined;

/** The three faces, ready for `doc.registerFont`. */
export function reportFonts(): Record<FontName, Buffer> {
  loaded ??= {
    regular: withoutLayoutTables(fs.readFileSync(path.join(fontDirectory, files.regular))),
    bold: withoutLayoutTables(fs.readFileSync(path.join(fontDirectory, files.bold))),
    italic: withoutLayoutTables(fs.readFileSync(path.join(fontDirectory, files.italic))),
  };
  return loaded;
}

type Run = { glyphs: unknown[]; positions: unknown[]; advanceWidth: number };
type EmbeddedFont = {
  layout(text: string, features?: unknown, onlyWidth?: boolean): Run;
  layoutRun(text: string, features?: unknown): Run;
  layoutCached(text: string): Run;
  lastLayout?: { text: string; run: Run };
};

const patched = new WeakSet<object>();

/**
 * Replaces pdfkit's word-by-word `concat` in its embedded fonts' line layout with a push into
 * one array: the same glyphs and widths, in linear time. Done once for pdfkit's font class, and
 * only where it has the shape this code expects (else pdfkit's own stays).
 */
export function speedUpLayout(font: unknown) {
  const proto = Object.getPrototypeOf(font) as Partial<EmbeddedFont> | null;
  if (!proto || patched.has(proto)) return;
  patched.add(proto);
  if (typeof proto.layoutCached !== "function" || typeof proto.layoutRun !== "function") return;
  proto.layout = function layout(this: EmbeddedFont, text, features) {
    if (features) return this.layoutRun(text, features);
    // A value is measured, then drawn: the same text laid out two or three times in a row.
    if (this.lastLayout?.text === text) return this.lastLayout.run;
    const glyphs: unknown[] = [];
    const positions: unknown[] = [];
    let advanceWidth = 0;
    let last = 0;
    for (let index = 0; index <= text.length; index++) {
      const char = text.charAt(index);
      if ((index === text.length && last < index) || char === " " || char === "\t") {
        const run = this.layoutCached(text.slice(last, index + 1));
        for (const glyph of run.glyphs) glyphs.push(glyph);
        for (const position of run.positions) positions.push(position);
        advanceWidth += run.advanceWidth;
        last = index + 1;
      }
    }
    const run = { glyphs, positions, advanceWidth };
    this.lastLayout = { text, run };
    return run;
  };
}

type Reference = {
  write(chunk: Uint8Array | string): void;
  finalize(): void;
  pendingText?: string[];
  buffer: Uint8Array[];
  compress: boolean;
  data: { Filter?: string };
};

const patchedReferences = new WeakSet<object>();
const DEFLATE_LEVEL = 3;

/**
 * pdfkit turns every operator it writes into a page's content stream (a position, a font, a run
 * of glyphs…) into a Uint8Array of its own, byte by byte in JavaScript, and joins them all when
 * the page ends: millions of small arrays for a long report, and much of its time spent in the
 * garbage collector. Here the operators are gathered as strings and turned into bytes once per
 * run of text, natively. The bytes are the same (pdfkit keeps each character's low byte, as
 * "latin1" does), and bytes written between strings keep their place. Each stream is then
 * compressed at a lower zlib level than pdfkit's.
 */
export function speedUpContentStreams(reference: unknown) {
  const proto = Object.getPrototypeOf(reference) as Partial<Reference> | null;
  if (!proto || patchedReferences.has(proto)) return;
  patchedReferences.add(proto);
  const { write, finalize } = proto;
  if (typeof write !== "function" || typeof finalize !== "function") return;
  const flush = (self: Reference) => {
    const pending = self.pendingText;
    if (!pending || pending.length === 0) return;
    self.pendingText = [];
    write.call(self, Buffer.from(pending.join(""), "latin1"));
  };
  proto.write = function (this: Reference, chunk) {
    if (typeof chunk === "string") {
      (this.pendingText ??= []).push(`${chunk}\n`);
      return;
    }
    flush(this);
    write.call(this, chunk);
  };
  proto.finalize = function (this: Reference) {
    flush(this);
    // Compressed here at level 3 rather than by pdfkit at zlib's default 6: measured on 10,000
    // items, the report is made about 6 % faster for a file about 8 % larger.
    if (this.compress && this.buffer.length > 0) {
      this.buffer = [zlib.deflateSync(Buffer.concat(this.buffer), { level: DEFLATE_LEVEL })];
      this.compress = false;
      this.data.Filter = "FlateDecode";
    }
    finalize.call(this);
  };
}

type DocumentWriter = {
  _write(data: Uint8Array | string): void;
  _offset: number;
  push(chunk: Uint8Array | null): boolean;
};

/** Pending text is handed on as bytes once it reaches this many characters. */
const WRITE_BATCH = 64 * 1024;

/**
 * pdfkit writes each object of the file in three pieces (its number, its dictionary, "endobj"),
 * each turned into bytes character by character in JavaScript and pushed down the stream on its
 * own. A tagged report has an object per structure element, a few hundred thousand for the whole
 * catalogue: the pieces are gathered here as text and handed on as one chunk of bytes, converted
 * natively, every WRITE_BATCH characters, before any bytes pdfkit writes itself, and before the
 * stream ends. The bytes and the offsets pdfkit records for its cross-reference table are the
 * same (a character's low byte, as "latin1" writes it; one byte per character).
 */
export function batchDocumentWrites(document: unknown) {
  const doc = document as DocumentWriter;
  const push = doc.push.bind(doc);
  let pending: string[] = [];
  let length = 0;
  const flush = () => {
    if (length === 0) return;
    const text = pending.join("");
    pending = [];
    length = 0;
    push(Buffer.from(text, "latin1"));
  };
  doc._write = function (data) {
    if (typeof data === "string") {
      pending.push(data, "\n");
      length += data.length + 1;
      this._offset += data.length + 1;
      if (length >= WRITE_BATCH) flush();
      return;
    }
    flush();
    push(data);
    this._offset += data.length;
  };
  doc.push = (chunk) => {
    flush();
    return push(chunk);
  };
  return { flush };
}
