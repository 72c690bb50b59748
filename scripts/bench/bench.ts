// `npm run bench [-- --items N --duration S]`: how fast the production server is at a size.
// Builds the app, fills a database of its own with a synthetic catalogue (see fill.ts), starts
// the built server on loopback and drives it with autocannon: p50 and p95 with one connection,
// requests/s with four, for each page logged out and logged in as an editor, against two
// baselines (/healthz and the login page); then the time and the server's peak RSS for each
// export of every item; the first view of four pages after a committed change ("cold"); the
// login page and a cached list while six anonymous whole-catalogue PDFs are asked for at once;
// and a repeated identical PDF (a kept copy). Prints tables, then one `bench:` line with the
// headline figures.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
import pg from "pg";
import { createSession } from "#app/modules/auth/session.server.ts";
import { freePort } from "#app/modules/db/embedded-postgres.server.ts";
import { SESSION_COOKIE } from "#app/modules/auth/cookie.server.ts";
import { disconnectPrisma, prisma } from "#app/utils/db.server.ts";
import { LONG_ITEM_ID } from "./fill.ts";
import { benchDatabase, option } from "./database.ts";

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

let server: ReturnType<typeof spawn> | undefined;
const started = Date.now();
const { database, url } = await benchDatabase(items, reuse, log);
try {
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
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      NODE_ENV: "production",
      // The six concurrent PDFs below come from one address, again and again: the anonymous
      // per-address export limit (default 30 in 10 minutes) would refuse them.
      EXPORT_LIMIT_PER_ADDRESS: "0",
    },
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

  // --- First views after a change ------------------------------------------------------------
  // Each GET follows a status change committed in the database (as an editor's would be), so
  // that it is the first view at a new cache version. Median of COLD_ROUNDS.
  const COLD_ROUNDS = 10;
  const coldPages = [
    { key: "dashboard", label: "overview /", path: "/" },
    { key: "changes", label: "what changed", path: "/changes" },
    {
      key: "search",
      label: "list: search + status",
      path: "/recommendations?q=tracing+border&status=in_progress",
    },
    { key: "item", label: "item, long timeline", path: `/recommendations/${LONG_ITEM_ID}` },
    // Beyond the bench line: the plain list, and the item's page after a change to that item
    // itself (above, the change is to another item, which leaves an item's page kept).
    { key: "list", label: "list", path: "/recommendations" },
    {
      key: "itemOwn",
      label: "item, after a change to it",
      path: `/recommendations/${LONG_ITEM_ID}`,
      changes: LONG_ITEM_ID,
    },
  ];
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  const cold: Record<string, number[]> = {};
  let changeNumber = 0;
  for (let round = 0; round < COLD_ROUNDS; round++) {
    for (const page of coldPages) {
      await commitStatusChange(writer, editor.id, items, ++changeNumber, page.changes);
      const started = performance.now();
      const response = await fetch(`${base}${page.path}`);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${page.path}: ${response.status}`);
      (cold[page.key] ??= []).push(performance.now() - started);
    }
  }
  await writer.end();
  const coldMs = (key: string) => percentile(cold[key]!, 50);
  log(`  first views after a change: done`);

  // --- Under exports -------------------------------------------------------------------------
  // Six anonymous clients each ask for a whole-catalogue PDF, and again as soon as one is in;
  // each for another period (`from`), so that no two share a build or a kept copy: six real
  // builds at a time. Meanwhile the login page and a cached list are measured.
  const loadStop = { stopped: false };
  const load = { done: 0, busy: 0, failed: 0 };
  let period = 0;
  const nextPeriod = () => {
    period += 1;
    const day = new Date(Date.now() - period * 86_400_000).toISOString().slice(0, 10);
    return day;
  };
  const clients = Array.from({ length: 6 }, async () => {
    while (!loadStop.stopped) {
      const response = await fetch(`${base}/reports/export.pdf?from=${nextPeriod()}`);
      await response.arrayBuffer();
      if (response.status === 503) {
        load.busy += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
      } else if (response.ok) load.done += 1;
      else load.failed += 1;
    }
  });
  // Let the builds start (and the queue fill) before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const underExports = [];
  for (const page of [
    { key: "login", label: "login page", path: "/login" },
    { key: "list", label: "list (cached)", path: "/recommendations" },
  ]) {
    const result = await measure(`${base}${page.path}`, {}, 1, Math.max(duration, 5));
    underExports.push({
      ...page,
      p50: percentile(result.times, 50),
      p975: percentile(result.times, 97.5),
      max: Math.max(...result.times),
      errors: result.errors,
    });
  }
  loadStop.stopped = true;
  await Promise.all(clients);
  log(
    `  under exports: done (${load.done} PDFs, ${load.busy} refused as busy, ${load.failed} failed)`,
  );

  // --- A repeated export ---------------------------------------------------------------------
  // The whole catalogue's PDF, asked for twice with nothing changed: the second is a kept copy.
  const firstPdf = await timeExport(`${base}/reports/export.pdf`, pid);
  const repeatPdf = await timeExport(`${base}/reports/export.pdf`, pid);
  if (repeatPdf.bytes !== firstPdf.bytes) throw new Error("The repeated PDF is not the same file");

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
  console.log("");
  printTable([
    ["first view after a change (median)", "ms"],
    ...coldPages.map((page) => [page.label, coldMs(page.key).toFixed(1)]),
  ]);
  console.log("");
  printTable([
    ["while 6 PDFs are asked for at once", "p50 ms", "p97.5 ms", "max ms", "errors"],
    ...underExports.map((row) => [
      row.label,
      row.p50.toFixed(1),
      row.p975.toFixed(1),
      row.max.toFixed(1),
      String(row.errors),
    ]),
    [`(${load.done} PDFs built, ${load.busy} refused as busy)`, "", "", "", ""],
  ]);
  console.log("");
  printTable([
    ["whole-catalogue PDF", "seconds", "size"],
    ["built", firstPdf.seconds.toFixed(2), `${(firstPdf.bytes / 1024 / 1024).toFixed(1)} MB`],
    [
      "repeated (kept copy)",
      repeatPdf.seconds.toFixed(2),
      `${(repeatPdf.bytes / 1024 / 1024).toFixed(1)} MB`,
    ],
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
      `pdf_s=${seconds("pdf")} json_s=${seconds("json")} peak_rss_mb=${peak} ` +
      `cold_dashboard_ms=${coldMs("dashboard").toFixed(1)} cold_changes_ms=${coldMs("changes").toFixed(1)} ` +
      `cold_search_ms=${coldMs("search").toFixed(1)} cold_item_ms=${coldMs("item").toFixed(1)} ` +
      `login_p97_under_exports_ms=${underExports[0]!.p975.toFixed(1)} ` +
      `repeat_pdf_s=${repeatPdf.seconds.toFixed(2)}`,
  );
} finally {
  server?.kill("SIGTERM");
  await disconnectPrisma();
  await database.stop();
}

// --- Helpers ----------------------------------------------------------------------------------

/**
 * A status change of one synthetic item, committed as the app commits one (the change, the
 * item's new status and version, in one transaction): the cache version moves.
 */
async function commitStatusChange(
  client: pg.Client,
  editorId: string,
  items: number,
  n: number,
  item?: string,
) {
  const id = item ?? `bench-${String(1 + ((n * 7919) % items)).padStart(6, "0")}`;
  await client.query("BEGIN");
  try {
    const { rows } = await client.query<{ status: string }>(
      `SELECT status::text AS status FROM "Recommendation" WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const from = rows[0]?.status ?? "not_started";
    const to = from === "stalled" ? "in_progress" : "stalled";
    await client.query(
      `INSERT INTO "StatusChange" (id, "recommendationId", "fromStatus", "toStatus", summary,
         "occurredOn", "createdById", "createdAt")
       VALUES ($1, $2, $3::"Status", $4::"Status", 'Bench: a change before a first view',
         CURRENT_DATE, $5, now())`,
      [`bench-cold-${Date.now()}-${n}`, id, from, to, editorId],
    );
    await client.query(
      `UPDATE "Recommendation" SET status = $2::"Status", version = version + 1, "updatedAt" = now()
       WHERE id = $1`,
      [id, to],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

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
