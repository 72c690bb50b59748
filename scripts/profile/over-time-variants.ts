// `npx tsx scripts/profile/over-time-variants.ts`, after first-view.ts has filled data/bench: the
// dashboard's status-over-time query (24 month ends over 10,000 items) as it is, with a covering
// index, as one pass over status spans, and read from a month-end table per item or from a
// (month, source, status) roll-up; each checked to give the same counts. The figures behind
// docs/decisions/0014-first-view-after-a-change.md. It adds and drops its own tables and indexes
// in the bench's database only.
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "#app/modules/db/embedded-postgres.server.ts";
import { monthEnds } from "#app/modules/recommendations/as-of.server.ts";

const database = await startEmbeddedPostgres(path.resolve("data", "bench"));
const db = new pg.Client({ connectionString: database.url("bench_10000") });
await db.connect();
const past = monthEnds(24, new Date()).slice(0, -1);
async function time(label: string, sql: string, values: unknown[] = [past]) {
  const times: number[] = [];
  let rows: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    rows = (await db.query(sql, values)).rows;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: ${times[1]!.toFixed(0)} ms (median of 3), ${rows.length} rows`);
  return rows;
}
const statusOnDay = (item: string, day: string) => `COALESCE(
    (SELECT sc."toStatus" FROM "StatusChange" sc
      WHERE sc."recommendationId" = ${item}.id AND sc."occurredOn" <= ${day}
      ORDER BY sc."occurredOn" DESC, sc."createdAt" DESC, sc.id DESC LIMIT 1),
    (SELECT sc."fromStatus" FROM "StatusChange" sc
      WHERE sc."recommendationId" = ${item}.id
      ORDER BY sc."occurredOn" ASC, sc."createdAt" ASC, sc.id ASC LIMIT 1),
    ${item}.status)`;
const today = `WITH days AS (SELECT unnest($1::date[]) AS day),
  candidates AS (SELECT r.id, r.status, s."publishedDate" FROM "Recommendation" r
    JOIN "Source" s ON s.id = r."sourceId" WHERE r."archivedAt" IS NULL)
  SELECT x.date, x.status, count(*)::int AS count FROM (
    SELECT to_char(days.day, 'YYYY-MM-DD') AS date, ${statusOnDay("c", "days.day")} AS status
    FROM candidates c CROSS JOIN days
    WHERE c."publishedDate" IS NULL
      OR c."publishedDate" COLLATE "C" <= to_char(days.day, 'YYYY-MM-DD') COLLATE "C") x
  GROUP BY 1, 2 ORDER BY 1, 2`;
const key = (rows: unknown[]) => JSON.stringify(rows);
const base = key(await time("as it is", today));
await db.query(
  `CREATE INDEX IF NOT EXISTS exp_sc_cover ON "StatusChange" ("recommendationId", "occurredOn" DESC, "createdAt" DESC, id DESC) INCLUDE ("toStatus", "fromStatus")`,
);
await db.query(`VACUUM ANALYZE "StatusChange"`);
console.log("  same result:", key(await time("with a covering index", today)) === base);
await db.query(`DROP INDEX exp_sc_cover`);
const spans = `WITH days AS (SELECT unnest($1::date[]) AS day),
  candidates AS (SELECT r.id, r.status, s."publishedDate" FROM "Recommendation" r
    JOIN "Source" s ON s.id = r."sourceId" WHERE r."archivedAt" IS NULL),
  ordered AS (SELECT sc."recommendationId" AS id, sc."toStatus", sc."fromStatus", sc."occurredOn",
      row_number() OVER w AS k, lead(sc."occurredOn") OVER w AS next_on
    FROM "StatusChange" sc
    WINDOW w AS (PARTITION BY sc."recommendationId" ORDER BY sc."occurredOn", sc."createdAt", sc.id)),
  spans AS (
    SELECT id, "toStatus" AS status, "occurredOn" AS from_day, next_on AS to_day FROM ordered
    UNION ALL SELECT id, "fromStatus", '-infinity'::date, "occurredOn" FROM ordered WHERE k = 1
    UNION ALL SELECT c.id, c.status, '-infinity'::date, NULL FROM candidates c
      WHERE NOT EXISTS (SELECT 1 FROM "StatusChange" x WHERE x."recommendationId" = c.id))
  SELECT to_char(d.day, 'YYYY-MM-DD') AS date, sp.status, count(*)::int AS count
  FROM candidates c JOIN spans sp ON sp.id = c.id
  JOIN days d ON d.day >= sp.from_day AND (sp.to_day IS NULL OR d.day < sp.to_day)
  WHERE c."publishedDate" IS NULL OR c."publishedDate" COLLATE "C" <= to_char(d.day, 'YYYY-MM-DD') COLLATE "C"
  GROUP BY 1, 2 ORDER BY 1, 2`;
console.log("  same result:", key(await time("as spans, one pass", spans)) === base);
await db.query(`DROP TABLE IF EXISTS exp_month_end`);
const t0 = performance.now();
await db.query(
  `CREATE TABLE exp_month_end AS
  SELECT c.id AS "recommendationId", days.day AS month_end, ${statusOnDay("c", "days.day")}::"Status" AS status
  FROM "Recommendation" c CROSS JOIN (SELECT unnest($1::date[]) AS day) days`,
  [past],
);
await db.query(`ALTER TABLE exp_month_end ADD PRIMARY KEY (month_end, "recommendationId")`);
await db.query(`VACUUM ANALYZE exp_month_end`);
console.log(`  (building the month-end table: ${(performance.now() - t0).toFixed(0)} ms)`);
const fromTable = `SELECT to_char(m.month_end, 'YYYY-MM-DD') AS date, m.status, count(*)::int AS count
  FROM exp_month_end m JOIN "Recommendation" r ON r.id = m."recommendationId"
  JOIN "Source" s ON s.id = r."sourceId"
  WHERE m.month_end = ANY($1::date[]) AND r."archivedAt" IS NULL
    AND (s."publishedDate" IS NULL OR s."publishedDate" COLLATE "C" <= to_char(m.month_end, 'YYYY-MM-DD') COLLATE "C")
  GROUP BY 1, 2 ORDER BY 1, 2`;
console.log(
  "  same result:",
  key(await time("from a month-end table (per item)", fromTable)) === base,
);
await db.query(`DROP TABLE IF EXISTS exp_month_source`);
await db.query(`CREATE TABLE exp_month_source AS SELECT m.month_end, r."sourceId", m.status, count(*)::int AS count
  FROM exp_month_end m JOIN "Recommendation" r ON r.id = m."recommendationId" WHERE r."archivedAt" IS NULL GROUP BY 1, 2, 3`);
const rollup = `SELECT to_char(m.month_end, 'YYYY-MM-DD') AS date, m.status, sum(m.count)::int AS count
  FROM exp_month_source m JOIN "Source" s ON s.id = m."sourceId"
  WHERE m.month_end = ANY($1::date[])
    AND (s."publishedDate" IS NULL OR s."publishedDate" COLLATE "C" <= to_char(m.month_end, 'YYYY-MM-DD') COLLATE "C")
  GROUP BY 1, 2 ORDER BY 1, 2`;
console.log(
  "  same result:",
  key(await time("from a (month, source, status) roll-up", rollup)) === base,
);
// Today's counts per source/goal/actor and the two "checked" counts, as the dashboard runs them.
await time(
  "stale count (seq scan today)",
  `SELECT count(*) FROM "Recommendation" r WHERE r."archivedAt" IS NULL AND r."lastVerifiedAt" < now() - interval '90 days'`,
  [],
);
await db.query(
  `CREATE INDEX exp_verified ON "Recommendation" ("lastVerifiedAt") WHERE "archivedAt" IS NULL`,
);
await db.query(`ANALYZE "Recommendation"`);
await time(
  "stale count (partial index)",
  `SELECT count(*) FROM "Recommendation" r WHERE r."archivedAt" IS NULL AND r."lastVerifiedAt" < now() - interval '90 days'`,
  [],
);
await db.query(`DROP INDEX exp_verified`);
await db.query(`DROP TABLE exp_month_source`);
await db.query(`DROP TABLE exp_month_end`);
await db.end();
await database.stop();
