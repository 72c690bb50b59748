// What an uploaded file is, judged by its bytes (never by the browser's Content-Type), and whether
// its name says the same. Evidence accepts PDF, PNG, JPEG, DOCX, XLSX and CSV only.
import { fileTypeFromBuffer } from "file-type";

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

/** The lower-cased extension of a file name ("report.PDF" → "pdf"), or "" when it has none. */
export function fileExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
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

const KIND_BY_MIME = new Map<string, FileKind>(
  (Object.entries(FILE_TYPES) as Array<[FileKind, { mimeType: string }]>).map(([kind, type]) => [
    type.mimeType,
    kind,
  ]),
);

/**
 * The kind of file its bytes say it is, read by `file-type` (signatures, and an Office file's
 * declared main part: a macro-enabled workbook is not an XLSX); CSV, which has no signature, only
 * when the name says so and the bytes are UTF-8 text.
 */
export async function sniffFileKind(data: Uint8Array, fileName = ""): Promise<FileKind | null> {
  let detected: { mime: string } | undefined;
  try {
    detected = await fileTypeFromBuffer(data);
  } catch {
    return null;
  }
  if (detected) return KIND_BY_MIME.get(detected.mime) ?? null;
  if (fileExtension(fileName) === "csv" && data.length > 0 && isUtf8Text(data)) return "csv";
  return null;
}

/**
 * The canonical MIME type and extension of an accepted upload, or null when the content is not
 * an accepted type or the file's name says another type (a .pdf name on PNG bytes).
 */
export async function detectFileType(
  fileName: string,
  data: Uint8Array,
): Promise<DetectedFileType | null> {
  const kind = await sniffFileKind(data, fileName);
  if (!kind) return null;
  const type = FILE_TYPES[kind];
  if (!type.extensions.includes(fileExtension(fileName))) return null;
  return { kind, mimeType: type.mimeType, extension: type.extensions[0]! };
}

/**
 * A file name safe to store and to offer for download: its last path part, NFC, without control
 * characters or characters Windows refuses, at most 150 characters (its extension kept), else
 * `fallback`.
 */
export function cleanFileName(name: string, fallback: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").normalize("NFC");
  let clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/["*:<>?|;\\]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  if (clean.length > 150) {
    const dot = clean.lastIndexOf(".");
    const suffix = dot > 0 ? clean.slice(dot) : "";
    clean = clean.slice(0, 150 - suffix.length) + suffix;
  }
  return clean || fallback;
}
