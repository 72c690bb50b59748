// Backups through the app's own connection: the embedded PostgreSQL ships no pg_dump, and an older
// pg_dump refuses a newer server. A backup is one consistent snapshot (a REPEATABLE READ, READ ONLY
// transaction) of every table, `COPY … TO STDOUT` each, written into one gzip'd file:
//
//   TRACKER-BACKUP 1\n
//   <header JSON>\n              migrations applied (name, checksum, SQL) and the tables, in an
//                                order that respects foreign keys, with their columns
//   for each table:  D <n>\n<n bytes of COPY text>  …  T <JSON: table, rows, bytes, sha256>\n
//   E <trailer JSON>\n           sequences' values and the totals
//
// A restore loads it into an empty database in one transaction: the backup's own migrations, the
// rows in foreign-key order (COPY FROM), the sequences; then it checks each table's row count and
// checksum against the file and commits only when all agree. Then the app's newer migrations, if
// any, bring the database up to date, as at every start.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import zlib from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import {
  MIGRATION_LOCK_KEY,
  MIGRATIONS_TABLE_DDL,
  migrate,
  migrationsDirectory,
  readMigrations,
} from "./migrate.server.ts";

const MAGIC = "TRACKER-BACKUP 1";
/**
 * Not backed up: recreated by the migrations, or passing state (the login limits' counts, the
 * page cache's counter, which moves on its own when the restored rows are committed).
 */
const SKIPPED_TABLES = new Set(["_app_migrations", "rate_limit", "CacheVersion"]);

type TableInfo = { name: string; columns: string[]; orderBy: string[] };
type Header = {
  createdAt: string;
  serverVersion: string;
  migrations: { name: string; checksum: string; sql: string }[];
  tables: TableInfo[];
};
export type TableSummary = { table: string; rows: number; bytes: number; sha256: string };
type Trailer = {
  tables: TableSummary[];
  sequences: { name: string; value: string; isCalled: boolean }[];
};

export class BackupError extends Error {}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function listTables(client: pg.Client): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{ name: string; oid: number }>(
    `SELECT c.relname AS name, c.oid::int AS oid FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
  );
  const kept = tables.filter((table) => !SKIPPED_TABLES.has(table.name));
  const { rows: columns } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
  );
  const { rows: keys } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND i.indisprimary ORDER BY c.relname, k.position`,
  );
  const { rows: references } = await client.query<{ table: string; references: string }>(
    `SELECT c.relname AS table, r.relname AS references FROM pg_constraint f
       JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class r ON r.oid = f.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE f.contype = 'f' AND n.nspname = 'public' AND c.oid <> r.oid
      -- In name order: the catalogue's own order follows how the constraints were made, which a
      -- restore by pg_dump changes, and the tables' order below must not.
      ORDER BY c.relname, r.relname, f.conname`,
  );
  // Referenced tables first (a table's references to itself are checked at the end of its COPY).
  const ordered: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      throw new BackupError(`Tables reference each other in a cycle through "${name}"`);
    }
    state.set(name, "visiting");
    for (const edge of references) if (edge.table === name) visit(edge.references);
    state.set(name, "done");
    ordered.push(name);
  };
  for (const table of kept) visit(table.name);
  return ordered
    .filter((name) => !SKIPPED_TABLES.has(name))
    .map((name) => {
      const own = columns.filter((column) => column.table === name).map((column) => column.column);
      const primary = keys.filter((key) => key.table === name).map((key) => key.column);
      return { name, columns: own, orderBy: primary.length > 0 ? primary : own };
    });
}

/**
 * Streams a table's rows in primary-key order as COPY text (one line a row, so that the same rows
 * always give the same bytes), handing each chunk to `onChunk`; returns its summary.
 */
