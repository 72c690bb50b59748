// The embeds other sites show: the card and the badge of an item, a source and a goal, in both
// languages, framable anywhere, without cookies, cached by ETag; and 404 for what is not public.
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { securityHeadersMiddleware } from "#app/utils/security.server.ts";
import { RouterContextProvider } from "react-router";
import { loader as cardLoader } from "./card.ts";
import { loader as badgeLoader } from "./badge.ts";

const ID = "gao-21-322-atf-data";

async function get(
  loader: (args: never) => Promise<Response>,
  path: string,
  key: string,
  headers: HeadersInit = {},
) {
  const request = new Request(`http://tracker.test${path}`, { headers });
  return loader({ request, params: { key }, context: new RouterContextProvider() } as never);
}

const card = (kind: string, key: string, query = "", headers?: HeadersInit) =>
  get(cardLoader, `/embed/${kind}/${encodeURIComponent(key)}${query}`, key, headers);
const badge = (kind: string, key: string, query = "") =>
  get(badgeLoader, `/embed/${kind}/${encodeURIComponent(key)}/badge.svg${query}`, key);

/**
 * Whether the text is one well-formed element: every tag closed in order, attributes quoted,
 * and no bare "&" or "<" in text (no XML parser is among the project's packages).
 */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  const body = xml.trim();
  if (!body.startsWith("<svg ") || !body.endsWith("</svg>")) return false;
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const match of body.matchAll(tag)) {
    const between = body.slice(last, match.index);
    if (/[<>]/.test(between) || /&(?!(amp|lt|gt|quot|#\d+);)/.test(between)) return false;
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0 && last === body.length;
}

function attribute(xml: string, name: string): string | undefined {
  return new RegExp(`^<svg[^>]*\\s${name}="([^"]*)"`).exec(xml.trim())?.[1];
}

function expectEmbedHeaders(response: Response) {
  expect(response.headers.get("Set-Cookie")).toBeNull();
  expect(response.headers.get("Content-Security-Policy")).toContain("frame-ancestors *");
  expect(response.headers.get("Content-Security-Policy")).not.toContain("script-src");
}

describe("the item's card", () => {
  test("shows the reference, title, status, official status, day and link back, in English", async () => {
    const item = await prisma.recommendation.update({
      where: { id: ID },
      data: {
        status: "stalled",
        statusOfficial: "open",
        lastActivityAt: new Date("2026-03-02T18:00:00Z"),
      },
    });
    const response = await card("recommendations", ID);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    expectEmbedHeaders(response);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(item.reference);
    expect(html).toContain(">Stalled</span>");
    expect(html).toContain("Official status</dt><dd>Open</dd>");
    expect(html).toContain("Mar 2, 2026");
    expect(html).toContain(`href="http://tracker.test/recommendations/${ID}"`);
    expect(html).toContain('target="_blank"');
    expect(html).toContain("Recommendation Tracker");
    expect(html).not.toMatch(/<script/i);
  });

  test("speaks Spanish with ?lang=es, and English for a language it does not have", async () => {
    await prisma.recommendation.update({ where: { id: ID }, data: { status: "implemented" } });
    const html = await (await card("recommendations", ID, "?lang=es")).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain(">Implementada</span>");
    expect(html).toContain("GAO-21-322 (ATF – datos y análisis)");
    expect(html).toContain("Seguimiento de Recomendaciones");
    expect(html).toContain(`href="http://tracker.test/recommendations/${ID}"`);
    const other = await (await card("recommendations", ID, "?lang=fr")).text();
    expect(other).toContain('<html lang="en">');
  });

  test("answers 304 to the ETag it gave, and a new ETag once the status changes", async () => {
    const first = await card("recommendations", ID);
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await card("recommendations", ID, "", { "If-None-Match": etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    await prisma.recommendation.update({ where: { id: ID }, data: { status: "not_implemented" } });
    const changed = await card("recommendations", ID, "", { "If-None-Match": etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
  });

  test("is 404 for an unknown or archived item, and for an item of an archived source", async () => {
    const unknown = await card("recommendations", "no-such-item");
    expect(unknown.status).toBe(404);
    expectEmbedHeaders(unknown);
    expect(await unknown.text()).toContain("Not found");
    await prisma.recommendation.update({ where: { id: ID }, data: { archivedAt: new Date() } });
    expect((await card("recommendations", ID)).status).toBe(404);
    expect((await badge("recommendations", ID)).status).toBe(404);
    const other = await prisma.recommendation.findFirstOrThrow({
      where: { archivedAt: null },
      select: { id: true, sourceId: true },
    });
    expect((await card("recommendations", other.id)).status).toBe(200);
    await prisma.source.update({ where: { id: other.sourceId }, data: { archivedAt: new Date() } });
    expect((await card("recommendations", other.id)).status).toBe(404);
    // The file's later tests read the same records.
    await prisma.source.update({ where: { id: other.sourceId }, data: { archivedAt: null } });
    await prisma.recommendation.update({ where: { id: ID }, data: { archivedAt: null } });
  });
});

describe("the badge", () => {
  test("is well-formed SVG naming the reference and status for screen readers, in both languages", async () => {
    await prisma.recommendation.update({ where: { id: ID }, data: { status: "in_progress" } });
    const response = await badge("recommendations", ID);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    expectEmbedHeaders(response);
    const svgText = await response.text();
    expect(wellFormed(svgText)).toBe(true);
    expect(wellFormed(svgText.replace("</title>", ""))).toBe(false);
    expect(attribute(svgText, "role")).toBe("img");
    const label = "GAO-21-322 (ATF – data/analysis): In progress";
    expect(attribute(svgText, "aria-label")).toBe(label);
    expect(svgText).toContain(`<title>${label}</title>`);
    const es = await (await badge("recommendations", ID, "?lang=es")).text();
    expect(wellFormed(es)).toBe(true);
    expect(es).toContain("En curso");
  });

  test("of a source counts its implemented items", async () => {
    const source = await prisma.source.findUniqueOrThrow({
      where: { code: "GAO-21-322" },
      include: { recommendations: { where: { archivedAt: null }, select: { id: true } } },
    });
    const [first, ...rest] = source.recommendations;
    await prisma.recommendation.update({
      where: { id: first!.id },
      data: { status: "implemented" },
    });
    await prisma.recommendation.updateMany({
      where: { id: { in: rest.map((r) => r.id) } },
      data: { status: "in_progress" },
    });
    const total = source.recommendations.length;
    const svg = await (await badge("sources", "GAO-21-322")).text();
    expect(wellFormed(svg)).toBe(true);
    expect(svg).toContain(`aria-label="GAO-21-322: 1 of ${total} implemented"`);
    const es = await (await badge("sources", "GAO-21-322", "?lang=es")).text();
    expect(es).toContain(`1 de ${total} implementadas`);
    const html = await (await card("sources", "GAO-21-322")).text();
    expect(html).toContain(`>Implemented</span> <b>1</b>`);
    expect(html).toContain(`>In progress</span> <b>${total - 1}</b>`);
    expect(html).toContain('href="http://tracker.test/recommendations?source=GAO-21-322"');
  });

  test("is a 404 image for an unknown source or goal", async () => {
    const response = await badge("sources", "NO-SUCH-SOURCE");
    expect(response.status).toBe(404);
    expect(wellFormed(await response.text())).toBe(true);
    expect((await card("goals", "99.99")).status).toBe(404);
  });
});

describe("a goal's card", () => {
  test("counts the items of the goal and of the goals below it, and links to the overview", async () => {
    const goal = await prisma.goal.findFirstOrThrow({
      where: { parentId: null, archivedAt: null, children: { some: {} } },
      select: { code: true },
    });
    const response = await card("goals", goal.code, "?lang=es");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Meta ${goal.code}`);
    expect(html).toContain(`href="http://tracker.test/?goal=${encodeURIComponent(goal.code)}"`);
    expect(html).toMatch(/\d+ elementos en total/);
  });
});

describe("with PUBLIC_READ=false", () => {
  test("every embed is a plain 404: only what anonymous readers may see is embedded", async () => {
    expect((await card("recommendations", ID)).status).toBe(200);
    process.env.PUBLIC_READ = "false";
    resetEnvCache();
    try {
      const response = await card("recommendations", ID);
      expect(response.status).toBe(404);
      expectEmbedHeaders(response);
      expect((await badge("sources", "GAO-21-322")).status).toBe(404);
    } finally {
      delete process.env.PUBLIC_READ;
      resetEnvCache();
    }
  });
});

describe("the security headers around an embed", () => {
  test("drop any cookie another middleware set on /embed/*, and keep it elsewhere", async () => {
    const run = (path: string) =>
      securityHeadersMiddleware(
        {
          request: new Request(`http://tracker.test${path}`),
          context: new RouterContextProvider(),
          params: {},
        } as unknown as Parameters<typeof securityHeadersMiddleware>[0],
        async () =>
          new Response("x", { headers: { "Set-Cookie": "__session=; Max-Age=0; Path=/" } }),
      ) as Promise<Response>;
    const embed = await run(`/embed/recommendations/${ID}`);
    expect(embed.headers.get("Set-Cookie")).toBeNull();
    const page = await run(`/recommendations/${ID}`);
    expect(page.headers.get("Set-Cookie")).not.toBeNull();
    expect(page.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
  });
});
