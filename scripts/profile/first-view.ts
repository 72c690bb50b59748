// `npx tsx scripts/profile/first-view.ts [--items N] [--runs R]`: where the first view after a
// committed change spends its time (issue 16, item 5; docs/decisions/0014). It uses the bench's
// database (data/bench, filled by scripts/bench/fill.ts as `npm run bench` fills it, and reused
// when it is there) and the production build, and measures, for each page:
//   1. over HTTP, anonymously: the first GET after a committed change (a no-op update of one
//      item, which moves the cache version as any save does) and the GET after it, median of R;
//      meanwhile a CPU profile of the server (node --cpu-prof), whose self time is then summed
//      by what runs it (React's server renderer, the app's bundle, pg, Prisma, GC, …);
//   2. in this process, the page's data functions run cold, every SQL statement they send timed,
//      then each statement again under EXPLAIN (ANALYZE, BUFFERS), slowest first; the plans of
//      the slowest go to data/profile/plans-<page>.txt.
// The machine may be shared: compare shares, not absolute times.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePort } from "#app/modules/db/embedded-postgres.server.ts";
import { disconnectPrisma } from "#app/utils/db.server.ts";
import { LONG_ITEM_ID } from "../bench/fill.ts";
import { benchDatabase, option } from "../bench/database.ts";

const items = option("items", 10_000);
const runs = option("runs", 10);
const log = (line: string) => console.error(line);
const outDir = path.resolve("data", "profile");
fs.mkdirSync(outDir, { recursive: true });

const pages = [
  { key: "overview", path: "/" },
  { key: "changes", path: "/changes" },
  { key: "search", path: "/recommendations?q=tracing+border&status=in_progress" },
  { key: "list", path: "/recommendations" },
  { key: "item", path: `/recommendations/${LONG_ITEM_ID}` },
];

if (!process.argv.includes("--no-build")) {
  log("Building the production server…");
  execFileSync("npx", ["react-router", "build"], { stdio: ["ignore", "ignore", "inherit"] });
}

// The bench's database of this size when it exists, else filled now.
const { database, url } = await benchDatabase(items, true, log);
const report: string[] = [];
const out = (line = "") => {
  report.push(line);
  console.log(line);
};

