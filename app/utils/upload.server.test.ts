import { describe, expect, test } from "vitest";
import { MAX_FORM_BYTES, readForm, readFormData } from "./upload.server.ts";

/** A POST whose body arrives in `chunks` (no Content-Length: as a chunked upload does). */
function streamed(chunks: Uint8Array[], contentType: string, onPull?: () => void) {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
  });
  return new Request("http://localhost/login", {
    method: "POST",
    headers: { "Content-Type": contentType },
    body,
    duplex: "half",
  } as RequestInit);
}

function post(body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request("http://localhost/login", { method: "POST", headers, body });
}

/** The status and data of the response `promise` throws. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (thrown) {
    const { init, data } = thrown as { init: { status: number }; data: Record<string, unknown> };
    return { status: init.status, ...data };
  }
  throw new Error("not refused");
}

describe("readForm", () => {
  test("reads urlencoded and multipart forms, repeated fields included", async () => {
    const urlencoded = await readForm(
      post("a=1&a=2&b=%C3%A9", { "Content-Type": "application/x-www-form-urlencoded" }),
    );
    expect(urlencoded.getAll("a")).toEqual(["1", "2"]);
    expect(urlencoded.get("b")).toBe("é");
    const form = new FormData();
    form.append("lang", "es");
    form.append("redirectTo", "/changes");
    const multipart = await readForm(post(form));
    expect(Object.fromEntries(multipart)).toEqual({ lang: "es", redirectTo: "/changes" });
  });

  test("an empty body without a type is an empty form (a bare POST to /logout)", async () => {
    expect([...(await readForm(post(null)))]).toEqual([]);
    const empty = new Request("http://localhost/logout", {
      method: "POST",
      body: new ReadableStream({ pull: (controller) => controller.close() }),
      duplex: "half",
    } as RequestInit);
    expect([...(await readForm(empty))]).toEqual([]);
  });

  test("413 when the declared length is past the cap, before reading anything", async () => {
    let pulled = 0;
    const request = streamed([new Uint8Array(10)], "application/x-www-form-urlencoded", () => {
      pulled += 1;
    });
    request.headers.set("Content-Length", String(64 * 1024 + 1));
    expect(await refusal(readForm(request))).toMatchObject({
      status: 413,
      message: "http.tooLarge",
      params: { limit: "64 KB" },
    });
    // Only the drain (which drops what it reads) may touch the body afterwards.
    expect(pulled).toBeLessThanOrEqual(2);
  });

  test.each([
    ["application/x-www-form-urlencoded", "a="],
    ["multipart/form-data; boundary=X", '--X\r\nContent-Disposition: form-data; name="a"\r\n\r\n'],
  ])("413 for an endless chunked %s body once it passes the cap", async (type, head) => {
    const chunk = new Uint8Array(16 * 1024).fill(97);
    let sent = 0;
    const endless = new Request("http://localhost/login", {
      method: "POST",
      headers: { "Content-Type": type },
      body: new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(sent++ === 0 ? new TextEncoder().encode(head) : chunk);
        },
      }),
      duplex: "half",
    } as RequestInit);
    const result = await refusal(readForm(endless));
    expect(result).toMatchObject({ status: 413, message: "http.tooLarge" });
  });

  test("the upload cap: 25 MB, with files", async () => {
    const form = new FormData();
    form.append("title", "Report");
    form.append(
      "file",
      new File([new Uint8Array(1024)], "report.pdf", { type: "application/pdf" }),
    );
    const read = await readFormData(post(form));
    expect((read.get("file") as File).size).toBe(1024);
    expect(MAX_FORM_BYTES).toBe(25 * 1024 * 1024);
    // Past the cap, the 413 names the file field.
    const big = new FormData();
    big.append("file", new File([new Uint8Array(2 * 1024 * 1024)], "big.pdf"));
    expect(await refusal(readFormData(post(big), 1024 * 1024))).toMatchObject({
      status: 413,
      field: "file",
      params: { limit: "1 MB" },
    });
    // The same form where no file is expected is refused.
    expect(await refusal(readForm(post(form)))).toMatchObject({ status: 413 });
  });

  test.each([
    ["JSON", { "Content-Type": "application/json" }, '{"email":"a@b.c"}'],
    ["text/plain", { "Content-Type": "text/plain" }, "email=a@b.c"],
    ["XML", { "Content-Type": "application/xml" }, "<email>a</email>"],
    ["no Content-Type", {}, "email=a@b.c"],
    ["multipart without a boundary", { "Content-Type": "multipart/form-data" }, "x"],
    [
      "multipart with another boundary",
      { "Content-Type": "multipart/form-data; boundary=A" },
      '--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--B--\r\n',
    ],
    [
      "truncated multipart",
      { "Content-Type": "multipart/form-data; boundary=A" },
      '--A\r\nContent-Disposition: form-data; name="a"\r\n\r\nx',
    ],
  ])("400 for a body that is not a form: %s", async (_name, headers, body) => {
    expect(await refusal(readForm(post(body, headers)))).toMatchObject({
      status: 400,
      message: "http.malformed",
    });
  });

  test("400 naming the field that holds a NUL byte, urlencoded or multipart", async () => {
    expect(
      await refusal(
        readForm(
          post("email=a%00b&password=x", { "Content-Type": "application/x-www-form-urlencoded" }),
        ),
      ),
    ).toMatchObject({ status: 400, field: "email", message: "http.nulByte" });
    const form = new FormData();
    form.append("body", "note\u0000");
    expect(await refusal(readForm(post(form)))).toMatchObject({ status: 400, field: "body" });
  });

  test("refusals carry the reader's language", async () => {
    const request = post("{}", { "Content-Type": "application/json", "Accept-Language": "es" });
    expect(await refusal(readForm(request))).toMatchObject({ locale: "es" });
  });
});
