// The Atom feed of changes: what it selects (the list's filters, one item), its language, its
// conditional answers and its refusals, through the route's own loader on the real database.
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { RouterContextProvider } from "react-router";
import type { Status } from "#app/generated/prisma/enums.ts";
import { prisma } from "#app/utils/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { rejection } from "#tests/rejection.ts";
import { createUser } from "#tests/factories.ts";
import { loader } from "./feed.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const ORIGIN = "http://tracker.test";

async function get(query: string, headers: Record<string, string> = {}): Promise<Response> {
  return (await loader({
    request: new Request(`${ORIGIN}/changes.atom${query}`, { headers }),
    params: {},
    context: new RouterContextProvider(),
  } as unknown as Parameters<typeof loader>[0])) as Response;
}

/** The entries' titles and links of a feed, read as the reader's XML parser would. */
function entries(xml: string): Array<{ title: string; link: string }> {
  return [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, body = ""]) => ({
    title: /<title type="html"><!\[CDATA\[([\s\S]*?)\]\]><\/title>/.exec(body)?.[1] ?? "",
    link: /<link href="([^"]*)"/.exec(body)?.[1] ?? "",
  }));
}

async function source(code: string) {
  return prisma.source.create({
    data: {
      code,
      title: `Source ${code}`,
      titleEs: `Fuente ${code}`,
      publisher: "GAO",
      kind: "gao_report",
      publishedDate: "2020-01-01",
    },
  });
}

async function item(sourceId: string, id: string, status: Status) {
  return prisma.recommendation.create({
    data: {
      id,
      sourceId,
      reference: `feeditem ${id}`,
      title: `Item ${id}`,
      titleEs: `Recomendación ${id}`,
      text: "Text",
      country: "US",
      status,
      verificationLevel: "official_text",
      sourceUrl: "https://example.org/",
    },
  });
}

let userId: string;

async function change(id: string, fromStatus: Status, toStatus: Status, occurredOn: string) {
  await prisma.statusChange.create({
    data: {
      recommendationId: id,
      fromStatus,
      toStatus,
      summary: `Checked ${id} <by phone> & mail`,
      occurredOn: day(occurredOn),
      createdById: userId,
    },
  });
}

beforeAll(async () => {
  const recorder = await createUser({ name: "Hidden Recorder", role: "editor" });
  userId = recorder.id;
  const one = await source("FEED-1");
  const two = await source("FEED-2");
  await item(one.id, "feed-a", "implemented");
  await change("feed-a", "in_progress", "implemented", "2024-04-10");
  await item(one.id, "feed-b", "in_progress");
  await change("feed-b", "not_started", "in_progress", "2024-05-02");
  await item(two.id, "feed-c", "stalled");
  await change("feed-c", "in_progress", "stalled", "2024-06-30");
});

afterEach(() => {
  delete process.env.PUBLIC_READ;
  resetEnvCache();
});

describe("/changes.atom", () => {
  test("a source's feed holds its items' changes only, each linking to its item", async () => {
    const response = await get("?source=FEED-1&lang=en");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    const links = entries(xml).map((entry) => entry.link);
    expect(links.sort()).toEqual([
      `${ORIGIN}/recommendations/feed-a`,
      `${ORIGIN}/recommendations/feed-b`,
    ]);
    expect(entries(xml).map((entry) => entry.title)).toContain(
      "feeditem feed-a: In progress → Implemented",
    );
    // The summary is text: its markup is escaped, never passed on as HTML.
    expect(xml).toContain("Checked feed-a &lt;by phone&gt; &amp; mail");
    // The recorder did not choose to be shown: the public read their role.
    expect(xml).not.toContain("Hidden Recorder");
    expect(xml).toContain("<name>Editor</name>");
    expect(response.headers.get("Last-Modified")).toBeTruthy();
  });

  test("an item's feed holds that item alone, and nothing when it is of another source", async () => {
    const own = entries(await (await get("?item=feed-c")).text());
    expect(own.map((entry) => entry.link)).toEqual([`${ORIGIN}/recommendations/feed-c`]);
    const other = await get("?item=feed-c&source=FEED-1");
    expect(other.status).toBe(200);
    expect(entries(await other.text())).toEqual([]);
  });

  test("an unknown item's feed is a 404 in the reader's language", async () => {
    const response = await get("?item=no-such-item&lang=es");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("No existe esa recomendación");
  });

  test("is in the language of lang=, before the cookie and the browser's", async () => {
    const xml = await (
      await get("?item=feed-a&lang=es", { "Accept-Language": "en", Cookie: "lang=en" })
    ).text();
    expect(entries(xml)[0]?.title).toBe("feeditem feed-a: En curso → Implementada");
    const english = await (await get("?item=feed-a", { "Accept-Language": "en" })).text();
    expect(entries(english)[0]?.title).toBe("feeditem feed-a: In progress → Implemented");
  });

  test("answers 304 to its ETag and to its Last-Modified, and a new change moves both", async () => {
    const first = await get("?source=FEED-2");
    const etag = first.headers.get("ETag") ?? "";
    const lastModified = first.headers.get("Last-Modified") ?? "";
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get("?source=FEED-2", { "If-None-Match": etag })).status).toBe(304);
    expect((await get("?source=FEED-2", { "If-Modified-Since": lastModified })).status).toBe(304);
    // Another language is another document.
    expect((await get("?source=FEED-2&lang=es", { "If-None-Match": etag })).status).toBe(200);
    await change("feed-c", "stalled", "in_progress", "2024-07-01");
    const after = await get("?source=FEED-2", { "If-None-Match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(etag);
  });

  test("a bad parameter is a 400 naming it, in the reader's language; unknown ones are dropped", async () => {
    const bad = await get("?status=finished&lang=es");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await bad.text()).toContain("«status»");
    const badLang = await get("?lang=fr", { "Accept-Language": "en" });
    expect(badLang.status).toBe(400);
    expect(await badLang.text()).toContain("“lang”");
    const tooLong = await get(`?source=${"x".repeat(200)}`);
    expect(tooLong.status).toBe(400);
    expect((await get("?source=FEED-1&whatever=1")).status).toBe(200);
  });

  test("carries official-status changes, and each entry has an id, a title, a time and a link", async () => {
    await item((await source("FEED-3")).id, "feed-d", "not_started");
    await prisma.officialStatusChange.create({
      data: {
        recommendationId: "feed-d",
        fromStatus: null,
        toStatus: "open",
        asOf: day("2024-02-01"),
        createdById: userId,
      },
    });
    const xml = await (await get("?source=FEED-3&lang=en")).text();
    expect(entries(xml).map((entry) => entry.title)).toEqual([
      "feeditem feed-d: None published → Open",
    ]);
    const entry = /<entry>([\s\S]*?)<\/entry>/.exec(xml)?.[1] ?? "";
    expect(entry).toMatch(/<id>http:\/\/tracker\.test\/recommendations\/feed-d#official-\w+<\/id>/);
    expect(entry).toMatch(/<updated>\d{4}-\d\d-\d\dT[\d:.]+Z<\/updated>/);
    expect(entry).toContain("as of February 1, 2024");
  });

  test("with PUBLIC_READ=false an anonymous reader is sent to log in", async () => {
    process.env.PUBLIC_READ = "false";
    resetEnvCache();
    const thrown = await rejection(get("?source=FEED-1"));
    expect((thrown as Response).status).toBe(302);
  });
});
