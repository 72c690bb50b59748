import { data } from "react-router";

/** A form with an upload: at most one 10 MB file and its text fields, with room to spare. */
export const MAX_FORM_BYTES = 25 * 1024 * 1024;

/**
 * Reads a form body, refusing (413) one larger than `maxBytes` before it is all in memory. Within
 * the limit, an oversized file reaches the domain rules, which name the field and keep the rest
 * of the form.
 */
export async function readFormData(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  const tooLarge = () =>
    data(
      { field: "file", message: "The upload is too large: the limit is 10 MB." },
      { status: 413 },
    );
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return request.formData();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new Response(body, {
    headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
  }).formData();
}