try {
  await disconnectPrisma();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query("ANALYZE");
  const change = () =>
    db.query(`UPDATE "Recommendation" SET "statusNote" = "statusNote" WHERE id = $1`, [
      LONG_ITEM_ID,
    ]);

  // --- 1. Over HTTP, with a CPU profile -----------------------------------------------------
  const http = !process.argv.includes("--sql-only");
  const only = process.argv.includes("--pages")
    ? process.argv[process.argv.indexOf("--pages") + 1]!.split(",")
    : pages.map((page) => page.key);
  out(`# First view after a committed change, ${items.toLocaleString("en")} items, ${runs} runs`);
  out();
  out("| page | first GET, median ms | next GET, median ms | server CPU, by who runs it |");
  out("|---|---:|---:|---|");
  for (const page of http ? pages.filter((p) => only.includes(p.key)) : []) {
    const profDir = path.join(outDir, `cpu-${page.key}`);
    fs.rmSync(profDir, { recursive: true, force: true });
    fs.mkdirSync(profDir, { recursive: true });
    const profileFile = path.join(profDir, "measured.cpuprofile");
    const port = await freePort();
    const server = spawn(
      process.execPath,
      [
        "--max-old-space-size=320",
        "--import",
        path.resolve("scripts", "profile", "cpu-toggle.js"),
        "server.js",
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          PORT: String(port),
          NODE_ENV: "production",
          CPU_PROFILE_OUT: profileFile,
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    const exited = new Promise((resolve) => server.on("exit", resolve));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/healthz`);
    await get(`${base}${page.path}`); // modules loaded, code compiled: what a running server has
    const first: number[] = [];
    const next: number[] = [];
    server.kill("SIGUSR2");
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (let run = 0; run < runs; run++) {
      await change();
      first.push(await get(`${base}${page.path}`));
      next.push(await get(`${base}${page.path}`));
    }
    server.kill("SIGUSR2");
    for (let wait = 0; wait < 100 && !fs.existsSync(profileFile); wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    server.kill("SIGTERM");
    await exited;
    // Each first GET renders; each next GET is served from the page cache.
    const shares = cpuShares(profDir, runs);
    out(
      `| ${page.key} \`${page.path}\` | ${median(first).toFixed(0)} | ${median(next).toFixed(1)} | ${shares} |`,
    );
  }

  // --- 2. In process: the data functions' SQL -----------------------------------------------
  const captured: Array<{ text: string; values: unknown[]; ms: number }> = [];
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: unknown }).query = function (
    this: pg.Client,
    ...args: unknown[]
  ) {
    const [first, second] = args;
    const text = typeof first === "string" ? first : (first as { text?: string } | undefined)?.text;
    const values =
      (Array.isArray(second) ? second : (first as { values?: unknown[] } | undefined)?.values) ??
      [];
    const started = performance.now();
    const record = () => {
      if (text) captured.push({ text, values, ms: performance.now() - started });
    };
    // pg's pool passes a callback; Prisma's adapter awaits the promise.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (...results: unknown[]) => {
        record();
        return (callback as (...a: unknown[]) => unknown)(...results);
      };
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) void result.then(record, () => {});
    return result;
  };
  const { clearCache } = await import("#app/utils/cache.server.ts");
  const { getDashboard } = await import("#app/modules/recommendations/overview.server.ts");
  const { getChanges, parseChangesQuery } =
    await import("#app/modules/recommendations/changes.server.ts");
  const { listFilterOptions, listRecommendations } =
    await import("#app/modules/recommendations/list.server.ts");
  const { parseListQuery } = await import("#app/modules/recommendations/list-query.ts");
  const { getRecommendation } = await import("#app/modules/recommendations/detail.server.ts");
  const now = new Date();
  const listQuery = (query: string) => parseListQuery(new URLSearchParams(query)).query;
  const views: Record<string, () => Promise<unknown>> = {
    overview: () => getDashboard({}, null, now),
    changes: () =>
      Promise.all([
        getChanges(parseChangesQuery(new URLSearchParams(), now).query, now),
        listFilterOptions(),
      ]),
    search: () =>
      Promise.all([
        listRecommendations(listQuery("q=tracing+border&status=in_progress"), "en"),
        listFilterOptions(),
      ]),
    list: () => Promise.all([listRecommendations(listQuery(""), "en"), listFilterOptions()]),
    item: () => getRecommendation(LONG_ITEM_ID),
  };
  out();
  out("## The data functions, cold, and their statements");
  for (const [key, view] of Object.entries(views).filter(([key]) => only.includes(key))) {
    const walls: number[] = [];
    let statements: typeof captured = [];
    for (let run = 0; run < 3; run++) {
      clearCache();
      captured.length = 0;
      const started = performance.now();
      await view();
      walls.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
      statements = [...captured].filter((s) => !/"CacheVersion"/.test(s.text));
    }
    out();
    out(
      `### ${key}: ${median(walls).toFixed(0)} ms for the data (median of 3), ${statements.length} statements`,
    );
    out();
    out("| statement (start) | wall ms in the page | EXPLAIN ANALYZE ms | shared hit / read |");
    out("|---|---:|---:|---:|");
    const explained: Array<{ text: string; ms: number; exec: number; plan: string; buf: string }> =
      [];
    for (const statement of statements) {
      const { rows } = await db.query(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${statement.text}`,
        statement.values.map((value) => (value instanceof Date ? value.toISOString() : value)),
      );
      const plan = rows.map((row: Record<string, string>) => row["QUERY PLAN"]).join("\n");
      const exec = Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0);
      const top = /Buffers: shared hit=(\d+)(?: read=(\d+))?/.exec(plan);
      explained.push({
        text: statement.text,
        ms: statement.ms,
        exec,
        plan,
        buf: top ? `${top[1]} / ${top[2] ?? 0}` : "–",
      });
    }
    explained.sort((a, b) => b.exec - a.exec);
    for (const row of explained) {
      const start = row.text.replace(/\s+/g, " ").trim().slice(0, 90).replaceAll("|", "\\|");
      out(`| \`${start}\` | ${row.ms.toFixed(1)} | ${row.exec.toFixed(1)} | ${row.buf} |`);
    }
    fs.writeFileSync(
      path.join(outDir, `plans-${key}.txt`),
      explained
        .slice(0, 4)
        .map((row) => `-- ${row.exec} ms\n${row.text}\n\n${row.plan}`)
        .join("\n\n========\n\n"),
    );
  }
  await db.end();
  fs.writeFileSync(path.join(outDir, "first-view.md"), `${report.join("\n")}\n`);
  log(`Written to ${path.join(outDir, "first-view.md")} (plans beside it)`);
} finally {
  const { closeSqlPool } = await import("#app/utils/sql.server.ts");
  await closeSqlPool().catch(() => {});
  await disconnectPrisma();
  await database.stop();
}