async function copyTable(
  client: pg.Client,
  table: TableInfo,
  onChunk: (chunk: Buffer) => Promise<void> | void,
): Promise<TableSummary> {
  const columns = table.columns.map(ident).join(", ");
  const order = table.orderBy.map(ident).join(", ");
  const stream: Readable = client.query(
    copyTo(`COPY (SELECT ${columns} FROM ${ident(table.name)} ORDER BY ${order}) TO STDOUT`),
  );
  const hash = createHash("sha256");
  let bytes = 0;
  let rows = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) rows++;
    await onChunk(chunk);
  }
  return { table: table.name, rows, bytes, sha256: hash.digest("hex") };
}

/** Writes a consistent backup of the database at `url` into `file`; returns what it holds. */
export async function writeBackup(url: string, file: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const partial = `${file}.partial`;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const applied = await client
      .query<{ name: string; checksum: string }>(
        `SELECT name, checksum FROM "_app_migrations" ORDER BY name`,
      )
      .catch(() => {
        throw new BackupError("This database has no migrations applied: nothing to back up.");
      });
    const available = new Map(readMigrations(migrationsDirectory()).map((m) => [m.name, m]));
    const migrations = applied.rows.map((row) => {
      const migration = available.get(row.name);
      if (!migration || migration.checksum !== row.checksum) {
        throw new BackupError(
          `Migration ${row.name} of the database is not the one in ${migrationsDirectory()}: ` +
            `back up with the version of the app that runs this database.`,
        );
      }
      return { name: row.name, checksum: row.checksum, sql: migration.sql };
    });
    const tables = await listTables(client);
    const { rows: version } = await client.query<{ v: string }>(
      "SELECT current_setting('server_version') AS v",
    );
    const header: Header = {
      createdAt: new Date().toISOString(),
      serverVersion: version[0]!.v,
      migrations,
      tables,
    };

    const gzip = zlib.createGzip({ level: 6 });
    const output = fs.createWriteStream(partial, { mode: 0o600 });
    const written = pipeline(gzip, output);
    const write = async (chunk: string | Buffer) => {
      if (!gzip.write(chunk)) await once(gzip, "drain");
    };
    await write(`${MAGIC}\n${JSON.stringify(header)}\n`);
    const summaries: TableSummary[] = [];
    for (const table of tables) {
      const summary = await copyTable(client, table, async (chunk) => {
        await write(`D ${chunk.length}\n`);
        await write(chunk);
      });
      summaries.push(summary);
      await write(`T ${JSON.stringify(summary)}\n`);
    }
    const { rows: sequences } = await client.query<{ name: string; value: string | null }>(
      `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences
        WHERE schemaname = 'public' ORDER BY sequencename`,
    );
    const trailer: Trailer = {
      tables: summaries,
      sequences: sequences
        .filter((sequence) => sequence.value !== null)
        .map((sequence) => ({ name: sequence.name, value: sequence.value!, isCalled: true })),
    };
    await write(`E ${JSON.stringify(trailer)}\n`);
    gzip.end();
    await written;
    await client.query("COMMIT");
    fs.renameSync(partial, file);
    return { migrations: migrations.length, tables: summaries };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

/** Reads lines and byte runs from a stream, in turn. */
class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private iterator: AsyncIterator<Buffer>;
  constructor(stream: Readable) {
    this.iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }
  private async fill(): Promise<boolean> {
    const next = await this.iterator.next();
    if (next.done) return false;
    this.buffer = this.buffer.length === 0 ? next.value : Buffer.concat([this.buffer, next.value]);
    return true;
  }
  async line(): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf(10);
      if (end >= 0) {
        const text = this.buffer.subarray(0, end).toString("utf8");
        this.buffer = this.buffer.subarray(end + 1);
        return text;
      }
      if (this.buffer.length > 64 * 1024 * 1024) throw new BackupError("Not a backup file");
      if (!(await this.fill())) throw new BackupError("The backup file ends too early");
    }
  }
  async bytes(count: number): Promise<Buffer> {
    while (this.buffer.length < count) {
      if (!(await this.fill())) throw new BackupError("The backup file ends too early");
    }
    const run = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return run;
  }
}

