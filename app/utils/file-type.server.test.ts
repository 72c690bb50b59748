import { describe, expect, test } from "vitest";
import { sampleFiles, zip } from "#tests/tracking-factories.ts";
import { detectFileType, fileExtension, sniffFileKind, zipEntryNames } from "./file-type.server.ts";

const contentTypes = "<Types/>";

describe("detectFileType", () => {
  test.each([
    ["report.pdf", sampleFiles.pdf(), "application/pdf", "pdf"],
    ["chart.PNG", sampleFiles.png(), "image/png", "png"],
    ["photo.jpeg", sampleFiles.jpeg(), "image/jpeg", "jpg"],
    ["photo.jpg", sampleFiles.jpeg(), "image/jpeg", "jpg"],
    [
      "letter.docx",
      sampleFiles.docx(),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "docx",
    ],
    [
      "table.xlsx",
      sampleFiles.xlsx(),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "xlsx",
    ],
    ["data.csv", sampleFiles.csv(), "text/csv", "csv"],
  ])("%s is accepted as %s", (name, data, mimeType, extension) => {
    expect(detectFileType(name, data)).toMatchObject({ mimeType, extension });
  });

  test("a name that says another type than the content is refused", () => {
    expect(detectFileType("report.pdf", sampleFiles.png())).toBeNull();
    expect(detectFileType("letter.xlsx", sampleFiles.docx())).toBeNull();
    expect(detectFileType("data.csv", sampleFiles.pdf())).toBeNull();
    expect(detectFileType("report", sampleFiles.pdf())).toBeNull();
  });

  test("CSV needs a .csv name, UTF-8 and no NUL bytes", () => {
    expect(detectFileType("data.txt", sampleFiles.csv())).toBeNull();
    expect(detectFileType("data.csv", new Uint8Array([0x61, 0x2c, 0x00, 0x62]))).toBeNull();
    expect(detectFileType("data.csv", new Uint8Array([0x61, 0xff, 0xfe, 0x62]))).toBeNull();
    expect(detectFileType("data.csv", new Uint8Array())).toBeNull();
    const accented = new TextEncoder().encode("\uFEFFpaís,situación\nMéxico,sí\n");
    expect(detectFileType("datos.csv", accented)?.mimeType).toBe("text/csv");
  });

  test("other content is refused, whatever its name", () => {
    expect(detectFileType("page.pdf", new TextEncoder().encode("<html>%PDF-"))).toBeNull();
    expect(detectFileType("a.gif", new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(detectFileType("a.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0]))).toBeNull();
  });

  test("a ZIP that is not an Office document is refused", () => {
    const plainZip = zip({ "readme.txt": "hello" });
    expect(detectFileType("archive.docx", plainZip)).toBeNull();
    const noContentTypes = zip({ "word/document.xml": "<w:document/>" });
    expect(detectFileType("letter.docx", noContentTypes)).toBeNull();
    const both = zip({ "[Content_Types].xml": contentTypes, "word/a.xml": "", "xl/b.xml": "" });
    expect(sniffFileKind(both)).toBeNull();
  });

  test("a DOCX without a central directory is read from its local headers", () => {
    const truncated = zip(
      { "[Content_Types].xml": contentTypes, "word/document.xml": "<w:document/>" },
      { noCentralDirectory: true },
    );
    expect(detectFileType("letter.docx", truncated)?.extension).toBe("docx");
  });

  test("entries written with data descriptors are listed from the central directory", () => {
    const streamed = zip(
      { "[Content_Types].xml": contentTypes, "xl/workbook.xml": "<workbook/>" },
      { dataDescriptor: true },
    );
    expect(zipEntryNames(streamed)).toEqual(["[Content_Types].xml", "xl/workbook.xml"]);
    expect(detectFileType("book.xlsx", streamed)?.extension).toBe("xlsx");
  });

  test("a corrupt ZIP is refused without throwing", () => {
    const data = sampleFiles.docx();
    const cut = data.slice(0, 40);
    expect(() => detectFileType("letter.docx", cut)).not.toThrow();
    const garbage = new Uint8Array(200).fill(0xff);
    garbage.set([0x50, 0x4b, 0x03, 0x04]);
    expect(detectFileType("letter.docx", garbage)).toBeNull();
  });

  test("fileExtension", () => {
    expect(fileExtension("a/b/Report.Final.PDF")).toBe("pdf");
    expect(fileExtension(".pdf")).toBe("");
    expect(fileExtension("noext")).toBe("");
  });
});
