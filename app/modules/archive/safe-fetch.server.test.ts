import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isPublicAddress, safeFetch, type FetchOutcome } from "./safe-fetch.server.ts";

const PAGE = "<!doctype html><title>Fact sheet</title><p>The framework's fact sheet.</p>";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

let server: http.Server;
let origin: string;
let port: number;
// A second local server on another port, reached only by a redirect.
let other: http.Server;
let otherPort: number;

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://x");
  switch (url.pathname) {
    case "/page":
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PAGE);
      return;
    case "/pdf":
      res.writeHead(200, { "Content-Type": "application/pdf" }).end(PDF);
      return;
    case "/fake-pdf":
      res.writeHead(200, { "Content-Type": "application/pdf" }).end("<html>not a pdf</html>");
      return;
    case "/moved":
      res.writeHead(302, { Location: "/page" }).end();
      return;
    case "/to-other":
      res.writeHead(302, { Location: `http://127.0.0.1:${otherPort}/page` }).end();
      return;
    case "/to-metadata":
      res.writeHead(301, { Location: "http://169.254.169.254/latest/meta-data/" }).end();
      return;
    case "/loop":
      res.writeHead(302, { Location: `/loop?n=${Number(url.searchParams.get("n") ?? 0) + 1}` });
      res.end();
      return;
    case "/big-declared":
      res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "5000" });
      res.end("x".repeat(5000));
      return;
    case "/big-streamed":
      res.writeHead(200, { "Content-Type": "text/plain" });
      for (let i = 0; i < 10; i++) res.write("y".repeat(1000));
      res.end();
      return;
    case "/script":
      res.writeHead(200, { "Content-Type": "application/javascript" }).end("alert(1)");
      return;
    case "/missing":
      res.writeHead(404, { "Content-Type": "text/html" }).end("gone");
      return;
    case "/slow":
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("partial");
      // Never ends: the fetch must give up on its own.
      return;
    default:
      res.writeHead(404).end();
  }
}

function listen(s: http.Server) {
  return new Promise<number>((resolve) =>
    s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  server = http.createServer(handle);
  other = http.createServer(handle);
  port = await listen(server);
  otherPort = await listen(other);
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  other.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => other.close(resolve));
});

function allowed() {
  return { allowPrivateHosts: [`127.0.0.1:${port}`] };
}

function failure(outcome: FetchOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, fetched ${outcome.finalUrl}`);
  return outcome;
}

describe("with the local server allowed (the test-only setting)", () => {
  test("fetches a page after a redirect: hash, type, final URL, status", async () => {
    const outcome = await safeFetch(`${origin}/moved`, allowed());
    if (!outcome.ok) throw new Error(outcome.detail);
    expect(outcome.finalUrl).toBe(`${origin}/page`);
    expect(outcome.requestedUrl).toBe(`${origin}/moved`);
    expect(outcome.httpStatus).toBe(200);
    expect(outcome.contentType).toBe("text/html");
    expect(outcome.sizeBytes).toBe(Buffer.byteLength(PAGE));
    expect(outcome.sha256).toBe(createHash("sha256").update(PAGE).digest("hex"));
    expect(outcome.data.toString()).toBe(PAGE);
  });

  test("keeps a PDF confirmed by its bytes, refuses a PDF that is not one", async () => {
    const pdf = await safeFetch(`${origin}/pdf`, allowed());
    expect(pdf.ok && pdf.contentType).toBe("application/pdf");
    expect(failure(await safeFetch(`${origin}/fake-pdf`, allowed())).reason).toBe("type_not_kept");
  });

  test("refuses a type that is not kept", async () => {
    expect(failure(await safeFetch(`${origin}/script`, allowed())).reason).toBe("type_not_kept");
  });

  test("refuses what is too large, declared up front or counted while reading", async () => {
    const options = { ...allowed(), maxBytes: 4000 };
    expect(failure(await safeFetch(`${origin}/big-declared`, options)).reason).toBe("too_large");
    expect(failure(await safeFetch(`${origin}/big-streamed`, options)).reason).toBe("too_large");
  });

  test("gives up after five redirects", async () => {
    const outcome = failure(await safeFetch(`${origin}/loop`, allowed()));
    expect(outcome.reason).toBe("too_many_redirects");
  });

  test("gives up after the time limit", async () => {
    const started = Date.now();
    const outcome = failure(await safeFetch(`${origin}/slow`, { ...allowed(), timeoutMs: 300 }));
    expect(outcome.reason).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("an HTTP error is a failure naming the status", async () => {
    const outcome = failure(await safeFetch(`${origin}/missing`, allowed()));
    expect(outcome).toMatchObject({ reason: "http_error", httpStatus: 404 });
  });

  test("a redirect to another port of the same address is refused (only one host:port allowed)", async () => {
    const outcome = failure(await safeFetch(`${origin}/to-other`, allowed()));
    expect(outcome.reason).toBe("refused_address");
    expect(outcome.finalUrl).toBe(`http://127.0.0.1:${otherPort}/page`);
  });

  test("a redirect to the cloud metadata address is refused", async () => {
    expect(failure(await safeFetch(`${origin}/to-metadata`, allowed())).reason).toBe(
      "refused_address",
    );
  });

  test("only http and https", async () => {
    for (const url of ["file:///etc/passwd", "ftp://example.org/x", "not a url"]) {
      expect(failure(await safeFetch(url, allowed())).reason).toBe("bad_url");
    }
  });
});