/** The tables, views and sequences in the database's public schema (none in an empty one). */
async function existingRelations(client: pg.ClientBase) {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/** Throws a BackupError naming what is there when the database at `url` is not empty. */
export async function assertEmptyDatabase(client: pg.ClientBase) {
  const existing = await existingRelations(client);
  if (existing.length > 0) {
    throw new BackupError(
      `The database is not empty (${existing.length} tables and sequences, such as ` +
        `${existing
          .slice(0, 3)
          .map((name) => `"${name}"`)
          .join(", ")}). Restore into a new, empty database: create one and point ` +
        `DATABASE_URL at it, or, for the embedded database, set DATA_DIR to a new directory.`,
    );
  }
}

/**
 * Loads a backup into the empty database at `url` (refusing one that holds any table), checks it
 * against the file, then applies the app's newer migrations if there are any.
 */
export async function restoreBackup(url: string, file: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let header: Header;
  const loaded: TableSummary[] = [];
  try {
    const reader = new FrameReader(fs.createReadStream(file).pipe(zlib.createGunzip()));
    if ((await reader.line()) !== MAGIC)
      throw new BackupError(`${file} is not a backup of this app`);
    header = JSON.parse(await reader.line()) as Header;

    await client.query("BEGIN");
    // Instances starting meanwhile wait for the restore instead of migrating an empty database.
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await assertEmptyDatabase(client);
    await client.query(MIGRATIONS_TABLE_DDL);
    // The schema is rebuilt from this app's own migrations, never from SQL read out of the file
    // (a crafted file would run whatever it holds): each migration the backup names must be one
    // this app has, with the same checksum.
    const known = new Map(readMigrations(migrationsDirectory()).map((m) => [m.name, m]));
    for (const migration of header.migrations) {
      const own = known.get(migration.name);
      if (!own || own.checksum !== migration.checksum) {
        throw new BackupError(
          `The backup was made with migration ${migration.name}, which this version of the app ` +
            `does not have as it is: restore it with the version that made it`,
        );
      }
      await client.query(own.sql);
      await client.query(`INSERT INTO "_app_migrations" (name, checksum) VALUES ($1, $2)`, [
        migration.name,
        migration.checksum,
      ]);
    }

    // Rows that the migrations themselves insert (such as the page cache's counter) make way for
    // the backup's.
    for (const table of header.tables) {
      const { rows } = await client.query(`SELECT 1 FROM ${ident(table.name)} LIMIT 1`);
      if (rows.length > 0) await client.query(`DELETE FROM ${ident(table.name)}`);
    }
    // The items' cache stamps come from the file as they were: loading their rows must not move
    // them (migration 0016's triggers skip while this is set, until the transaction ends).
    await client.query(`SELECT set_config('tracker.restoring', 'on', true)`);
    for (const table of header.tables) {
      const columns = table.columns.map(ident).join(", ");
      const sink: Writable = client.query(
        copyFrom(`COPY ${ident(table.name)} (${columns}) FROM STDIN`),
      );
      const done = once(sink, "finish");
      const hash = createHash("sha256");
      let bytes = 0;
      for (;;) {
        const line = await reader.line();
        if (line.startsWith("D ")) {
          const chunk = await reader.bytes(Number(line.slice(2)));
          hash.update(chunk);
          bytes += chunk.length;
          if (!sink.write(chunk)) await once(sink, "drain");
          continue;
        }
        if (!line.startsWith("T ")) throw new BackupError("The backup file is damaged");
        sink.end();
        await done;
        const expected = JSON.parse(line.slice(2)) as TableSummary;
        if (
          expected.table !== table.name ||
          expected.bytes !== bytes ||
          expected.sha256 !== hash.digest("hex")
        ) {
          throw new BackupError(`The data of table "${table.name}" in the backup is damaged`);
        }
        loaded.push(expected);
        break;
      }
    }
    const end = await reader.line();
    if (!end.startsWith("E ")) throw new BackupError("The backup file is damaged");
    const trailer = JSON.parse(end.slice(2)) as Trailer;
    for (const sequence of trailer.sequences) {
      await client.query("SELECT setval($1, $2, $3)", [
        ident(sequence.name),
        sequence.value,
        sequence.isCalled,
      ]);
    }
    // The rows as the database now holds them, against the file's counts.
    for (const summary of trailer.tables) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM ${ident(summary.table)}`,
      );
      if (Number(rows[0]!.n) !== summary.rows) {
        throw new BackupError(
          `Table "${summary.table}" has ${rows[0]!.n} rows after loading; the backup has ${summary.rows}`,
        );
      }
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  const { applied } = await migrate(url);
  return { header, tables: loaded, newerMigrations: applied };
}

/** Per-table row counts and checksums of a database, as a backup of it would record them. */
export async function databaseSummary(url: string): Promise<TableSummary[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const summaries: TableSummary[] = [];
    for (const table of await listTables(client)) {
      summaries.push(await copyTable(client, table, () => {}));
    }
    await client.query("COMMIT");
    return summaries;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// pg_dump, when one of the server's own major version is installed

const run = promisify(execFile);

/** The major version of `pg_dump` (from `binDir`, else the PATH), or null when there is none. */
export async function pgDumpMajor(binDir?: string): Promise<number | null> {
  try {
    const { stdout } = await run(binDir ? path.join(binDir, "pg_dump") : "pg_dump", ["--version"]);
    return Number(/\(PostgreSQL\) (\d+)/.exec(stdout)?.[1]) || null;
  } catch {
    return null;
  }
}

/** The server's major version, e.g. 18. */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(
      "SELECT current_setting('server_version_num') AS v",
    );
    return Math.floor(Number(rows[0]!.v) / 10_000);
  } finally {
    await client.end();
  }
}

/**
 * How pg_dump and pg_restore are given a database: its URL without the password, which goes in
 * their environment (PGPASSWORD) instead, since every local user can read a command line.
 */
export function pgClientConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return {
    url: parsed.toString(),
    env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env },
  };
}

/**
 * A pg_dump of the database (custom format), leaving out the login limits' passing counts and
 * the job runner's schema.
 */
export async function writePgDump(url: string, file: string, binDir?: string) {
  const partial = `${file}.partial`;
  const connection = pgClientConnection(url);
  try {
    await run(
      binDir ? path.join(binDir, "pg_dump") : "pg_dump",
      [
        "--format=custom",
        "--no-owner",
        "--exclude-table-data=rate_limit",
        // The job runner's own schema (pg-boss): it creates it again when missing, and its
        // waiting jobs are redone by the weekly link check. The built-in way reads "public" only.
        "--exclude-schema=pgboss",
        "--file",
        partial,
        connection.url,
      ],
      { env: connection.env },
    );
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Whether `file` is a pg_dump file (custom format) rather than one of writeBackup's. */
export function isPgDumpFile(file: string): boolean {
  const head = Buffer.alloc(5);
  const descriptor = fs.openSync(file, "r");
  try {
    fs.readSync(descriptor, head, 0, 5, 0);
  } finally {
    fs.closeSync(descriptor);
  }
  return head.toString("latin1") === "PGDMP";
}

/**
 * Loads a pg_dump file into the empty database at `url` with pg_restore, in one transaction,
 * then applies the app's newer migrations.
 */
export async function restorePgDump(url: string, file: string, binDir?: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await assertEmptyDatabase(client);
  } finally {
    await client.end();
  }
  const connection = pgClientConnection(url);
  await run(
    binDir ? path.join(binDir, "pg_restore") : "pg_restore",
    ["--single-transaction", "--exit-on-error", "--no-owner", "--dbname", connection.url, file],
    { env: connection.env },
  );
  const { applied } = await migrate(url);
  return { newerMigrations: applied };
}
