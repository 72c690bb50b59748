// What an uploaded file is, judged by its bytes (never by the browser's Content-Type), and whether
// its name says the same. Evidence accepts PDF, PNG, JPEG, DOCX, XLSX and CSV only.

export type FileKind = "pdf" | "png" | "jpeg" | "docx" | "xlsx" | "csv";

export type DetectedFileType = { kind: FileKind; mimeType: string; extension: string };

export const FILE_TYPES: Record<FileKind, { mimeType: string; extensions: string[] }> = {
  pdf: { mimeType: "application/pdf", extensions: ["pdf"] },
  png: { mimeType: "image/png", extensions: ["png"] },
  jpeg: { mimeType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  docx: {
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
  },
  xlsx: {
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
  },
  csv: { mimeType: "text/csv", extensions: ["csv"] },
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const MAX_ZIP_ENTRIES = 20_000;

function startsWith(data: Uint8Array, signature: number[]) {
  return data.length >= signature.length && signature.every((byte, i) => data[i] === byte);
}

/** The lower-cased extension of a file name ("report.PDF" → "pdf"), or "" when it has none. */
export function fileExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

/** The names of a ZIP archive's entries, from its central directory or else its local headers. */
export function zipEntryNames(data: Uint8Array): string[] | null {
  if (data.length < 30) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(0, true) !== ZIP_LOCAL_HEADER) return null;
  return centralDirectoryNames(data, view) ?? localHeaderNames(data, view);
}

const decoder = new TextDecoder("utf-8");

function centralDirectoryNames(data: Uint8Array, view: DataView): string[] | null {
  // The end-of-central-directory record is the last 22 bytes plus a comment of up to 65535.
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  let end = -1;
  for (let at = data.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === ZIP_END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const offset = view.getUint32(end + 16, true);
  if (count > MAX_ZIP_ENTRIES || offset >= data.length) return null;
  const names: string[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || view.getUint32(at, true) !== ZIP_CENTRAL_HEADER) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > data.length) return null;
    names.push(decoder.decode(data.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function localHeaderNames(data: Uint8Array, view: DataView): string[] | null {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= data.length && names.length < MAX_ZIP_ENTRIES) {
    if (view.getUint32(at, true) !== ZIP_LOCAL_HEADER) break;
    const flags = view.getUint16(at + 6, true);
    const compressedSize = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    if (at + 30 + nameLength > data.length) break;
    names.push(decoder.decode(data.subarray(at + 30, at + 30 + nameLength)));
    // With a trailing data descriptor the size is not in the header: the walk cannot go on.
    if (flags & 0x08 && compressedSize === 0) break;
    at += 30 + nameLength + extraLength + compressedSize;
  }
  return names.length > 0 ? names : null;
}

function officeKind(data: Uint8Array): "docx" | "xlsx" | null {
  const names = zipEntryNames(data);
  if (!names || !names.includes("[Content_Types].xml")) return null;
  const word = names.some((name) => name.startsWith("word/"));
  const excel = names.some((name) => name.startsWith("xl/"));
  if (word === excel) return null;
  return word ? "docx" : "xlsx";
}

function isUtf8Text(data: Uint8Array) {
  if (data.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/** The kind of file its bytes say it is; CSV only when the name says so too (text has no magic). */
export function sniffFileKind(data: Uint8Array, fileName = ""): FileKind | null {
  if (startsWith(data, PDF_SIGNATURE)) return "pdf";
  if (startsWith(data, PNG_SIGNATURE)) return "png";
  if (startsWith(data, JPEG_SIGNATURE)) return "jpeg";
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return officeKind(data);
  if (fileExtension(fileName) === "csv" && data.length > 0 && isUtf8Text(data)) return "csv";
  return null;
}

/**
 * The canonical MIME type and extension of an accepted upload, or null when the content is not
 * an accepted type or the file's name says another type (a .pdf name on PNG bytes).
 */
export function detectFileType(fileName: string, data: Uint8Array): DetectedFileType | null {
  const kind = sniffFileKind(data, fileName);
  if (!kind) return null;
  const type = FILE_TYPES[kind];
  if (!type.extensions.includes(fileExtension(fileName))) return null;
  return { kind, mimeType: type.mimeType, extension: type.extensions[0]! };
}
