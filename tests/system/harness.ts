// System tests drive the production build (`node server.js`) as separate processes against one
// PostgreSQL that the harness starts itself (the embedded one, in a data directory of its own),
// so that servers and the database can be started, stopped and killed independently.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import {
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
} from "#app/modules/db/embedded-postgres.server.ts";
import { hashPassword } from "#app/modules/auth/password.server.ts";
import { prisma } from "#app/utils/db.server.ts";

export const PASSWORD = "system test password";

export type Database = {
  url: string;
  dataDir: string;
  port: number;
  /** Starts the cluster again on the same port (after `kill`). */
  restart: () => Promise<void>;
  /** SIGKILL to the postmaster, as a crash would. */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startDatabase(name: string): Promise<Database> {
  const dataDir = path.join("data", `system-${name}-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  let cluster = await startEmbeddedPostgres(dataDir, { port });
  await ensureDatabase(cluster.url("postgres"), "tracker");
  const url = cluster.url("tracker");
  const postmasterPid = () =>
    Number(
      fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0],
    );
  return {
    url,
    dataDir,
    port,
    restart: async () => {
      cluster = await startEmbeddedPostgres(dataDir, { port });
    },
    kill: async () => {
      const pid = postmasterPid();
      process.kill(pid, "SIGKILL");
      // Its backends notice the postmaster's death and leave; the next start recovers.
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await sleep(50);
      }
      await sleep(500);
    },
    stop: async () => {
      await cluster.stop().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Server = {
  base: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
  kill: () => Promise<void>;
};

/**
 * Starts `node server.js` (the production build) on a free port against the database at a URL,
 * or with its own embedded database in `dataDir`.
 */
export async function startServer(
  database: string | { dataDir: string },
  port?: number,
): Promise<Server> {
  const chosen = port ?? (await freePort());
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...inherited,
      ...(typeof database === "string"
        ? { DATABASE_URL: database }
        : { DATA_DIR: database.dataDir }),
      NODE_ENV: "production",
      PORT: String(chosen),
      // Lets a request stand for another client address with X-Forwarded-For.
      TRUST_PROXY: "loopback",
      COOKIE_SECURE: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const base = `http://127.0.0.1:${chosen}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited at start:\n${output}`);
    const ok = await fetch(`${base}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      // Not left running behind the failed test (nor its embedded database, if it has one).
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill("SIGKILL");
      throw new Error(`The server did not start:\n${output}`);
    }
    await sleep(100);
  }
  return {
    base,
    port: chosen,
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Creates users with a password directly in the database (the app's own client). */
export async function createUsers(databaseUrl: string, role: "editor" | "admin", count: number) {
  process.env.DATABASE_URL = databaseUrl;
  const passwordHash = await hashPassword(PASSWORD);
  const stamp = Date.now().toString(36);
  const users = [];
  for (let i = 0; i < count; i++) {
    users.push(
      await prisma.user.create({
        data: {
          email: `${role}-${stamp}-${i}@system.test`,
          name: `System ${role} ${i}`,
          role,
          passwordHash,
        },
        select: { id: true, email: true, name: true },
      }),
    );
  }
  return users;
}

export type Client = { base: string; cookie: string };

/** Logs in through the login form; returns the session cookie to send. */
export async function login(
  base: string,
  email: string,
  password = PASSWORD,
  ip = "198.51.100.1",
): Promise<Client> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    headers: { Origin: base, "X-Forwarded-For": ip },
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`Login failed with ${response.status}`);
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("session="));
  if (!session) throw new Error("Login set no session cookie");
  return { base, cookie: session.split(";")[0]! };
}

/** Posts one of the recommendation page's forms, as the page itself does (same origin). */
export async function postForm(
  client: Client,
  recommendationId: string,
  fields: Record<string, string | string[] | File>,
  base = client.base,
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  }
  const response = await fetch(`${base}/recommendations/${encodeURIComponent(recommendationId)}`, {
    method: "POST",
    body: form,
    headers: { Origin: base, Cookie: client.cookie },
    redirect: "manual",
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Checks that each status change on `ids` made since `since` is whole: one audit event naming it,
 * the item's version moved once for each (the audit events' versions run without a gap from the
 * version the item had), and the item's status is the last change's. Returns the changes' summaries.
 */
export async function assertStatusChangesWhole(
  startVersions: Map<string, number>,
  since: Date,
): Promise<Set<string>> {
  const summaries = new Set<string>();
  for (const [id, startVersion] of startVersions) {
    const changes = await prisma.statusChange.findMany({
      where: { recommendationId: id, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { id: true, toStatus: true, summary: true },
    });
    const audits = await prisma.auditEvent.findMany({
      where: {
        entityId: id,
        action: "recommendation.status_changed",
        at: { gte: since },
      },
      orderBy: { id: "asc" },
      select: { after: true },
    });
    const audited = audits.map(
      (event) => event.after as { statusChangeId: string; version: number },
    );
    expect(audited.map((event) => event.statusChangeId).sort()).toEqual(
      changes.map((change) => change.id).sort(),
    );
    expect(audited.map((event) => event.version)).toEqual(
      changes.map((_, index) => startVersion + index + 1),
    );
    const item = await prisma.recommendation.findUniqueOrThrow({
      where: { id },
      select: { version: true, status: true },
    });
    expect(item.version).toBe(startVersion + changes.length);
    if (changes.length > 0) expect(item.status).toBe(changes.at(-1)!.toStatus);
    for (const change of changes) summaries.add(change.summary);
  }
  return summaries;
}
