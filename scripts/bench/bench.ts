// `npm run bench [-- --items N --duration S]`: how fast the production server is at a size.
// Builds the app, fills a database of its own with a synthetic catalogue (see fill.ts), starts
// the built server on loopback and drives it with autocannon: p50 and p95 with one connection,
// requests/s with four, for each page logged out and logged in as an editor, against two
// baselines (/healthz and the login page); then the time and the server's peak RSS for each
// export of every item. Prints a table, then one `bench:` line with the headline figures.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { seedCatalogue } from "../../prisma/seed.ts";
import { createSession } from "#app/modules/auth/session.server.ts";
import {
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
} from "#app/modules/db/embedded-postgres.server.ts";
import { migrate } from "#app/modules/db/migrate.server.ts";
import { SESSION_COOKIE } from "#app/modules/auth/cookie.server.ts";
import { disconnectPrisma, prisma } from "#app/utils/db.server.ts";
import { fillSyntheticCatalogue, LONG_ITEM_ID } from "./fill.ts";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
  return value;
}

const items = option("items", 10_000);
// `--reuse`: keep the database of an earlier run of the same size (for trying a change quickly).
const reuse = process.argv.includes("--reuse");
const duration = option("duration", 5);
const log = (line: string) => console.error(line);
// As `npm start` runs the server (scripts/start.js).
const HEAP_MB = 320;

// --- The database ---------------------------------------------------------------------------

log("Building the production server…");
execFileSync("npx", ["react-router", "build"], { stdio: ["ignore", "ignore", "inherit"] });

const dataDir = path.resolve("data", "bench");
const database = await startEmbeddedPostgres(dataDir);
const name = `bench_${items}`;
const url = database.url(name);
process.env.DATABASE_URL = url;
const maintenance = new pg.Client({ connectionString: database.url("postgres") });
await maintenance.connect();
const exists =
  (await maintenance.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
if (!reuse || !exists) await maintenance.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await maintenance.end();

let server: ReturnType<typeof spawn> | undefined;
try {
  const started = Date.now();
  if (!reuse || !exists) {
    log(`Filling ${items.toLocaleString("en")} recommendations…`);
    await ensureDatabase(database.url("postgres"), name);
    await migrate(url);
    await seedCatalogue(prisma);
    const creator = await prisma.user.create({
      data: { email: "bench-editor@example.org", name: "Bench Editor", role: "editor" },
    });
    await fillSyntheticCatalogue(url, { items, changesPerItem: 10, sources: 50 }, creator.id);
  } else {
    log("Reusing the database of an earlier run.");
    await migrate(url);
  }
  const editor = await prisma.user.findUniqueOrThrow({
    where: { email: "bench-editor@example.org" },
  });
  const { token } = await createSession(editor.id);
  await disconnectPrisma();
  const counts = await countRows(url);
  log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts}`);

  // --- The server ---------------------------------------------------------------------------
  const port = await freePort();
  server = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, "server.js"], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`);
  const pid = server.pid!;

  const editorHeaders = { cookie: `${SESSION_COOKIE}=${token}` };
  const pages: Array<{ label: string; path: string; key?: string }> = [
    { label: "/healthz", path: "/healthz" },
    { label: "login page", path: "/login", key: "login" },
    { label: "overview /", path: "/", key: "dashboard" },
    { label: "list", path: "/recommendations" },
    {
      label: "list: search + status",
      path: "/recommendations?q=tracing+border&status=in_progress",
      key: "list",
    },
    { label: "list: goal, by update, p.40", path: "/recommendations?goal=1&sort=updated&page=40" },
    { label: "item, long timeline", path: `/recommendations/${LONG_ITEM_ID}`, key: "item" },
    { label: "what changed", path: "/changes", key: "changes" },
    { label: "reports page", path: "/reports", key: "reports" },
  ];

  type Row = {
    label: string;
    who: "anonymous" | "editor";
    p50: number;
    p95: number;
    rps: number;
    errors: number;
    key?: string;
  };
  const rows: Row[] = [];
  for (const page of pages) {
    for (const who of ["anonymous", "editor"] as const) {
      // The login page logged in is a redirect, and /healthz is the same for both.
      if (who === "editor" && (page.path === "/login" || page.path === "/healthz")) continue;
      const headers = who === "editor" ? editorHeaders : {};
      await measure(`${base}${page.path}`, headers, 1, 1); // warm-up
      const single = await measure(`${base}${page.path}`, headers, 1, duration);
      const four = await measure(`${base}${page.path}`, headers, 4, duration);
      rows.push({
        label: page.label,
        who,
        p50: percentile(single.times, 50),
        p95: percentile(single.times, 95),
        rps: four.requests / four.seconds,
        errors: single.errors + four.errors,
        key: page.key,
      });
      log(`  ${page.label} (${who}): done, server RSS ${rssMb(pid).toFixed(0)} MB`);
    }
  }
  const login = rows.find((row) => row.key === "login")!.rps;

  // --- Exports ------------------------------------------------------------------------------
  const exports: Array<{ format: string; seconds: number; bytes: number; peakMb: number }> = [];
  for (const format of ["csv", "xlsx", "pdf", "json"]) {
    const result = await timeExport(`${base}/reports/export.${format}`, pid);
    exports.push({ format, ...result });
    log(`  export ${format}: done, server RSS ${rssMb(pid).toFixed(0)} MB`);
  }

  // --- Report -------------------------------------------------------------------------------
  const table = [
    ["page", "who", "p50 ms", "p95 ms", "req/s (4)", "× login", "errors"],
    ...rows.map((row) => [
      row.label,
      row.who,
      row.p50.toFixed(1),
      row.p95.toFixed(1),
      row.rps.toFixed(0),
      (row.rps / login).toFixed(2),
      String(row.errors),
    ]),
  ];
  console.log(`\n${items.toLocaleString("en")} recommendations · ${counts}\n`);
  printTable(table);
  console.log("");
  printTable([
    ["export", "seconds", "size", "server peak RSS"],
    ...exports.map((row) => [
      row.format,
      row.seconds.toFixed(2),
      `${(row.bytes / 1024 / 1024).toFixed(1)} MB`,
      `${row.peakMb.toFixed(0)} MB`,
    ]),
  ]);
  // Headline figures: the worse of logged out and logged in.
  const worst = (key: string) => rows.filter((row) => row.key === key);
  const p95 = (key: string) => Math.max(...worst(key).map((row) => row.p95)).toFixed(1);
  const ratio = Math.min(...worst("list").map((row) => row.rps / login)).toFixed(2);
  const seconds = (format: string) =>
    exports.find((row) => row.format === format)!.seconds.toFixed(2);
  const peak = Math.max(...exports.map((row) => row.peakMb)).toFixed(0);
  console.log(
    `\nbench: list_ratio=${ratio} list_p95_ms=${p95("list")} item_p95_ms=${p95("item")} ` +
      `dashboard_p95_ms=${p95("dashboard")} csv_s=${seconds("csv")} xlsx_s=${seconds("xlsx")} ` +
      `pdf_s=${seconds("pdf")} json_s=${seconds("json")} peak_rss_mb=${peak}`,
  );
} finally {
  server?.kill("SIGTERM");
  await disconnectPrisma();
  await database.stop();
}