describe("without the setting", () => {
  test.each([
    ["127.0.0.1", () => `${origin}/page`],
    ["10.0.0.1", () => "http://10.0.0.1/"],
    ["[::1]", () => `http://[::1]:${port}/page`],
    ["169.254.169.254", () => "http://169.254.169.254/latest/meta-data/"],
    ["[::ffff:127.0.0.1]", () => `http://[::ffff:127.0.0.1]:${port}/page`],
    ["[::ffff:7f00:1] (the same, in hex)", () => `http://[::ffff:7f00:1]:${port}/page`],
    ["localhost (a name resolving to 127.0.0.1)", () => `http://localhost:${port}/page`],
    ["0.0.0.0", () => `http://0.0.0.0:${port}/page`],
    ["100.64.0.1 (carrier-grade NAT)", () => "http://100.64.0.1/"],
    ["[fd00::1] (unique local)", () => "http://[fd00::1]/"],
    ["224.0.0.1 (multicast)", () => "http://224.0.0.1/"],
  ])("%s is refused", async (_name, url) => {
    const outcome = failure(await safeFetch(url(), { allowPrivateHosts: [] }));
    expect(outcome.reason).toBe("refused_address");
  });

  test("a redirect from an allowed host to 127.0.0.1 is refused", async () => {
    // The first hop is allowed by name and port; the redirect's target is not.
    const outcome = failure(await safeFetch(`${origin}/to-other`, allowed()));
    expect(outcome.reason).toBe("refused_address");
  });

  test("the default (no ARCHIVE_ALLOW_PRIVATE_HOSTS in this run) refuses the local server", async () => {
    expect(process.env.ARCHIVE_ALLOW_PRIVATE_HOSTS ?? "").toBe("");
    expect(failure(await safeFetch(`${origin}/page`)).reason).toBe("refused_address");
  });
});

test("with onlyAllowedHosts (test runs), a public address is refused before any lookup", async () => {
  const outcome = failure(
    await safeFetch("https://www.gao.gov/products/gao-21-322", {
      ...allowed(),
      onlyAllowedHosts: true,
    }),
  );
  expect(outcome.reason).toBe("refused_address");
  const local = await safeFetch(`${origin}/page`, { ...allowed(), onlyAllowedHosts: true });
  expect(local.ok).toBe(true);
});

test("address classification: only ordinary public addresses pass", () => {
  expect(isPublicAddress("93.184.215.14")).toBe(true);
  expect(isPublicAddress("2606:4700::1111")).toBe(true);
  for (const address of [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "255.255.255.255",
    "192.0.2.1",
  ]) {
    expect(isPublicAddress(address), address).toBe(false);
  }
});
