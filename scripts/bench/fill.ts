// A synthetic catalogue for the benchmark, written with a few set-based SQL statements so that
// ten thousand items with their history take seconds: sources, items linked to actors, goals and
// tags, ten status changes each, two evidence links and a note each, official statuses for a
// third of them, audit events to match, and one item with a long timeline.
import pg from "pg";

export type FillOptions = { items: number; changesPerItem: number; sources: number };

export const LONG_ITEM_ID = "bench-long";

const words = [
  "tracing",
  "border",
  "firearms",
  "trafficking",
  "data",
  "analysis",
  "cooperation",
  "Mexico",
  "ATF",
  "ICE",
  "CBP",
  "seizures",
  "information",
  "sharing",
  "performance",
  "measures",
  "investigations",
  "exports",
  "smuggling",
  "licensing",
  "inspections",
  "training",
  "forensics",
  "networks",
  "prosecution",
  "weapons",
  "ammunition",
  "ports",
  "entry",
  "southbound",
];

/** `count` words picked by a walk over `words` seeded by `seed` (SQL). */
function wordsSql(seed: string, count: number, step: number) {
  const list = `ARRAY[${words.map((word) => `'${word}'`).join(",")}]`;
  const parts = Array.from(
    { length: count },
    (_, k) => `(${list})[1 + ((${seed}) * ${step} + ${k * 7 + 3}) % ${words.length}]`,
  );
  return parts.join(" || ' ' || ");
}

const statuses = `ARRAY['not_started','in_progress','partially_implemented','implemented','stalled','not_implemented']::"Status"[]`;

