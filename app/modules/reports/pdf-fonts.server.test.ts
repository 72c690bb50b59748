import PDFDocument from "pdfkit";
import { describe, expect, test } from "vitest";
import { reportFonts, speedUpLayout } from "./pdf-fonts.server.ts";

type Font = {
  layout(text: string): { glyphs: Array<{ id: number }>; advanceWidth: number };
};
const fontOf = (doc: PDFKit.PDFDocument) => (doc as unknown as { _font: Font })._font;

const text = "Recomendación ¿cuándo? Año 2026 – “niño” fi ffl ATF; ICE. Ñandú, pingüino.";

describe("report fonts", () => {
  test("the layout tables are hidden, and every character still has its glyph", () => {
    const doc = new PDFDocument();
    doc.registerFont("regular", reportFonts().regular);
    doc.font("regular");
    const run = fontOf(doc).layout(text);
    // One glyph per character: no ligatures ("fi" stays two glyphs), none missing (id 0).
    expect(run.glyphs).toHaveLength([...text].length);
    expect(run.glyphs.every((glyph) => glyph.id !== 0)).toBe(true);
  });

  test("the faster line layout gives the same glyphs and widths as pdfkit's own", () => {
    const plain = new PDFDocument();
    plain.registerFont("regular", reportFonts().regular);
    plain.font("regular");
    const expected = fontOf(plain).layout(`${text} ${text}`);

    const fast = new PDFDocument();
    fast.registerFont("regular", reportFonts().regular);
    fast.font("regular");
    speedUpLayout(fontOf(fast));
    const actual = fontOf(fast).layout(`${text} ${text}`);
    expect(actual.glyphs.map((glyph) => glyph.id)).toEqual(expected.glyphs.map((g) => g.id));
    expect(actual.advanceWidth).toBeCloseTo(expected.advanceWidth, 6);
  });
});
