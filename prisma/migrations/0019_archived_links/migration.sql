-- Archived evidence (issue 17, item 1): each evidence link and each source's document URL is
-- fetched in the background (pg-boss jobs, app/modules/archive/) and kept with its hash; a
-- weekly re-check records whether it changed or went away. pg-boss keeps its own tables in the
-- schema "pgboss", which it creates and migrates itself: nothing here touches it.
CREATE TYPE "LinkHealth" AS ENUM ('pending', 'ok', 'changed', 'unreachable');

CREATE TABLE "ArchivedLink" (
    "id" TEXT NOT NULL,
    "evidenceId" TEXT,
    "sourceId" TEXT,
    "url" TEXT NOT NULL,
    "health" "LinkHealth" NOT NULL DEFAULT 'pending',
    "lastCheckedAt" TIMESTAMP(3),
    "lastFailureReason" TEXT,
    "lastFailureDetail" TEXT,
    "unreachableSince" TIMESTAMP(3),
    "changedSince" TIMESTAMP(3),
    "changedSha256" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArchivedLink_pkey" PRIMARY KEY ("id"),
    -- A link belongs to exactly one evidence or one source.
    CONSTRAINT "ArchivedLink_one_owner" CHECK (("evidenceId" IS NULL) <> ("sourceId" IS NULL))
);
CREATE UNIQUE INDEX "ArchivedLink_evidenceId_key" ON "ArchivedLink"("evidenceId");
CREATE UNIQUE INDEX "ArchivedLink_sourceId_key" ON "ArchivedLink"("sourceId");
CREATE INDEX "ArchivedLink_health_idx" ON "ArchivedLink"("health");
ALTER TABLE "ArchivedLink" ADD CONSTRAINT "ArchivedLink_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ArchivedLink" ADD CONSTRAINT "ArchivedLink_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ArchivedCopy" (
    "id" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "requestedUrl" TEXT NOT NULL,
    "finalUrl" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArchivedCopy_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ArchivedCopy_linkId_fetchedAt_idx" ON "ArchivedCopy"("linkId", "fetchedAt");
ALTER TABLE "ArchivedCopy" ADD CONSTRAINT "ArchivedCopy_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "ArchivedLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ArchivedCopyData" (
    "copyId" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ArchivedCopyData_pkey" PRIMARY KEY ("copyId")
);
ALTER TABLE "ArchivedCopyData" ADD CONSTRAINT "ArchivedCopyData_copyId_fkey" FOREIGN KEY ("copyId") REFERENCES "ArchivedCopy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The item's page shows its evidence links' archive lines: a link's state or a new copy moves
-- the item's stamp (migration 0016), and a source's link moves the catalogue version, as any
-- write to Source does. Copies are one step further (through their link). A restore loads the
-- stamps as saved (tracker.restoring), as in 0016.
CREATE FUNCTION tracker_touch_archived_links() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  link_ids text[];
  evidence_ids text[];
  any_source boolean;
BEGIN
  IF current_setting('tracker.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(to_jsonb(n) ->> TG_ARGV[0]) INTO link_ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(to_jsonb(o) ->> TG_ARGV[0]) INTO link_ids FROM old_rows o;
  ELSE
    SELECT array_agg(x) INTO link_ids FROM (
      SELECT to_jsonb(o) ->> TG_ARGV[0] AS x FROM old_rows o
      UNION SELECT to_jsonb(n) ->> TG_ARGV[0] FROM new_rows n) u;
  END IF;
  IF TG_TABLE_NAME = 'ArchivedLink' THEN
    -- The rows themselves (deleted ones are no longer in the table).
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(n."evidenceId"), bool_or(n."sourceId" IS NOT NULL)
        INTO evidence_ids, any_source FROM new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(o."evidenceId"), bool_or(o."sourceId" IS NOT NULL)
        INTO evidence_ids, any_source FROM old_rows o;
    ELSE
      SELECT array_agg(e), bool_or(s) INTO evidence_ids, any_source FROM (
        SELECT o."evidenceId" AS e, o."sourceId" IS NOT NULL AS s FROM old_rows o
        UNION ALL SELECT n."evidenceId", n."sourceId" IS NOT NULL FROM new_rows n) u;
    END IF;
  ELSE
    SELECT array_agg(l."evidenceId"), bool_or(l."sourceId" IS NOT NULL)
      INTO evidence_ids, any_source FROM "ArchivedLink" l WHERE l.id = ANY (link_ids);
  END IF;
  IF evidence_ids IS NOT NULL THEN
    UPDATE "Recommendation" SET "cacheStamp" = 0
    WHERE id IN (SELECT "recommendationId" FROM "Evidence" WHERE id = ANY (evidence_ids));
  END IF;
  IF any_source THEN
    -- As 0016's deferred trigger does for Source, once a transaction.
    IF current_setting('tracker.catalogue_bumped', true) IS DISTINCT FROM txid_current()::text THEN
      IF current_setting('tracker.cache_bumped', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "id" = 1;
        PERFORM set_config('tracker.cache_bumped', txid_current()::text, true);
      END IF;
      UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "id" = 3;
      PERFORM set_config('tracker.catalogue_bumped', txid_current()::text, true);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text[];
BEGIN
  FOREACH t SLICE 1 IN ARRAY ARRAY[['ArchivedLink', 'id'], ['ArchivedCopy', 'linkId']]
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_archived_links(%L)',
      t[1] || '_inserts_touch_items', t[1], t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_archived_links(%L)',
      t[1] || '_updates_touch_items', t[1], t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_archived_links(%L)',
      t[1] || '_deletes_touch_items', t[1], t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_every_item()',
      t[1] || '_truncate_touches_items', t[1]);
  END LOOP;
END;
$$;
