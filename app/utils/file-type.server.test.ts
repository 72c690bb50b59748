import { describe, expect, test } from "vitest";
import { officeContentTypes, sampleFiles, zip } from "#tests/tracking-factories.ts";
import { detectFileType, fileExtension } from "./file-type.server.ts";

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
  ])("%s is accepted as %s", async (name, data, mimeType, extension) => {
    expect(await detectFileType(name, data)).toMatchObject({ mimeType, extension });
  });

  test("a name that says another type than the content is refused", async () => {
    expect(await detectFileType("report.pdf", sampleFiles.png())).toBeNull();
    expect(await detectFileType("letter.xlsx", sampleFiles.docx())).toBeNull();
    expect(await detectFileType("data.csv", sampleFiles.pdf())).toBeNull();
    expect(await detectFileType("report", sampleFiles.pdf())).toBeNull();
  });

  test("CSV needs a .csv name, UTF-8 and no NUL bytes", async () => {
    expect(await detectFileType("data.txt", sampleFiles.csv())).toBeNull();
    expect(await detectFileType("data.csv", new Uint8Array([0x61, 0x2c, 0x00, 0x62]))).toBeNull();
    expect(await detectFileType("data.csv", new Uint8Array([0x61, 0xff, 0xfe, 0x62]))).toBeNull();
    expect(await detectFileType("data.csv", new Uint8Array())).toBeNull();
    const accented = new TextEncoder().encode("\uFEFFpaís,situación\nMéxico,sí\n");
    expect((await detectFileType("datos.csv", accented))?.mimeType).toBe("text/csv");
  });

  test("other content is refused, whatever its name", async () => {
    expect(await detectFileType("page.pdf", new TextEncoder().encode("<html>%PDF-"))).toBeNull();
    expect(await detectFileType("a.gif", new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(await detectFileType("a.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0]))).toBeNull();
  });

  test("a ZIP that is not an Office document is refused, and so is a macro-enabled workbook", async () => {
    const plainZip = zip({ "readme.txt": "hello" });
    expect(await detectFileType("archive.docx", plainZip)).toBeNull();
    const noContentTypes = zip({ "word/document.xml": "<w:document/>" });
    expect(await detectFileType("letter.docx", noContentTypes)).toBeNull();
    const macros = zip({
      "[Content_Types].xml": officeContentTypes("xlsm"),
      "xl/workbook.xml": "<workbook/>",
      "xl/vbaProject.bin": "macros",
    });
    expect(await detectFileType("book.xlsx", macros)).toBeNull();
  });

  test("a DOCX without a central directory is read from its local headers", async () => {
    const truncated = zip(
      { "[Content_Types].xml": officeContentTypes("docx"), "word/document.xml": "<w:document/>" },
      { noCentralDirectory: true },
    );
    expect((await detectFileType("letter.docx", truncated))?.extension).toBe("docx");
  });

  test("entries written with data descriptors are read", async () => {
    const streamed = zip(
      { "[Content_Types].xml": officeContentTypes("xlsx"), "xl/workbook.xml": "<workbook/>" },
      { dataDescriptor: true },
    );
    expect((await detectFileType("book.xlsx", streamed))?.extension).toBe("xlsx");
  });

  test("a corrupt ZIP is refused without throwing", async () => {
    const data = sampleFiles.docx();
    const cut = data.slice(0, 40);
    await expect(detectFileType("letter.docx", cut)).resolves.toBeNull();
    const garbage = new Uint8Array(200).fill(0xff);
    garbage.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await detectFileType("letter.docx", garbage)).toBeNull();
  });

  test("fileExtension", async () => {
    expect(fileExtension("a/b/Report.Final.PDF")).toBe("pdf");
    expect(fileExtension(".pdf")).toBe("");
    expect(fileExtension("noext")).toBe("");
  });
});