export async function fillSyntheticCatalogue(url: string, options: FillOptions, editorId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { items, changesPerItem, sources } = options;
  const run = (sql: string, values: unknown[] = []) => client.query(sql, values);
  try {
    await run("BEGIN");
    await run(
      `INSERT INTO "Source" (id, code, title, "titleEs", publisher, kind, "publishedDate", url, "updatedAt")
       SELECT 'bench-src-' || s, 'BENCH-' || lpad(s::text, 2, '0'),
         'Synthetic report ' || s || ' on firearms trafficking',
         'Informe sintético ' || s || ' sobre tráfico de armas',
         'U.S. Government Accountability Office', 'gao_report',
         to_char(date '2015-01-01' + (s * 61), 'YYYY-MM-DD'), 'https://example.org/report/' || s, now()
       FROM generate_series(1, $1) s`,
      [sources],
    );
    await run(
      `INSERT INTO "Tag" (id, slug, name, "nameEs", "updatedAt")
       SELECT 'bench-tag-' || t, 'bench-tag-' || t, 'Topic ' || t, 'Tema ' || t, now()
       FROM generate_series(1, 20) t`,
    );
    // Items: the status after their last change; half checked at some point.
    await run(
      `INSERT INTO "Recommendation" (id, "sourceId", reference, "referenceEs", title, "titleEs", text,
         country, status, "verificationLevel", "sourceUrl", position, "lastActivityAt",
         "lastVerifiedAt", "statusOfficial", "statusOfficialAsOf", "createdAt", "updatedAt")
       SELECT 'bench-' || lpad(i::text, 6, '0'), 'bench-src-' || (1 + i % $2),
         'BENCH-' || lpad((1 + i % $2)::text, 2, '0') || ' #' || i,
         'BENCH-' || lpad((1 + i % $2)::text, 2, '0') || ' n.º ' || i,
         initcap(${wordsSql("i", 6, 5)}),
         'Recomendación ' || i || ': ' || ${wordsSql("i", 5, 11)},
         'The agency should ' || ${wordsSql("i", 40, 13)} || '.',
         (ARRAY['US','MX','binational']::"Country"[])[1 + i % 3],
         (${statuses})[1 + (i + $3) % 6],
         'official_summary', 'https://example.org/item/' || i, 1000 + i,
         now() - make_interval(days => i % 700),
         CASE WHEN i % 2 = 0 THEN now() - make_interval(days => i % 200) END,
         CASE WHEN i % 3 = 0 THEN (ARRAY['open','open_partially_addressed','closed_implemented']::"OfficialStatus"[])[1 + i % 3] END,
         CASE WHEN i % 3 = 0 THEN date '2026-09-28' END,
         now() - make_interval(days => 900), now()
       FROM generate_series(1, $1) i`,
      [items, sources, changesPerItem],
    );
    await run(
      `INSERT INTO "_ActorToRecommendation" ("A", "B")
       SELECT DISTINCT a.id, 'bench-' || lpad(i::text, 6, '0')
       FROM generate_series(1, $1) i
       CROSS JOIN generate_series(0, i % 3) k
       JOIN LATERAL (SELECT id FROM "Actor" ORDER BY code OFFSET ((i + k * 5) % 16) LIMIT 1) a ON true`,
      [items],
    );
    await run(
      `INSERT INTO "_GoalToRecommendation" ("A", "B")
       SELECT g.id, 'bench-' || lpad(i::text, 6, '0')
       FROM generate_series(1, $1) i
       JOIN LATERAL (SELECT id FROM "Goal" ORDER BY code OFFSET (i % 6) LIMIT 1) g ON true`,
      [items],
    );
    await run(
      `INSERT INTO "_RecommendationToTag" ("A", "B")
       SELECT DISTINCT 'bench-' || lpad(i::text, 6, '0'), 'bench-tag-' || (1 + (i + k * 7) % 20)
       FROM generate_series(1, $1) i CROSS JOIN generate_series(1, i % 3) k`,
      [items],
    );
    // Status changes: item i walks through the statuses from (i % 6), one step per change, a
    // change every 60 days from a start that differs by item.
    await run(
      `INSERT INTO "StatusChange" (id, "recommendationId", "fromStatus", "toStatus", summary,
         "occurredOn", "createdById", "createdAt")
       SELECT 'bench-sc-' || i || '-' || k, 'bench-' || lpad(i::text, 6, '0'),
         (${statuses})[1 + (i + k - 1) % 6], (${statuses})[1 + (i + k) % 6],
         'Change ' || k || ': ' || ${wordsSql("i + k", 12, 3)},
         date '2023-01-01' + (i % 300) + k * 60, $3,
         (date '2023-01-01' + (i % 300) + k * 60)::timestamp + interval '10 hours'
       FROM generate_series(1, $1) i CROSS JOIN generate_series(1, $2) k`,
      [items, changesPerItem, editorId],
    );
    await run(
      `INSERT INTO "Evidence" (id, "recommendationId", kind, url, title, "documentedOn",
         "createdById", "createdAt", "updatedAt")
       SELECT 'bench-ev-' || i || '-' || k, 'bench-' || lpad(i::text, 6, '0'), 'link',
         'https://example.org/evidence/' || i || '/' || k, 'Evidence ' || k || ' for item ' || i,
         date '2023-01-01' + (i % 300) + k * 200, $2, now() - make_interval(days => k), now()
       FROM generate_series(1, $1) i CROSS JOIN generate_series(1, 2) k`,
      [items, editorId],
    );
    await run(
      `INSERT INTO "Note" (id, "recommendationId", "authorId", body, visibility, "createdAt", "updatedAt")
       SELECT 'bench-note-' || i, 'bench-' || lpad(i::text, 6, '0'), $2,
         'A **note** on ' || ${wordsSql("i", 15, 7)} || '.',
         (ARRAY['internal','public']::"NoteVisibility"[])[1 + i % 2],
         now() - make_interval(days => i % 365), now()
       FROM generate_series(1, $1) i`,
      [items, editorId],
    );
    await run(
      `INSERT INTO "OfficialStatusChange" (id, "recommendationId", "fromStatus", "toStatus", "asOf", "createdAt")
       SELECT 'bench-osc-' || r.id, r.id, 'open', r."statusOfficial", r."statusOfficialAsOf", now()
       FROM "Recommendation" r WHERE r.id LIKE 'bench-%' AND r."statusOfficial" IS NOT NULL
         AND r."statusOfficial" <> 'open'`,
    );
    // One item with a long history: 200 changes, 50 evidence links, 50 notes.
    await run(
      `INSERT INTO "Recommendation" (id, "sourceId", reference, title, text, country, status,
         "verificationLevel", "sourceUrl", position, "updatedAt")
       VALUES ($1, 'bench-src-1', 'BENCH-01 long', 'An item with a long timeline',
         'The agency should keep records of every step.', 'US', (${statuses})[1 + 200 % 6],
         'official_text', 'https://example.org/long', 0, now())`,
      [LONG_ITEM_ID],
    );
    await run(
      `INSERT INTO "StatusChange" (id, "recommendationId", "fromStatus", "toStatus", summary, "occurredOn", "createdById")
       SELECT 'bench-long-sc-' || k, $1, (${statuses})[1 + (k - 1) % 6], (${statuses})[1 + k % 6],
         'Step ' || k || ' of a long history.', date '2020-01-01' + k * 9, $2
       FROM generate_series(1, 200) k`,
      [LONG_ITEM_ID, editorId],
    );
    await run(
      `INSERT INTO "Evidence" (id, "recommendationId", kind, url, title, "documentedOn", "createdById", "updatedAt")
       SELECT 'bench-long-ev-' || k, $1, 'link', 'https://example.org/long/' || k, 'Long evidence ' || k,
         date '2020-01-01' + k * 30, $2, now()
       FROM generate_series(1, 50) k`,
      [LONG_ITEM_ID, editorId],
    );
    await run(
      `INSERT INTO "Note" (id, "recommendationId", "authorId", body, visibility, "createdAt", "updatedAt")
       SELECT 'bench-long-note-' || k, $1, $2, 'Note **' || k || '** with a [link](https://example.org/' || k || ').',
         (ARRAY['internal','public']::"NoteVisibility"[])[1 + k % 2], now() - make_interval(days => k), now()
       FROM generate_series(1, 50) k`,
      [LONG_ITEM_ID, editorId],
    );
    // An audit event for every change written above, as the app would have written them.
    await run(
      `INSERT INTO "AuditEvent" (at, "actorId", action, "entityType", "entityId", after)
       SELECT sc."createdAt", $1, 'recommendation.status_changed', 'Recommendation', sc."recommendationId",
         jsonb_build_object('status', sc."toStatus", 'statusChangeId', sc.id)
       FROM "StatusChange" sc WHERE sc.id LIKE 'bench-%'
       UNION ALL
       SELECT e."createdAt", $1, 'evidence.added', 'Evidence', e.id, jsonb_build_object('title', e.title)
       FROM "Evidence" e WHERE e.id LIKE 'bench-%'
       UNION ALL
       SELECT n."createdAt", $1, 'note.created', 'Note', n.id, jsonb_build_object('visibility', n.visibility)
       FROM "Note" n WHERE n.id LIKE 'bench-%'`,
      [editorId],
    );
    await run("COMMIT");
    await run("ANALYZE");
  } catch (error) {
    await run("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
