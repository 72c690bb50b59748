// Serving an archived copy (/archive/:copyId) and asking for one again
// (/archive/links/:linkId/again): archived HTML never runs in the tracker's origin.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, expect, test } from "vitest";
import { userContext } from "#app/modules/auth/auth.server.ts";
import { addEvidence } from "#app/modules/tracking/evidence.server.ts";
import { action as againAction } from "#app/routes/archive/again.ts";
import { loader as copyLoader } from "#app/routes/archive/copy.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { runArchive } from "./archive.server.ts";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
let server: http.Server;
let origin: string;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/png") return res.writeHead(200, { "Content-Type": "image/png" }).end(PNG);
    res
      .writeHead(200, { "Content-Type": "text/html" })
      .end("<script>document.cookie</script><p>page</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

type Who = { id: string; role: "viewer" | "editor" | "admin" } | null;

function contextFor(user: Who) {
  const context = new RouterContextProvider();
  context.set(userContext, user as never);
  return context;
}

async function settle(run: () => Promise<unknown>): Promise<Response> {
  try {
    return (await run()) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const value = thrown as { init?: { status?: number } };
    return new Response(null, { status: value.init?.status ?? 500 });
  }
}

const getCopy = (copyId: string, user: Who = null) =>
  settle(() =>
    copyLoader({
      request: new Request(`http://tracker.test/archive/${copyId}`),
      context: contextFor(user),
      params: { copyId },
    } as unknown as Parameters<typeof copyLoader>[0]),
  );

async function archived(path: string) {
  const editor = await createUser({ role: "editor" });
  const item = await prisma.recommendation.findFirstOrThrow({ select: { id: true } });
  const evidence = await addEvidence(editor.id, {
    recommendationId: item.id,
    kind: "link",
    url: `${origin}${path}`,
    title: "Archived",
  });
  const link = await prisma.archivedLink.findUniqueOrThrow({ where: { evidenceId: evidence.id } });
  const result = await runArchive(link.id, "archive", {
    allowPrivateHosts: [`127.0.0.1:${port}`],
    onlyAllowedHosts: true,
  });
  if (result.kind !== "copied") throw new Error(JSON.stringify(result));
  return { copyId: result.copyId, evidence, editor, link, itemId: item.id };
}

test("archived HTML is served sandboxed, as an attachment, to anonymous readers", async () => {
  const { copyId } = await archived("/page");
  const response = await getCopy(copyId);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Security-Policy")).toMatch(/(^|;\s*)sandbox(;|$)/);
  expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="archived-/);
  expect(response.headers.get("Content-Type")).toBe("text/html");
  expect(await response.text()).toContain("<script>");
});

test("an image is shown inline, still sandboxed", async () => {
  const { copyId } = await archived("/png");
  const response = await getCopy(copyId);
  expect(response.headers.get("Content-Type")).toBe("image/png");
  expect(response.headers.get("Content-Disposition")).toMatch(/^inline/);
  expect(response.headers.get("Content-Security-Policy")).toContain("sandbox");
  expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
});

test("a missing copy, or one of archived evidence, is a 404", async () => {
  expect((await getCopy("no-such-copy")).status).toBe(404);
  const { copyId, evidence } = await archived("/page");
  await prisma.evidence.update({ where: { id: evidence.id }, data: { archivedAt: new Date() } });
  expect((await getCopy(copyId)).status).toBe(404);
});

test("archive again: staff only, audited, back to the page", async () => {
  const { link, itemId } = await archived("/page");
  const post = (user: Who, linkId = link.id) =>
    settle(() =>
      againAction({
        request: new Request(`http://tracker.test/archive/links/${linkId}/again`, {
          method: "POST",
          body: new URLSearchParams({ returnTo: `/recommendations/${itemId}` }),
        }),
        context: contextFor(user),
        params: { linkId },
      } as unknown as Parameters<typeof againAction>[0]),
    );
  const viewer = await createUser({ role: "viewer" });
  expect((await post(viewer)).status).toBe(403);
  const editor = await createUser({ role: "editor" });
  const done = await post(editor);
  expect(done.status).toBe(302);
  expect(done.headers.get("Location")).toBe(`/recommendations/${itemId}`);
  expect((await post(editor, "no-such-link")).status).toBe(404);
  const events = await prisma.auditEvent.findMany({
    where: { action: "archive.requested", entityId: link.id },
  });
  expect(events).toHaveLength(1);
  expect(events[0]!.actorId).toBe(editor.id);
});
