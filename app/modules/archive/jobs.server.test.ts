// The archive's jobs against a real pg-boss in this file's own database, fetching from a local
// server (allowed by the fetch option, as ARCHIVE_ALLOW_PRIVATE_HOSTS does for the e2e server).
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { addEvidence } from "#app/modules/tracking/evidence.server.ts";
import { changeStatus } from "#app/modules/tracking/status-change.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { createSource } from "#app/modules/catalogue/sources.server.ts";
import { archiveViewForSource, archiveViewsForEvidence, ensureAllLinks } from "./archive.server.ts";
import { enqueueArchive, startJobRunner, type JobRunner } from "./jobs.server.ts";

const pages = new Map<string, { status: number; body: string }>();
let server: http.Server;
let origin: string;
let port: number;
const runners: JobRunner[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const page = pages.get(req.url ?? "");
    if (!page) return res.writeHead(404, { "Content-Type": "text/html" }).end("missing");
    res.writeHead(page.status, { "Content-Type": "text/html; charset=utf-8" }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});

afterEach(async () => {
  while (runners.length > 0) await runners.pop()!.stop();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function start(options: { work?: boolean } = {}) {
  const runner = await startJobRunner({
    connectionString: process.env.DATABASE_URL!,
    pollingIntervalSeconds: 0.5,
    retryDelaySeconds: 1,
    work: options.work,
    fetchOptions: {
      allowPrivateHosts: [`127.0.0.1:${port}`],
      onlyAllowedHosts: true,
      timeoutMs: 3000,
    },
  });
  runners.push(runner);
  return runner;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function linkEvidence(path: string) {
  const user = await createUser({ role: "editor" });
  const item = await prisma.recommendation.findFirstOrThrow({
    where: { archivedAt: null },
    select: { id: true },
  });
  const evidence = await addEvidence(user.id, {
    recommendationId: item.id,
    kind: "link",
    url: `${origin}${path}`,
    title: `Fact sheet ${path}`,
  });
  const link = await prisma.archivedLink.findUniqueOrThrow({
    where: { evidenceId: evidence.id },
    select: { id: true, health: true },
  });
  return { evidence, link, itemId: item.id };
}

const view = async (evidenceId: string) =>
  (await archiveViewsForEvidence([evidenceId])).get(evidenceId)!;

const stamp = async (itemId: string) =>
  (
    await prisma.$queryRaw<Array<{ s: string }>>`
      SELECT "cacheStamp"::text AS s FROM "Recommendation" WHERE id = ${itemId}`
  )[0]!.s;

test("saving link evidence without a runner saves it, not archived yet", async () => {
  pages.set("/saved", { status: 200, body: "<p>saved</p>" });
  const { evidence, link } = await linkEvidence("/saved");
  expect(link.health).toBe("pending");
  expect((await view(evidence.id)).copy).toBeNull();
});

test("a link added with a status change is archived once the change is saved", async () => {
  pages.set("/with-status", { status: 200, body: "<p>memorandum</p>" });
  await start();
  const editor = await createUser({ role: "editor" });
  const item = await prisma.recommendation.findFirstOrThrow({
    where: { archivedAt: null, status: { not: "in_progress" } },
    select: { id: true, version: true },
  });
  const result = await changeStatus(editor.id, {
    recommendationId: item.id,
    expectedVersion: String(item.version),
    toStatus: "in_progress",
    summary: "A memorandum was signed.",
    occurredOn: "2026-03-02",
    newEvidence: [{ kind: "link", url: `${origin}/with-status`, title: "Memorandum" }],
  });
  const evidenceId = result.evidenceIds[0]!;
  const archived = await until(
    () => view(evidenceId),
    (v) => v.copy !== null,
  );
  expect(archived.copy!.sha256).toBe(
    createHash("sha256").update("<p>memorandum</p>").digest("hex"),
  );
});

test("a job archives a link; a re-check finds a changed page and then a dead one, with dates", async () => {
  pages.set("/fact-sheet", { status: 200, body: "<h1>Fact sheet</h1>" });
  const { evidence, link, itemId } = await linkEvidence("/fact-sheet");
  const stampBefore = await stamp(itemId);
  await start();
  expect(await enqueueArchive(link.id)).toBe(true);
  const archived = await until(
    () => view(evidence.id),
    (v) => v.copy !== null,
  );
  expect(archived.health).toBe("ok");
  expect(archived.copy!.sha256).toBe(
    createHash("sha256").update("<h1>Fact sheet</h1>").digest("hex"),
  );
  expect(archived.copy!.contentType).toBe("text/html");
  expect(Date.now() - archived.copy!.fetchedAt.getTime()).toBeLessThan(60_000);
  // The item's page is rendered again to show the archive line.
  expect(await stamp(itemId)).not.toBe(stampBefore);
  const data = await prisma.archivedCopyData.findUniqueOrThrow({
    where: { copyId: archived.copy!.id },
  });
  expect(Buffer.from(data.data).toString()).toBe("<h1>Fact sheet</h1>");

  // Other bytes at the same address: changed since archived, the copy kept as it was.
  pages.set("/fact-sheet", { status: 200, body: "<h1>Fact sheet (moved)</h1>" });
  await enqueueArchive(link.id, "check");
  const changed = await until(
    () => view(evidence.id),
    (v) => v.health === "changed",
  );
  expect(changed.changedSince).toBeInstanceOf(Date);
  expect(changed.copy!.id).toBe(archived.copy!.id);

  // Gone: unreachable since the first failed check, and the date stays on the next one.
  pages.delete("/fact-sheet");
  await enqueueArchive(link.id, "check");
  const dead = await until(
    () => view(evidence.id),
    (v) => v.health === "unreachable",
  );
  expect(dead.lastFailureReason).toBe("http_error");
  const since = dead.unreachableSince!;
  await enqueueArchive(link.id, "check");
  const again = await until(
    () => view(evidence.id),
    (v) => v.lastCheckedAt!.getTime() > dead.lastCheckedAt!.getTime(),
  );
  expect(again.health).toBe("unreachable");
  expect(again.unreachableSince!.getTime()).toBe(since.getTime());
  expect(await prisma.archivedCopy.count({ where: { linkId: link.id } })).toBe(1);
  const events = await prisma.auditEvent.findMany({
    where: { entityType: "ArchivedLink", entityId: link.id },
    select: { action: true },
  });
  expect(events.map((e) => e.action)).toEqual(
    expect.arrayContaining(["archive.copied", "archive.health_changed"]),
  );
});

test("a site that refuses connections: not archived yet, the reason kept, the job retried", async () => {
  // A port nothing listens on: bind one, then close it.
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const user = await createUser({ role: "editor" });
  const item = await prisma.recommendation.findFirstOrThrow({ select: { id: true } });
  const evidence = await addEvidence(user.id, {
    recommendationId: item.id,
    kind: "link",
    url: `http://127.0.0.1:${deadPort}/x`,
    title: "Nobody home",
  });
  const link = await prisma.archivedLink.findUniqueOrThrow({
    where: { evidenceId: evidence.id },
  });
  const runner = await startJobRunner({
    connectionString: process.env.DATABASE_URL!,
    pollingIntervalSeconds: 0.5,
    retryDelaySeconds: 1,
    fetchOptions: {
      allowPrivateHosts: [`127.0.0.1:${deadPort}`],
      onlyAllowedHosts: true,
      timeoutMs: 2000,
    },
  });
  runners.push(runner);
  await enqueueArchive(link.id);
  const failed = await until(
    () => view(evidence.id),
    (v) => v.lastFailureReason !== null,
  );
  expect(failed.health).toBe("pending");
  expect(failed.copy).toBeNull();
  expect(failed.lastFailureReason).toBe("unreachable");
  // pg-boss keeps the job for another try, after a wait.
  const job = await until(
    async () =>
      (
        await prisma.$queryRaw<Array<{ state: string; retry_count: number }>>`
          SELECT state::text, retry_count FROM pgboss.job
          WHERE name = 'archive-link' AND singleton_key = ${link.id}
          ORDER BY created_on DESC LIMIT 1`
      )[0],
    (row) => row !== undefined && row.retry_count >= 1,
  );
  expect(["retry", "active", "created"]).toContain(job!.state);
});

test("a job sent before a restart runs on the next instance", async () => {
  pages.set("/restart", { status: 200, body: "<p>after a restart</p>" });
  const { evidence, link } = await linkEvidence("/restart");
  // An instance that only sends, stopped before anything runs the job.
  const first = await start({ work: false });
  expect(await enqueueArchive(link.id)).toBe(true);
  await first.stop();
  runners.splice(runners.indexOf(first), 1);
  expect((await view(evidence.id)).copy).toBeNull();
  await start();
  const archived = await until(
    () => view(evidence.id),
    (v) => v.copy !== null,
  );
  expect(archived.health).toBe("ok");
});

test("a source saved with a document URL is archived; the weekly check leaves nothing out", async () => {
  pages.set("/report.html", { status: 200, body: "<h1>The report</h1>" });
  await start();
  const admin = await createUser({ role: "admin" });
  const source = await createSource(admin.id, {
    code: "ARCHIVE-TEST-1",
    title: "A report to archive",
    titleEs: "",
    publisher: "Somebody",
    kind: "other",
    publishedDate: "2024-05",
    url: `${origin}/report.html`,
  });
  const archived = await until(
    () => archiveViewForSource(source.code),
    (v) => v?.copy !== null && v?.copy !== undefined,
  );
  expect(archived!.health).toBe("ok");
  // Seeded sources (real URLs) have no record until the weekly check makes one; nothing at start.
  const seeded = await prisma.source.count({ where: { url: { not: null }, archivedLink: null } });
  expect(seeded).toBeGreaterThan(0);
  await ensureAllLinks();
  expect(
    await prisma.source.count({
      where: { url: { not: null }, archivedAt: null, archivedLink: null },
    }),
  ).toBe(0);
});
