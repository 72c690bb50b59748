// Loads a backup into an EMPTY database (refusing any other). Usage: npm run db:restore -- FILE
// A built-in backup (db:backup without a matching pg_dump) is loaded in one transaction and
// checked against the file's row counts and checksums; a pg_dump file goes to pg_restore. Then
// the app's newer migrations, if any, are applied.
import fs from "node:fs";
import { isPgDumpFile, restoreBackup, restorePgDump } from "#app/modules/db/backup.server.ts";
import { openTarget } from "./db-target.ts";

const file = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
if (!file || !fs.existsSync(file)) {
  console.error(
    file ? `No such file: ${file}` : "Usage: npm run db:restore -- FILE   (into an empty database)",
  );
  process.exit(2);
}

const target = await openTarget({ create: true });
try {
  console.log(`Restoring ${file} into ${target.description}`);
  if (isPgDumpFile(file)) {
    console.log("A pg_dump file: loading it with pg_restore.");
    const { newerMigrations } = await restorePgDump(target.url, file);
    if (newerMigrations.length > 0) {
      console.log(`Applied newer migrations: ${newerMigrations.join(", ")}`);
    }
  } else {
    const result = await restoreBackup(target.url, file);
    const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `Backup of ${result.header.createdAt} (PostgreSQL ${result.header.serverVersion}): ` +
        `${result.header.migrations.length} migrations, ${result.tables.length} tables, ${rows} rows ` +
        `loaded; every table's row count and checksum match the file.`,
    );
    if (result.newerMigrations.length > 0) {
      console.log(`Applied newer migrations: ${result.newerMigrations.join(", ")}`);
    }
  }
  console.log("Restored.");
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await target.stop();
}
// Explicitly: the embedded database's exit hook would otherwise end the process with status 0.
process.exit(process.exitCode ?? 0);
