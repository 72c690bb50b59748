// Many editors at once on the same few items, through the built server's real form actions:
// status changes, tracking details, evidence added and archived, notes added and edited. Every
// accepted change must appear exactly once in the timeline and in the audit log, every refused
// one must have been told of the conflict (409) and left nothing, versions only ever increase,
// and no request fails.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { restoreBackup, writeBackup } from "#app/modules/db/backup.server.ts";
import { getTimeline } from "#app/modules/tracking/timeline.server.ts";
import { disconnectPrisma, prisma } from "#app/utils/db.server.ts";
import { closeSqlPool } from "#app/utils/sql.server.ts";
import {
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

const SESSIONS = 50;
const ROUNDS = 6;
const STATUSES = ["not_started", "in_progress", "stalled", "not_implemented"] as const;

let database: Database;
let server: Server;
let clients: Array<Client & { userId: string }>;
/** Where the backup taken mid-stream is written; removed at the end. */
let scratch: string | undefined;

beforeAll(async () => {
  database = await startDatabase("concurrency");
  server = await startServer(database.url);
  const editors = await createUsers(database.url, "editor", SESSIONS);
  clients = await Promise.all(
    editors.map(async (editor, index) => ({
      ...(await login(server.base, editor.email, undefined, `198.18.0.${index + 1}`)),
      userId: editor.id,
    })),
  );
});

afterAll(async () => {
  await server?.stop();
  await disconnectPrisma();
  await closeSqlPool();
  await database?.stop();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

type Kind = "status" | "tracking" | "evidence-add" | "evidence-archive" | "note-add" | "note-edit";
type Attempt = { kind: Kind; item: string; tag: string; status: number; target?: string };

/** One editor's turn: reads what the page would show (possibly stale by the time it posts), posts. */
async function turn(client: Client & { userId: string }, item: string, kind: Kind, tag: string) {
  const row = await prisma.recommendation.findUniqueOrThrow({
    where: { id: item },
    select: { version: true, status: true },
  });
  const attempt = (fields: Record<string, string>, target?: string): Promise<Attempt> =>
    postForm(client, item, fields).then((status) => ({ kind, item, tag, status, target }));
  switch (kind) {
    case "status": {
      const others = STATUSES.filter((status) => status !== row.status);
      return attempt({
        intent: "status",
        expectedVersion: String(row.version),
        toStatus: others[tag.length % others.length]!,
        summary: tag,
        occurredOn: "2024-07-01",
      });
    }
    case "tracking":
      return attempt({
        intent: "tracking",
        expectedVersion: String(row.version),
        priority: "high",
        statusNote: tag,
      });
    case "evidence-add":
      return attempt({
        intent: "evidence-add",
        kind: "link",
        url: `https://example.org/${tag}`,
        title: tag,
      });
    case "evidence-archive": {
      const evidence = await prisma.evidence.findFirst({
        where: { recommendationId: item, archivedAt: null, title: { startsWith: "c-" } },
        orderBy: { createdAt: "desc" },
        select: { id: true, version: true },
      });
      if (!evidence) return turn(client, item, "evidence-add", tag);
      return attempt(
        {
          intent: "evidence-archive",
          evidenceId: evidence.id,
          expectedVersion: String(evidence.version),
        },
        evidence.id,
      );
    }
    case "note-add":
      return attempt({ intent: "note-add", body: tag, visibility: "internal" });
    case "note-edit": {
      const note = await prisma.note.findFirst({
        where: { recommendationId: item, authorId: client.userId, deletedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true, version: true },
      });
      if (!note) return turn(client, item, "note-add", tag);
      return attempt(
        {
          intent: "note-edit",
          noteId: note.id,
          expectedVersion: String(note.version),
          body: tag,
          visibility: "internal",
        },
        note.id,
      );
    }
  }
}

describe("concurrent editors", () => {
  test(`${SESSIONS} sessions, ${ROUNDS} changes each, on three items: nothing lost, nothing doubled`, async () => {
    const items = (
      await prisma.recommendation.findMany({
        orderBy: { id: "asc" },
        skip: 20,
        take: 3,
        select: { id: true },
      })
    ).map((item) => item.id);
    const startVersions = new Map(
      (
        await prisma.recommendation.findMany({
          where: { id: { in: items } },
          select: { id: true, version: true },
        })
      ).map((item) => [item.id, item.version]),
    );
    const since = new Date(Date.now() - 1000);
    const kinds: Kind[] = [
      "status",
      "tracking",
      "status",
      "evidence-add",
      "note-add",
      "evidence-archive",
      "note-edit",
      "tracking",
    ];

    // A backup taken while the editors save: it must be one consistent moment.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "concurrency-"));
    const backupFile = path.join(scratch, "backup");
    const backup = (async () => {
      while (!(await prisma.auditEvent.count({ where: { at: { gte: since } } }))) await sleep(20);
      await sleep(300);
      return writeBackup(database.url, backupFile);
    })();

    const attempts = (
      await Promise.all(
        clients.map(async (client, session) => {
          const mine: Attempt[] = [];
          for (let round = 0; round < ROUNDS; round++) {
            const item = items[(session + round) % items.length]!;
            const kind = kinds[(session * 7 + round * 3) % kinds.length]!;
            mine.push(await turn(client, item, kind, `c-${session}-${round}-${kind}`));
          }
          return mine;
        }),
      )
    ).flat();

    // Every answer is an acceptance (302) or a conflict (409): no error, no validation failure.
    expect(attempts.filter((attempt) => ![302, 409].includes(attempt.status))).toEqual([]);
    const count = (status: number) =>
      attempts.filter((attempt) => attempt.status === status).length;
    // The race is real: some saves were refused, most were taken.
    expect(count(409)).toBeGreaterThan(0);
    expect(count(302)).toBeGreaterThan(attempts.length / 3);

    const audit = await prisma.auditEvent.findMany({
      where: { at: { gte: since } },
      orderBy: { id: "asc" },
      select: { action: true, entityId: true, after: true },
    });
    const auditWith = (action: string, field: string, value: string) =>
      audit.filter(
        (event) =>
          event.action === action &&
          (event.after as Record<string, unknown> | null)?.[field] === value,
      ).length;
    const timelines = new Map(
      await Promise.all(
        items.map(
          async (id) => [id, (await getTimeline(id, { includeInternal: true })).entries] as const,
        ),
      ),
    );

    for (const attempt of attempts) {
      const accepted = attempt.status === 302 ? 1 : 0;
      const timeline = timelines.get(attempt.item)!;
      const context = `${attempt.tag} answered ${attempt.status}`;
      switch (attempt.kind) {
        case "status":
          expect(
            timeline.filter(
              (entry) => entry.type === "status_change" && entry.summary === attempt.tag,
            ).length,
            context,
          ).toBe(accepted);
          expect(auditWith("recommendation.status_changed", "summary", attempt.tag), context).toBe(
            accepted,
          );
          break;
        case "tracking":
          expect(
            auditWith("recommendation.tracking_updated", "statusNote", attempt.tag),
            context,
          ).toBe(accepted);
          break;
        case "evidence-add": {
          expect(accepted, context).toBe(1);
          const entries = timeline.filter(
            (entry) => entry.type === "evidence" && entry.title === attempt.tag,
          );
          const stored = await prisma.evidence.findMany({ where: { title: attempt.tag } });
          expect(stored, context).toHaveLength(1);
          // Archived evidence leaves the timeline; what is there is there once.
          expect(entries.length, context).toBe(stored[0]!.archivedAt ? 0 : 1);
          expect(
            audit.filter(
              (event) => event.action === "evidence.added" && event.entityId === stored[0]!.id,
            ).length,
            context,
          ).toBe(1);
          break;
        }
        case "evidence-archive":
          // Several may have tried to archive one piece of evidence: one succeeded.
          break;
        case "note-add": {
          expect(accepted, context).toBe(1);
          const stored = await prisma.note.findMany({
            where: { OR: [{ body: attempt.tag }, { revisions: { some: { body: attempt.tag } } }] },
          });
          expect(stored, context).toHaveLength(1);
          expect(
            audit.filter(
              (event) => event.action === "note.created" && event.entityId === stored[0]!.id,
            ).length,
            context,
          ).toBe(1);
          break;
        }
        case "note-edit":
          expect(auditWith("note.edited", "body", attempt.tag), context).toBe(accepted);
          break;
      }
    }

    // Each piece of evidence was archived at most once, by one of those who tried.
    const archiveTargets = new Set(
      attempts.filter((attempt) => attempt.kind === "evidence-archive").map((a) => a.target!),
    );
    for (const target of archiveTargets) {
      const accepted = attempts.filter(
        (attempt) => attempt.target === target && attempt.status === 302,
      ).length;
      const events = audit.filter(
        (event) => event.action === "evidence.archived" && event.entityId === target,
      ).length;
      expect(events).toBe(accepted);
      expect(events).toBeLessThanOrEqual(1);
    }

    // Versions only increase, one step per accepted change of the item, and end where they say.
    for (const id of items) {
      const versions = audit
        .filter(
          (event) =>
            event.entityId === id &&
            ["recommendation.status_changed", "recommendation.tracking_updated"].includes(
              event.action,
            ),
        )
        .map((event) => (event.after as { version: number }).version);
      expect(versions).toEqual(versions.map((_, index) => startVersions.get(id)! + index + 1));
      const { version } = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
      expect(version).toBe(startVersions.get(id)! + versions.length);
    }
    // The backup taken mid-stream, restored: every status change with its audit event, every
    // item's version matching its audit trail, as at one moment.
    const taken = await backup;
    // Taken while changes were still being saved.
    expect(taken.tables.find((table) => table.table === "AuditEvent")!.rows).toBeLessThan(
      await prisma.auditEvent.count(),
    );
    const restoredUrl = new URL(database.url);
    restoredUrl.pathname = "/restored";
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("CREATE DATABASE restored");
    await admin.end();
    await restoreBackup(restoredUrl.toString(), backupFile);
    const restored = new pg.Client({ connectionString: restoredUrl.toString() });
    await restored.connect();
    try {
      const { rows: orphans } = await restored.query(
        `SELECT s.id FROM "StatusChange" s
          WHERE (SELECT count(*) FROM "AuditEvent" a
                  WHERE a.action = 'recommendation.status_changed'
                    AND a.after->>'statusChangeId' = s.id) <> 1`,
      );
      expect(orphans).toEqual([]);
      for (const id of items) {
        const { rows } = await restored.query<{ version: number }>(
          `SELECT (after->>'version')::int AS version FROM "AuditEvent"
            WHERE "entityId" = $1 AND at >= $2
              AND action IN ('recommendation.status_changed', 'recommendation.tracking_updated')
            ORDER BY id`,
          [id, since],
        );
        const {
          rows: [item],
        } = await restored.query<{ version: number }>(
          `SELECT version FROM "Recommendation" WHERE id = $1`,
          [id],
        );
        expect(rows.map((row) => row.version)).toEqual(
          rows.map((_, index) => startVersions.get(id)! + index + 1),
        );
        expect(item!.version).toBe(startVersions.get(id)! + rows.length);
      }
    } finally {
      await restored.end();
    }

    // Nothing went wrong on the server's side.
    expect(server.output()).not.toMatch(/Error while handling/);
  });
});
