// Crashes in the middle of a stream of writes: the app server SIGKILLed, then PostgreSQL
// SIGKILLed. After each, no change is half-written, every acknowledged change is there, and the
// app serves again.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { disconnectPrisma, prisma } from "#app/utils/db.server.ts";
import { closeSqlPool } from "#app/utils/sql.server.ts";
import {
  assertStatusChangesWhole,
  type Client,
  createUsers,
  type Database,
  login,
  postForm,
  type Server,
  sleep,
  startDatabase,
  startServer,
} from "./harness.ts";

let database: Database;
let server: Server | undefined;
let editors: Awaited<ReturnType<typeof createUsers>>;

beforeAll(async () => {
  database = await startDatabase("crash");
  server = await startServer(database.url);
  editors = await createUsers(database.url, "editor", 4);
});

afterAll(async () => {
  await server?.stop();
  await disconnectPrisma();
  await closeSqlPool();
  await database?.stop();
});

async function itemsToWrite(count: number, skip: number) {
  const items = await prisma.recommendation.findMany({
    orderBy: { id: "asc" },
    skip,
    take: count,
    select: { id: true, version: true },
  });
  return new Map(items.map((item) => [item.id, item.version]));
}

/**
 * One writer per item, each changing its item's status again and again until `stop()` or until
 * the server stops answering. Returns the summaries the server acknowledged (302).
 */
function writeStream(clients: Client[], items: Map<string, number>) {
  let stopped = false;
  const acknowledged = new Set<string>();
  const statuses: Record<number, number> = {};
  const writers = [...items.keys()].map(async (id, index) => {
    const client = clients[index % clients.length]!;
    let version = items.get(id)!;
    for (let i = 0; !stopped; i++) {
      const summary = `Crash test ${id} #${i}`;
      const status = await postForm(client, id, {
        intent: "status",
        expectedVersion: String(version),
        toStatus: i % 2 === 0 ? "stalled" : "in_progress",
        summary,
        occurredOn: "2024-06-01",
      }).catch(() => 0);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 302) {
        acknowledged.add(summary);
        version++;
      } else {
        // The server is gone or the database is away: stop this writer.
        return;
      }
    }
  });
  let ended = 0;
  for (const writer of writers) void writer.finally(() => ended++);
  return {
    acknowledged,
    statuses,
    /** Waits until `count` changes were acknowledged; fails at once if every writer stopped. */
    flowing: async (count: number) => {
      while (acknowledged.size < count) {
        if (ended === writers.length) {
          throw new Error(`The writers stopped early, answered: ${JSON.stringify(statuses)}`);
        }
        await sleep(20);
      }
    },
    stop: async () => {
      stopped = true;
      await Promise.all(writers);
    },
    finished: () => Promise.all(writers),
  };
}

async function waitUntilServing(base: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${base}/recommendations`)
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return;
    if (Date.now() > deadline)
      throw new Error(`The app did not serve again (last answer ${status})`);
    await sleep(200);
  }
}

describe("crash safety", () => {
  test("the app server SIGKILLed mid-stream: every change whole, none acknowledged lost", async () => {
    const clients = await Promise.all(
      editors.map((editor, index) =>
        login(server!.base, editor.email, undefined, `198.51.100.${60 + index}`),
      ),
    );
    const items = await itemsToWrite(4, 0);
    const since = new Date(Date.now() - 1000);
    const stream = writeStream(clients, items);
    // Kill it once writes are flowing.
    await stream.flowing(20);
    await server!.kill();
    await stream.finished();

    server = await startServer(database.url);
    const written = await assertStatusChangesWhole(items, since);
    for (const summary of stream.acknowledged) expect(written).toContain(summary);
    expect(written.size).toBeGreaterThanOrEqual(stream.acknowledged.size);

    // It serves, and takes changes, as before.
    const client = await login(server.base, editors[0]!.email, undefined, "198.51.100.70");
    const [id] = items.keys();
    const { version } = await prisma.recommendation.findUniqueOrThrow({ where: { id: id! } });
    expect(
      await postForm(client, id!, {
        intent: "status",
        expectedVersion: String(version),
        toStatus: "implemented",
        summary: "After the restart",
        occurredOn: "2024-06-02",
        linkUrl: "https://example.org/after-restart",
        linkTitle: "Proof",
      }),
    ).toBe(302);
  });

  test("PostgreSQL SIGKILLed mid-stream: the app reconnects when it is back, and nothing is half-written", async () => {
    const clients = await Promise.all(
      editors.map((editor, index) =>
        login(server!.base, editor.email, undefined, `198.51.100.${80 + index}`),
      ),
    );
    const items = await itemsToWrite(4, 10);
    const since = new Date(Date.now() - 1000);
    const stream = writeStream(clients, items);
    await stream.flowing(20);
    await disconnectPrisma();
    await closeSqlPool();
    await database.kill();
    await stream.finished();

    // While the database is away, pages fail without taking the server down.
    const during = await fetch(`${server!.base}/recommendations`);
    expect(during.status).toBeGreaterThanOrEqual(500);
    expect(await during.text()).not.toContain("ECONNREFUSED");
    expect(server!.child.exitCode).toBeNull();

    await database.restart();
    await waitUntilServing(server!.base);
    const written = await assertStatusChangesWhole(items, since);
    for (const summary of stream.acknowledged) expect(written).toContain(summary);

    const client = await login(server!.base, editors[1]!.email, undefined, "198.51.100.90");
    const [id] = items.keys();
    const { version } = await prisma.recommendation.findUniqueOrThrow({ where: { id: id! } });
    expect(
      await postForm(client, id!, {
        intent: "status",
        expectedVersion: String(version),
        toStatus: "not_implemented",
        summary: "After the database came back",
        occurredOn: "2024-06-02",
      }),
    ).toBe(302);
    // An acknowledged session survived too.
    const account = await fetch(`${server!.base}/account`, {
      headers: { Cookie: clients[0]!.cookie },
      redirect: "manual",
    });
    expect(account.status).toBe(200);
  });

  test("the app's own embedded PostgreSQL SIGKILLed: the app starts it again and serves", async () => {
    const dataDir = path.join("data", `system-embedded-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const own = await startServer({ dataDir });
    try {
      const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
      const first = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
      process.kill(first, "SIGKILL");
      await waitUntilServing(own.base);
      expect(own.child.exitCode).toBeNull();
      const second = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
      expect(second).not.toBe(first);
      expect(own.output()).toContain("PostgreSQL is running again.");
    } finally {
      await own.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
