// Writes a new migration from the difference between the schema as of the last migration
// (taken from git) and prisma/schema.prisma. Usage: npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "#app/modules/db/embedded-postgres.server.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}

const migrationsDir = path.join("prisma", "migrations");
const existing = fs
  .readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

let from = ["--from-empty"];
if (existing.length > 0) {
  const commit = execFileSync("git", ["log", "-1", "--format=%H", "--", migrationsDir], {
    encoding: "utf8",
  }).trim();
  if (!commit) {
    console.error("Commit the existing migrations (with the schema they came from) first.");
    process.exit(2);
  }
  const previous = execFileSync("git", ["show", `${commit}:prisma/schema.prisma`], {
    encoding: "utf8",
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "schema-")), "schema.prisma");
  fs.writeFileSync(file, previous);
  from = ["--from-schema-datamodel", file];
}

let database: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  database = await startEmbeddedPostgres(process.env.DATA_DIR ?? "data");
  url = database.url("postgres");
}
try {
  const sql = execFileSync(
    "npx",
    [
      "prisma",
      "migrate",
      "diff",
      ...from,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: url } },
  );
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log("The schema has not changed since the last migration: nothing written.");
  } else {
    const next = String(existing.length + 1).padStart(4, "0");
    const dir = path.join(migrationsDir, `${next}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.join(dir, "migration.sql")}`);
  }
} finally {
  await database?.stop();
}
