// Migration 0011 on a catalogue that already has duplicate references (made before the index
// existed): the database still starts, the later duplicates are renamed the same way on every
// copy of the data, and each rename is in the audit trail.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { migrate, migrationsDirectory } from "./migrate.server.ts";

const maintenanceUrl = inject("maintenanceUrl");
const database = `tracker_test_refs_${process.pid}`;
const url = (() => {
  const parsed = new URL(maintenanceUrl);
  parsed.pathname = `/${database}`;
  return parsed.toString();
})();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
const UNIQUE_REFERENCE = "0011_unique_reference";

function copyMigrations(filter: (name: string) => boolean) {
  const source = migrationsDirectory();
  for (const name of fs.readdirSync(source).filter((name) => /^\d{4}_/.test(name))) {
    if (!filter(name)) continue;
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.copyFileSync(
      path.join(source, name, "migration.sql"),
      path.join(dir, name, "migration.sql"),
    );
  }
}

async function withClient<T>(connection: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: connection });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await withClient(maintenanceUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`),
  );
});

afterAll(async () => {
  await withClient(maintenanceUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`),
  );
  fs.rmSync(dir, { recursive: true, force: true });
});

test("duplicates are renamed in creation order to the first free suffix, audited, and the index then refuses new ones", async () => {
  copyMigrations((name) => name < UNIQUE_REFERENCE);
  await migrate(url, dir);
  await withClient(url, async (client) => {
    await client.query(
      `INSERT INTO "Source" (id, code, title, publisher, kind, "updatedAt") VALUES
         ('s1', 'S-1', 'One', 'P', 'other', now()), ('s2', 'S-2', 'Two', 'P', 'other', now())`,
    );
    // [id, source, reference, created (days ago), archived]
    const items: Array<[string, string, string, number, boolean]> = [
      ["a", "s1", "Rec #1", 5, false],
      ["b", "s1", " rec #1", 4, true], // archived items count too
      ["c", "s1", "REC #1 ", 3, false],
      ["d", "s1", "Rec #1 (2)", 6, false], // already holds the first suffix
      ["e", "s2", "Rec #1", 1, false], // another source: left alone
      ["f", "s1", "Other", 2, false],
    ];
    for (const [id, sourceId, reference, daysAgo, archived] of items) {
      await client.query(
        `INSERT INTO "Recommendation" (id, "sourceId", reference, title, text, country,
           "verificationLevel", "sourceUrl", "createdAt", "updatedAt", "archivedAt")
         VALUES ($1, $2, $3, 'T', 'T.', 'US', 'official_text', '',
           now() - make_interval(days => $4::int), now(), CASE WHEN $5 THEN now() END)`,
        [id, sourceId, reference, daysAgo, archived],
      );
    }
  });

  copyMigrations((name) => name === UNIQUE_REFERENCE);
  expect((await migrate(url, dir)).applied).toEqual([UNIQUE_REFERENCE]);

  await withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string; reference: string; version: number }>(
      `SELECT id, reference, version FROM "Recommendation" ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: "a", reference: "Rec #1", version: 1 },
      { id: "b", reference: "rec #1 (3)", version: 2 },
      { id: "c", reference: "REC #1 (4)", version: 2 },
      { id: "d", reference: "Rec #1 (2)", version: 1 },
      { id: "e", reference: "Rec #1", version: 1 },
      { id: "f", reference: "Other", version: 1 },
    ]);
    const audit = await client.query(
      `SELECT "actorId", action, "entityId", before, after FROM "AuditEvent" ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        actorId: null,
        action: "recommendation.edited",
        entityId: "b",
        before: { reference: " rec #1", version: 1 },
        after: expect.objectContaining({ reference: "rec #1 (3)", version: 2 }),
      }),
      expect.objectContaining({
        entityId: "c",
        before: { reference: "REC #1 ", version: 1 },
        after: expect.objectContaining({ reference: "REC #1 (4)", version: 2 }),
      }),
    ]);
    await expect(
      client.query(
        `INSERT INTO "Recommendation" (id, "sourceId", reference, title, text, country,
           "verificationLevel", "sourceUrl", "updatedAt")
         VALUES ('g', 's1', '  other', 'T', 'T.', 'US', 'official_text', '', now())`,
      ),
    ).rejects.toThrow(/Recommendation_sourceId_reference_key/);
  });
});
