import {
  FormDataParseError,
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxHeaderSizeExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  parseFormData,
} from "@remix-run/form-data-parser";
import { hasNul, refusal } from "./http.server.ts";

// The one way an action reads its body: streamed, with a size cap, so that no request can make
// the server hold more than the cap in memory. Past the cap the answer is 413; a body that is not
// a form (JSON, XML, text, a broken multipart boundary) is a 400; both are thrown as responses the
// error boundary shows in the reader's language.

/** A form without files (login, account, admin forms, language): a few fields of text. */
export const SMALL_FORM_BYTES = 64 * 1024;

/**
 * The catalogue's forms: a recommendation's full text (20,000 characters) and notes, which a
 * urlencoded body of Spanish text can spell in up to nine bytes a character.
 */
export const CATALOGUE_FORM_BYTES = 1024 * 1024;

/** A form with an upload: at most one 10 MB file and its text fields, with room to spare. */
export const MAX_FORM_BYTES = 25 * 1024 * 1024;

/**
 * Once a body is refused, what is left of it is read and dropped (up to this much more), so that
 * the client, still sending, reads the 413 instead of seeing its connection reset. A client that
 * sends even more has its connection closed.
 */
const DRAIN_BYTES = 64 * 1024 * 1024;

export type ReadFormOptions = {
  /** The largest body accepted, in bytes. */
  maxBytes?: number;
  /** How many files the form may carry (0 where none is expected). */
  maxFiles?: number;
  /** The field a 413 names (the file input of an upload form). */
  field?: string;
};

class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

/**
 * Reads a form body (urlencoded or multipart), streamed and capped: 413 past `maxBytes` (declared
 * or counted as it arrives, chunked bodies included), 400 for anything that is not a well-formed
 * form or holds a NUL byte in a field. Within the limit, a file over its own limit reaches the
 * domain rules, which name the field and keep the rest of the form.
 */
export async function readForm(
  request: Request,
  { maxBytes = SMALL_FORM_BYTES, maxFiles = 0, field }: ReadFormOptions = {},
): Promise<FormData> {
  const tooLarge = () =>
    refusal(request, 413, {
      ...(field ? { field } : {}),
      message: "http.tooLarge",
      params: { limit: formatBytes(maxBytes) },
    });
  const malformed = () => refusal(request, 400, { message: "http.malformed" });

  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) {
    if (request.body) drain(request.body.getReader(), declared <= maxBytes + DRAIN_BYTES);
    throw await tooLarge();
  }
  const contentType = (request.headers.get("Content-Type") ?? "").toLowerCase();
  const kind = contentType.startsWith("application/x-www-form-urlencoded")
    ? "urlencoded"
    : contentType.startsWith("multipart/form-data")
      ? "multipart"
      : contentType.trim() === ""
        ? "none"
        : "other";

  if (!request.body) {
    if (kind === "other") throw await malformed();
    return new FormData();
  }
  const body = cappedBody(request.body, maxBytes);
  if (kind === "none" || kind === "other") {
    // Not a form. An empty body without a type (a bare POST, e.g. to /logout) is an empty form.
    const reader = body.stream.getReader();
    const first = await reader.read().catch(() => ({ done: false }) as const);
    await reader.cancel().catch(() => {});
    if (body.overflowed) throw await tooLarge();
    if (kind === "none" && first.done) return new FormData();
    throw await malformed();
  }

  let form: FormData;
  try {
    form = await parseFormData(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: body.stream,
        duplex: "half",
      } as RequestInit),
      {
        maxFiles,
        maxFileSize: maxBytes,
        maxTotalSize: maxBytes,
        maxHeaderSize: 8 * 1024,
        maxParts: 1000,
      },
    );
  } catch (error) {
    body.stop();
    if (body.overflowed || isLimitError(error)) throw await tooLarge();
    // A broken or missing boundary, a truncated body, bytes that are no form.
    if (
      error instanceof FormDataParseError ||
      error instanceof MultipartParseError ||
      error instanceof TypeError
    ) {
      throw await malformed();
    }
    throw error;
  }
  for (const [key, value] of form) {
    const text = typeof value === "string" ? value : value.name;
    if (hasNul(key) || hasNul(text)) {
      throw await refusal(request, 400, {
        field: key.replaceAll("\u0000", ""),
        message: "http.nulByte",
      });
    }
  }
  return form;
}

/**
 * A form with an upload (the recommendation page, the catalogue import): refuses (413) a body
 * larger than `maxBytes` before it is all in memory.
 */
export function readFormData(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  return readForm(request, { maxBytes, maxFiles: 10, field: "file" });
}

function isLimitError(error: unknown) {
  return (
    error instanceof MaxFileSizeExceededError ||
    error instanceof MaxFilesExceededError ||
    error instanceof MaxHeaderSizeExceededError ||
    error instanceof MaxPartsExceededError ||
    error instanceof MaxTotalSizeExceededError ||
    (error instanceof Error && error.cause instanceof BodyTooLargeError)
  );
}

/**
 * The request's body as a stream that errors once more than `maxBytes` have arrived. The
 * request's own stream is never cancelled by a parser that gives up (that would reset the
 * connection before the answer is sent): what is left is drained instead.
 */
function cappedBody(source: ReadableStream<Uint8Array>, maxBytes: number) {
  const reader = source.getReader();
  let total = 0;
  let finished = false;
  const state = {
    overflowed: false,
    stream: new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          controller.close();
          return;
        }
        total += value.byteLength;
        if (total > maxBytes) {
          state.overflowed = true;
          controller.error(new BodyTooLargeError());
          state.stop();
          return;
        }
        controller.enqueue(value);
      },
      cancel() {
        state.stop();
      },
    }),
    /** Reads and drops whatever is left (once). */
    stop() {
      if (finished) return;
      finished = true;
      drain(reader, true);
    },
  };
  return state;
}

/** Reads and drops the rest of a body, up to DRAIN_BYTES; past that, closes the connection. */
function drain(reader: ReadableStreamDefaultReader<Uint8Array>, worthIt: boolean) {
  void (async () => {
    let dropped = 0;
    try {
      while (worthIt) {
        const { done, value } = await reader.read();
        if (done) return;
        dropped += value.byteLength;
        if (dropped > DRAIN_BYTES) break;
      }
      await reader.cancel();
    } catch {
      // The client went away: nothing left to drain.
    }
  })();
}

function formatBytes(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / 1024 / 1024)} MB`
    : `${Math.round(bytes / 1024)} KB`;
}
