// Writes a consistent backup of the database. Usage: npm run db:backup [-- FILE] [--builtin]
// With a pg_dump of the server's own major version it runs pg_dump (custom format); otherwise
// (the embedded PostgreSQL ships none, and an older pg_dump refuses a newer server) it takes one
// snapshot through the app's own connection (app/modules/db/backup.server.ts).
import fs from "node:fs";
import path from "node:path";
import {
  pgDumpMajor,
  serverMajor,
  writeBackup,
  writePgDump,
} from "#app/modules/db/backup.server.ts";
import { openTarget } from "./db-target.ts";

const args = process.argv.slice(2);
const builtinOnly = args.includes("--builtin");
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file = path.resolve(
  args.find((arg) => !arg.startsWith("--")) ??
    path.join(process.env.DATA_DIR ?? "data", "backups", `tracker-${stamp}.backup`),
);
fs.mkdirSync(path.dirname(file), { recursive: true });

const target = await openTarget({ create: false });
try {
  const server = await serverMajor(target.url);
  const dump = await pgDumpMajor();
  console.log(`Backing up ${target.description} (PostgreSQL ${server})`);
  if (!builtinOnly && dump === server) {
    console.log(`Using pg_dump ${dump} (custom format).`);
    await writePgDump(target.url, file);
  } else {
    console.log(
      `Using the built-in snapshot (one REPEATABLE READ transaction, COPY per table): ` +
        (builtinOnly
          ? "asked for with --builtin."
          : dump
            ? `pg_dump here is version ${dump}, the server ${server}.`
            : `no pg_dump here (Debian: apt-get install postgresql-client-${server}, from apt.postgresql.org when Debian has no such version).`),
    );
    const result = await writeBackup(target.url, file);
    const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `${result.tables.length} tables, ${rows} rows, ${result.migrations} migrations recorded:`,
    );
    for (const table of result.tables) console.log(`  ${table.table.padEnd(24)} ${table.rows}`);
  }
  console.log(`Wrote ${file} (${(fs.statSync(file).size / 1024).toFixed(0)} KB)`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await target.stop();
}
// Explicitly: the embedded database's exit hook would otherwise end the process with status 0.
process.exit(process.exitCode ?? 0);
