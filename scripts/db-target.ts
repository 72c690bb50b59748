// The database that db:backup and db:restore work on: DATABASE_URL when set; else the embedded
// PostgreSQL under DATA_DIR, the running app's when it runs (read from its postmaster.pid), or
// started here for the time of the command, as `npm start` would start it.
import fs from "node:fs";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "#app/modules/db/embedded-postgres.server.ts";
import { EMBEDDED_DATABASE_NAME } from "#app/modules/db/startup.server.ts";

export type Target = { url: string; description: string; stop: () => Promise<void> };

function runningCluster(dataDir: string): { port: number; password: string } | undefined {
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  const password = fs.readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();
  return { port, password };
}

export async function openTarget(options: { create: boolean }): Promise<Target> {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    return {
      url: url.toString(),
      description: `${url.hostname}:${url.port || 5432}${url.pathname}`,
      stop: async () => {},
    };
  }
  const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
  const running = runningCluster(dataDir);
  if (running) {
    const base = `postgresql://postgres:${encodeURIComponent(running.password)}@127.0.0.1:${running.port}`;
    if (options.create) await ensureDatabase(`${base}/postgres`, EMBEDDED_DATABASE_NAME);
    return {
      url: `${base}/${EMBEDDED_DATABASE_NAME}`,
      description: `the running embedded database in ${dataDir}`,
      stop: async () => {},
    };
  }
  if (!options.create && !fs.existsSync(path.join(dataDir, "postgres", "PG_VERSION"))) {
    throw new Error(`No database in ${dataDir}: set DATA_DIR or DATABASE_URL.`);
  }
  const embedded = await startEmbeddedPostgres(dataDir);
  await ensureDatabase(embedded.url("postgres"), EMBEDDED_DATABASE_NAME);
  return {
    url: embedded.url(EMBEDDED_DATABASE_NAME),
    description: `the embedded database in ${dataDir}`,
    stop: embedded.stop,
  };
}
