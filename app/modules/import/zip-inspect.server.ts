// Looks inside an XLSX (a zip) before exceljs opens it: exceljs inflates every part into memory,
// so a small file whose parts inflate to gigabytes (a zip bomb) would take the server down.
// The central directory's sizes are checked first, then every part is inflated once, counted,
// and held to its declared size (yauzl's validateEntrySizes), so a lying directory is caught too.
import yauzl from "yauzl";
import { ImportFileError } from "./types.ts";

export const ZIP_LIMITS = {
  /** All parts together, inflated. A 5 MB workbook of 5,000 rows inflates to well under this. */
  maxTotalBytes: 50 * 1024 * 1024,
  /** A workbook has a few dozen parts; thousands mean something else. */
  maxEntries: 1000,
  /** Inflated ÷ compressed, for a part large enough to matter (spreadsheet XML stays near 10–20). */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export type ZipContents = { names: string[] };

function bomb(details: Record<string, string | number>): never {
  throw new ImportFileError("zipBomb", details);
}

/** Refuses a zip bomb or a workbook with macros; gives the names of the zip's parts. */
export async function inspectXlsxZip(bytes: Uint8Array): Promise<ZipContents> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch {
    throw new ImportFileError("notSpreadsheet", { reason: "zip" });
  }
  try {
    if (zip.entryCount > ZIP_LIMITS.maxEntries) {
      bomb({ entries: zip.entryCount, limit: ZIP_LIMITS.maxEntries });
    }
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    try {
      for await (const entry of zip.eachEntry()) entries.push(entry);
    } catch {
      throw new ImportFileError("notSpreadsheet", { reason: "zip" });
    }
    for (const entry of entries) {
      declared += entry.uncompressedSize;
      if (declared > ZIP_LIMITS.maxTotalBytes) {
        bomb({ bytes: declared, limit: ZIP_LIMITS.maxTotalBytes });
      }
      if (
        entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes &&
        entry.uncompressedSize > ZIP_LIMITS.maxRatio * Math.max(entry.compressedSize, 1)
      ) {
        bomb({
          part: entry.fileName,
          ratio: Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1)),
        });
      }
    }
    const names = entries.map((entry) => entry.fileName);
    if (names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) {
      throw new ImportFileError("macros");
    }
    if (entries.some((entry) => entry.isEncrypted())) {
      throw new ImportFileError("notSpreadsheet", { reason: "encrypted" });
    }

    // Inflate every part once, counting, so that sizes the directory lies about are caught.
    let inflated = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      const stream = await zip.openReadStreamPromise(entry).catch(() => {
        throw new ImportFileError("notSpreadsheet", { reason: "zip" });
      });
      try {
        for await (const chunk of stream) {
          inflated += (chunk as Buffer).length;
          if (inflated > ZIP_LIMITS.maxTotalBytes) {
            stream.destroy();
            bomb({ bytes: inflated, limit: ZIP_LIMITS.maxTotalBytes });
          }
        }
      } catch (error) {
        if (error instanceof ImportFileError) throw error;
        // More (or less) than the declared size, or a corrupt deflate stream.
        const message = error instanceof Error ? error.message : "";
        if (/too many bytes|expected/i.test(message)) bomb({ part: entry.fileName });
        throw new ImportFileError("notSpreadsheet", { reason: "zip" });
      }
    }
    return { names };
  } finally {
    zip.close();
  }
}
