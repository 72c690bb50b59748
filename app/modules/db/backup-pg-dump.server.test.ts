// The pg_dump way of db:backup and db:restore, against a server of pg_dump's own version: Debian's
// PostgreSQL server where it is installed beside its pg_dump (skipped elsewhere).
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient } from "#app/utils/db.server.ts";
import { freePort } from "./embedded-postgres.server.ts";
import { migrate } from "./migrate.server.ts";
import {
  BackupError,
  databaseSummary,
  isPgDumpFile,
  pgClientConnection,
  pgDumpMajor,
  restorePgDump,
  serverMajor,
  writePgDump,
} from "./backup.server.ts";

const debianRoot = "/usr/lib/postgresql";
const binDir = fs.existsSync(debianRoot)
  ? fs
      .readdirSync(debianRoot)
      .map((version) => path.join(debianRoot, version, "bin"))
      .find((dir) =>
        ["postgres", "initdb", "pg_dump", "pg_restore"].every((name) =>
          fs.existsSync(path.join(dir, name)),
        ),
      )
  : undefined;

function postgresUser() {
  try {
    return {
      uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })),
      gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })),
    };
  } catch {
    return undefined;
  }
}

const asRoot = process.getuid?.() === 0;
const user = asRoot ? postgresUser() : undefined;
const runnable = Boolean(binDir) && (!asRoot || Boolean(user));

describe.skipIf(!runnable)("backup and restore with pg_dump of the server's own version", () => {
  const dataDir = path.resolve("data", `pg-dump-test-${process.pid}`);
  let server: ChildProcess | undefined;
  let base = "";

  beforeAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    const ids = user ?? {};
    if (user) fs.chownSync(dataDir, user.uid, user.gid);
    execFileSync(
      path.join(binDir!, "initdb"),
      ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
      {
        ...ids,
        stdio: "ignore",
      },
    );
    const port = await freePort();
    server = spawn(
      path.join(binDir!, "postgres"),
      [
        "-D",
        dataDir,
        "-p",
        String(port),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "unix_socket_directories=",
        // A throwaway cluster: no need to wait for the disk.
        "-c",
        "fsync=off",
      ],
      { ...ids, stdio: "ignore" },
    );
    base = `postgresql://postgres@127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      const ok = await client.connect().then(
        () => true,
        () => false,
      );
      await client.end().catch(() => {});
      if (ok) break;
      if (Date.now() > deadline) throw new Error("PostgreSQL did not start");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const admin = new pg.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    await admin.query("CREATE DATABASE source");
    await admin.query("CREATE DATABASE target");
    await admin.end();
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill("SIGINT");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("round-trips a populated database, and refuses a database that is not empty", async () => {
    const source = `${base}/source`;
    const target = `${base}/target`;
    expect(await pgDumpMajor(binDir)).toBe(await serverMajor(source));
    await migrate(source);
    const prisma = createPrismaClient(source);
    try {
      const user = await prisma.user.create({
        data: { email: "dump@example.org", name: "Dump Test", role: "editor" },
      });
      const source_ = await prisma.source.create({
        data: { code: "DUMP-1", title: "A source", publisher: "Someone", kind: "gao_report" },
      });
      await prisma.auditEvent.create({
        data: {
          actorId: user.id,
          action: "test.dumped",
          entityType: "Source",
          entityId: source_.id,
        },
      });
    } finally {
      await prisma.$disconnect();
    }
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "pg-dump-"));
    const file = path.join(directory, "tracker.dump");
    try {
      await writePgDump(source, file, binDir);
      expect(isPgDumpFile(file)).toBe(true);

      await restorePgDump(target, file, binDir);
      expect(await databaseSummary(target)).toEqual(await databaseSummary(source));
      await expect(restorePgDump(target, file, binDir)).rejects.toBeInstanceOf(BackupError);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("pgClientConnection", () => {
  test("keeps the password off pg_dump's command line: the URL loses it, PGPASSWORD carries it", () => {
    const connection = pgClientConnection(
      "postgresql://tracker:p%40ss%2Fword@db.example.org:5433/tracker?sslmode=require",
    );
    expect(connection.url).toBe("postgresql://tracker@db.example.org:5433/tracker?sslmode=require");
    expect(connection.env.PGPASSWORD).toBe("p@ss/word");
    expect(pgClientConnection("postgresql://postgres@127.0.0.1:5432/x").env.PGPASSWORD).toBe(
      process.env.PGPASSWORD,
    );
  });
});
