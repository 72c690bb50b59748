import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { afterAll, describe, expect, inject, test } from "vitest";
import { createUser } from "#tests/factories.ts";
import { sampleFiles, upload } from "#tests/tracking-factories.ts";
import { addEvidence } from "#app/modules/tracking/evidence.server.ts";
import { createNote } from "#app/modules/tracking/notes.server.ts";
import { changeStatus } from "#app/modules/tracking/status-change.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { BackupError, databaseSummary, restoreBackup, writeBackup } from "./backup.server.ts";

const maintenanceUrl = inject("maintenanceUrl");
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "backup-test-"));
const created: string[] = [];

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function emptyDatabase() {
  const name = `tracker_test_restore_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  created.push(name);
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  fs.rmSync(directory, { recursive: true, force: true });
});

describe("backup and restore", () => {
  test("a populated database comes back whole: same rows, same bytes, uploaded files included", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-223-dhs-mou";
    const pdf = sampleFiles.pdf();
    const evidence = await addEvidence(editor.id, {
      recommendationId: id,
      kind: "file",
      file: upload("report.pdf", pdf, "application/pdf"),
      title: "The signed memorandum",
    });
    const { version } = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    await changeStatus(editor.id, {
      recommendationId: id,
      expectedVersion: String(version),
      toStatus: "partially_implemented",
      summary: "Signed, with a tab\tand a newline\nin the summary, and a backslash \\.",
      occurredOn: "2024-03-05",
      evidenceIds: [evidence.id],
    });
    await createNote(editor.id, {
      recommendationId: id,
      body: "Ñandú — «quoted» text",
      visibility: "internal",
    });

    const url = process.env.DATABASE_URL!;
    const file = path.join(directory, "tracker.backup");
    const written = await writeBackup(url, file);
    const original = await databaseSummary(url);
    expect(written.tables).toEqual(original);
    expect(original.find((table) => table.table === "EvidenceFile")?.rows).toBeGreaterThan(0);
    expect(original.find((table) => table.table === "AuditEvent")?.rows).toBeGreaterThan(0);

    const target = await emptyDatabase();
    const restored = await restoreBackup(target, file);
    expect(restored.newerMigrations).toEqual([]);
    expect(await databaseSummary(target)).toEqual(original);

    // The uploaded file's bytes, read back through the app's own client.
    const copy = new pg.Client({ connectionString: target });
    await copy.connect();
    try {
      const { rows } = await copy.query(`SELECT data FROM "EvidenceFile" WHERE "evidenceId" = $1`, [
        evidence.id,
      ]);
      expect(Buffer.from(rows[0].data).equals(Buffer.from(pdf))).toBe(true);
      // Sequences continue after the restored rows: a new audit event gets a fresh id.
      const { rows: ids } = await copy.query(
        `INSERT INTO "AuditEvent" (action, "entityType", "entityId")
         VALUES ('test.restored', 'Test', 'x') RETURNING id::text`,
      );
      const { rows: max } = await copy.query(
        `SELECT max(id)::text AS id FROM "AuditEvent" WHERE action <> 'test.restored'`,
      );
      expect(BigInt(ids[0].id)).toBeGreaterThan(BigInt(max[0].id));
    } finally {
      await copy.end();
    }
  });

  test("refuses a database that is not empty, and changes nothing there", async () => {
    const url = process.env.DATABASE_URL!;
    const file = path.join(directory, "refused.backup");
    await writeBackup(url, file);
    const before = await databaseSummary(url);
    await expect(restoreBackup(url, file)).rejects.toThrow(/not empty/);
    await expect(restoreBackup(url, file)).rejects.toBeInstanceOf(BackupError);
    expect(await databaseSummary(url)).toEqual(before);
  });

  test("a backup's migrations are this app's own: SQL carried in the file is never run", async () => {
    const file = path.join(directory, "crafted.backup");
    await writeBackup(process.env.DATABASE_URL!, file);
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString("latin1");
    const lines = text.split("\n");
    const header = JSON.parse(lines[1]!) as {
      migrations: Array<{ name: string; sql: string; checksum: string }>;
    };
    // A migration whose SQL and checksum agree with each other, but not with the app's file.
    const first = header.migrations[0]!;
    first.sql = "CREATE TABLE crafted (x int);";
    first.checksum = createHash("sha256").update(first.sql).digest("hex");
    lines[1] = JSON.stringify(header);
    fs.writeFileSync(file, zlib.gzipSync(Buffer.from(lines.join("\n"), "latin1")));
    const target = await emptyDatabase();
    await expect(restoreBackup(target, file)).rejects.toThrow(/does not have as it is/);
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    const { rows } = await client.query(`SELECT to_regclass('public.crafted') AS crafted`);
    await client.end();
    expect(rows[0].crafted).toBeNull();
  });

  test("a damaged file is refused and the target stays empty", async () => {
    const file = path.join(directory, "damaged.backup");
    await writeBackup(process.env.DATABASE_URL!, file);
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString("latin1");
    // Change one byte inside the recommendations' rows.
    const at = text.indexOf("GAO-16-223");
    const damaged = `${text.slice(0, at)}X${text.slice(at + 1)}`;
    fs.writeFileSync(file, zlib.gzipSync(Buffer.from(damaged, "latin1")));
    const target = await emptyDatabase();
    await expect(restoreBackup(target, file)).rejects.toThrow(/damaged/);
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public'`,
    );
    await client.end();
    expect(rows[0].n).toBe(0);
  });
});
