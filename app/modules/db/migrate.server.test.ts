import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inject } from "vitest";
import { migrate } from "./migrate.server.ts";

const maintenanceUrl = inject("maintenanceUrl");
const database = `tracker_test_migrate_${process.pid}`;
const url = (() => {
  const parsed = new URL(maintenanceUrl);
  parsed.pathname = `/${database}`;
  return parsed.toString();
})();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));

function write(name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

async function query(sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  await client.end();
});

afterAll(async () => {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  await client.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  test("applies migrations in name order, once", async () => {
    write("0002_add_column", `ALTER TABLE "thing" ADD COLUMN label text;`);
    write("0001_create", `CREATE TABLE "thing" (id int PRIMARY KEY);`);
    expect((await migrate(url, dir)).applied).toEqual(["0001_create", "0002_add_column"]);
    expect((await migrate(url, dir)).applied).toEqual([]);
    const columns = await query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'thing' ORDER BY 1`,
    );
    expect(columns.map((row) => row.column_name)).toEqual(["id", "label"]);
  });

  test("a failing migration is rolled back whole and not recorded", async () => {
    write("0003_broken", `CREATE TABLE "half" (id int); SELECT no_such_function();`);
    await expect(migrate(url, dir)).rejects.toThrow(/0003_broken failed/);
    const tables = await query(`SELECT to_regclass('public.half') AS t`);
    expect(tables[0]?.t).toBeNull();
    const recorded = await query(`SELECT name FROM "_app_migrations" ORDER BY name`);
    expect(recorded.map((row) => row.name)).toEqual(["0001_create", "0002_add_column"]);
    fs.rmSync(path.join(dir, "0003_broken"), { recursive: true });
  });

  test("refuses to run when an applied migration was changed", async () => {
    write("0001_create", `CREATE TABLE "thing" (id bigint PRIMARY KEY);`);
    await expect(migrate(url, dir)).rejects.toThrow(/0001_create was changed/);
  });

  test("the project's own migrations apply to an empty database", async () => {
    const fresh = await query(`SELECT 1 AS ok`);
    expect(fresh[0]?.ok).toBe(1);
    // The template database of this run was built by migrate() from prisma/migrations.
    const client = new pg.Client({
      connectionString: maintenanceUrl.replace(/\/postgres$/, `/${inject("templateDatabase")}`),
    });
    await client.connect();
    const { rows } = await client.query(`SELECT name FROM "_app_migrations"`);
    await client.end();
    const files = fs
      .readdirSync(path.join("prisma", "migrations"))
      .filter((name) => /^\d{4}_/.test(name));
    expect(rows.map((row) => row.name).sort()).toEqual(files.sort());
  });
});