// --- Helpers ----------------------------------------------------------------------------------

/** The server's resident memory now, in MB (0 where /proc is missing). */
function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function countRows(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<Record<string, string>>(`SELECT
    (SELECT count(*) FROM "Recommendation") AS recommendations,
    (SELECT count(*) FROM "Source") AS sources,
    (SELECT count(*) FROM "StatusChange") AS "status changes",
    (SELECT count(*) FROM "Evidence") AS evidence,
    (SELECT count(*) FROM "Note") AS notes,
    (SELECT count(*) FROM "AuditEvent") AS "audit events"`);
  await client.end();
  return Object.entries(rows[0]!)
    .map(([label, count]) => `${Number(count).toLocaleString("en")} ${label}`)
    .join(", ");
}

async function waitFor(target: string) {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(target)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer at ${target}`);
}

/** Requests for `seconds` with `connections`; every response time, and how many were not 2xx. */
function measure(
  target: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<{ times: number[]; requests: number; errors: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    let errors = 0;
    const instance = autocannon(
      { url: target, connections, duration: seconds, headers },
      (error, result) => {
        if (error) reject(error);
        else resolve({ times, requests: times.length, errors: errors + result.errors, seconds });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      if (statusCode >= 400) errors += 1;
    });
  });
}

function percentile(values: number[], p: number) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Downloads an export, timing it and sampling the server's resident memory meanwhile. */
async function timeExport(target: string, pid: number) {
  let peakKb = 0;
  const sample = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb);
    } catch {
      // not on Linux: no figure
    }
  };
  const sampler = setInterval(sample, 20);
  const started = performance.now();
  const response = await fetch(target);
  if (!response.ok || !response.body) throw new Error(`${target}: ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += (chunk as Uint8Array).length;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sample();
  return { seconds, bytes, peakMb: peakKb / 1024 };
}

function printTable(rows: string[][]) {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const [index, row] of rows.entries()) {
    console.log(
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
        )
        .join("  "),
    );
    if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
  }
}
