-- One reference per source (issue 16, item 7): two recommendations of one source may not share a
-- reference, whoever creates them and however many at once.
--
-- Compared trimmed and without regard to case: "GAO-21-322 #3" and " gao-21-322 #3" name the same
-- recommendation (the catalogue editor and the import trim what they store, and the shipped
-- catalogue's update already matches references this way). Archived items count: archiving keeps
-- an item's history and links, and restoring it must never meet a newer item holding its reference.
--
-- schema.prisma declares @@unique([sourceId, reference]) under this index's name: Prisma cannot
-- describe an index on an expression, and the index here is the stricter of the two (whatever it
-- refuses, the plain one would refuse too), so the client's compound key stays true. The app maps a
-- violation of it by name (app/modules/catalogue/reference.server.ts).
--
-- A database whose catalogue already has such duplicates (made by two admins at once, or by an
-- import of the same reference in another case) must still start: the later items of each set
-- (by creation time, then id) get " (2)", " (3)", … after their reference, the first number that
-- no item of the source holds, so the result is the same on every copy of the same data. Each
-- rename is an edit like any other: its version moves (an edit form opened before it is refused and
-- shows the rename) and the audit trail records it, by the system, before → after.
DO $$
DECLARE
  duplicate record;
  n integer;
  renamed text;
BEGIN
  FOR duplicate IN
    SELECT d.id, d."sourceId", d.reference, d.version, d.rank
    FROM (
      SELECT r.id, r."sourceId", r.reference, r.version, r."createdAt",
        lower(btrim(r.reference)) AS key,
        row_number() OVER (
          PARTITION BY r."sourceId", lower(btrim(r.reference)) ORDER BY r."createdAt", r.id
        ) AS rank
      FROM "Recommendation" r
    ) d
    WHERE d.rank > 1
    ORDER BY d."sourceId", d.key, d.rank
  LOOP
    n := duplicate.rank;
    LOOP
      -- The forms allow 200 characters: the suffix takes its room from the end of the reference.
      renamed := left(btrim(duplicate.reference), 200 - length(' (' || n || ')')) || ' (' || n || ')';
      EXIT WHEN NOT EXISTS (
        SELECT 1 FROM "Recommendation" r
        WHERE r."sourceId" = duplicate."sourceId" AND lower(btrim(r.reference)) = lower(renamed)
      );
      n := n + 1;
    END LOOP;
    UPDATE "Recommendation"
      SET reference = renamed, version = duplicate.version + 1, "updatedAt" = now() AT TIME ZONE 'UTC'
      WHERE id = duplicate.id;
    -- Timestamps without zone hold UTC here, whatever the server's own TimeZone setting.
    INSERT INTO "AuditEvent" (at, "actorId", action, "entityType", "entityId", before, after)
    VALUES (
      now() AT TIME ZONE 'UTC', NULL, 'recommendation.edited', 'Recommendation', duplicate.id,
      jsonb_build_object('reference', duplicate.reference, 'version', duplicate.version),
      jsonb_build_object('reference', renamed, 'version', duplicate.version + 1,
        'reason', 'migration 0011_unique_reference: another item of its source had this reference')
    );
  END LOOP;
END $$;

-- The renames leave the cache-version trigger's deferred events pending (migration 0006), and
-- PostgreSQL builds no index on a table with pending trigger events: fire them now.
SET CONSTRAINTS ALL IMMEDIATE;

CREATE UNIQUE INDEX "Recommendation_sourceId_reference_key"
  ON "Recommendation" ("sourceId", lower(btrim(reference)));