// --- Helpers ----------------------------------------------------------------------------------

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

/** One GET, read to its end; its time in ms. */
async function get(target: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(target);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${target}: ${response.status}`);
  return performance.now() - started;
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
};

/**
 * The server's CPU while the views were measured: per first view (with its cached repeat), the
 * busy time and the part of it spent under React's server renderer (with the components it
 * calls); then the busy time's self time by who runs it, largest first, as "name n%".
 */
function cpuShares(dir: string, renders: number): string {
  const file = fs.readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) return "no profile";
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const underRender = new Map<number, boolean>();
  const rendering = (id: number): boolean => {
    const known = underRender.get(id);
    if (known !== undefined) return known;
    const here = /react-dom/.test(byId.get(id)!.callFrame.url);
    const result = here || (parent.has(id) ? rendering(parent.get(id)!) : false);
    underRender.set(id, result);
    return result;
  };
  const self = new Map<number, number>();
  let renderMicros = 0;
  let busyMicros = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    self.set(id, (self.get(id) ?? 0) + micros);
    if (byId.get(id)!.callFrame.functionName === "(idle)") return;
    busyMicros += micros;
    if (rendering(id)) renderMicros += micros;
  });
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame;
    const group = groupOf(frame);
    if (group === "idle") continue;
    groups.set(group, (groups.get(group) ?? 0) + micros);
    const label = `${frame.functionName || "(anonymous)"} ${path.basename(frame.url) || ""}`;
    functions.set(label, (functions.get(label) ?? 0) + micros);
  }
  const total = [...groups.values()].reduce((sum, n) => sum + n, 0);
  const top = [...functions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  fs.writeFileSync(
    path.join(dir, "top-functions.txt"),
    top.map(([label, micros]) => `${(micros / 1000).toFixed(0)} ms  ${label}`).join("\n"),
  );
  const perRender = (micros: number) => (micros / 1000 / renders).toFixed(0);
  return (
    `busy ${perRender(busyMicros)} ms, of which rendering ${perRender(renderMicros)} ms, a view; ` +
    [...groups.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([group, micros]) => `${group} ${((100 * micros) / total).toFixed(0)}%`)
      .join(", ")
  );
}

function groupOf(frame: { functionName: string; url: string }): string {
  const { functionName, url } = frame;
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(program)") return "program";
  if (/react-dom/.test(url)) return "React render";
  if (/node_modules\/react\//.test(url)) return "React";
  if (/node_modules\/(pg|pg-protocol|pg-types|pg-pool)\//.test(url)) return "pg";
  if (/@prisma|generated\/prisma|query_compiler/.test(url)) return "Prisma";
  if (/node_modules\/(react-router|@react-router)\//.test(url)) return "React Router";
  if (/\/build\/server\//.test(url)) return "app bundle";
  if (/node_modules\//.test(url)) return "other packages";
  if (url.startsWith("node:") || url === "") return "Node";
  return "other";
}
