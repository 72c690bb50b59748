-- Related items across sources (issue 18, item 5; docs/decisions/0019-related-items.md): staff
-- link two items with a type and a short reason. A row reads from "fromId" to "toId" ("from
-- follows up to"); same-ask is symmetric and kept as one row (the module refuses the reverse).
CREATE TYPE "RelationType" AS ENUM ('same_ask', 'follows_up', 'supersedes', 'part_of');

CREATE TABLE "ItemRelation" (
    "id" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "type" "RelationType" NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ItemRelation_pkey" PRIMARY KEY ("id"),
    -- An item is not related to itself; the reason is a short sentence, never empty.
    CONSTRAINT "ItemRelation_not_self" CHECK ("fromId" <> "toId"),
    CONSTRAINT "ItemRelation_reason_length" CHECK (char_length(btrim("reason")) BETWEEN 1 AND 500)
);

CREATE UNIQUE INDEX "ItemRelation_fromId_toId_type_key" ON "ItemRelation"("fromId", "toId", "type");
-- The other direction ("followed up by") and the list's "has related items" filter read by "toId".
CREATE INDEX "ItemRelation_toId_idx" ON "ItemRelation"("toId");

ALTER TABLE "ItemRelation" ADD CONSTRAINT "ItemRelation_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ItemRelation" ADD CONSTRAINT "ItemRelation_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ItemRelation" ADD CONSTRAINT "ItemRelation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Kept pages and aggregates (migration 0006): the list's "has related items" filter and the
-- reports read relations, so any write moves the general version.
CREATE CONSTRAINT TRIGGER "ItemRelation_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "ItemRelation"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "ItemRelation_truncate_bumps_cache_version"
AFTER TRUNCATE ON "ItemRelation"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

-- Both items' pages show the link (migration 0016's stamps): a write moves both items' stamps.
DO $$
DECLARE
  c text;
BEGIN
  FOREACH c IN ARRAY ARRAY['fromId', 'toId']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON "ItemRelation" REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_items(%L)',
      'ItemRelation_inserts_touch_' || c, c);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON "ItemRelation"
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_items(%L)',
      'ItemRelation_updates_touch_' || c, c);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON "ItemRelation" REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_items(%L)',
      'ItemRelation_deletes_touch_' || c, c);
  END LOOP;
END;
$$;
CREATE TRIGGER "ItemRelation_truncate_touches_items" AFTER TRUNCATE ON "ItemRelation"
  FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_every_item();

-- An item's page shows its related items' reference, titles, source and status: when one of
-- those changes (or the item is archived or restored), the pages of the items related to it move
-- too. Only the stamp of the related items is written, which none of these columns is, so this
-- does not call itself again.
CREATE FUNCTION tracker_touch_related_items() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tracker.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  UPDATE "Recommendation" SET "cacheStamp" = 0
  WHERE id IN (
    SELECT "toId" FROM "ItemRelation" WHERE "fromId" = NEW.id
    UNION SELECT "fromId" FROM "ItemRelation" WHERE "toId" = NEW.id);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Recommendation_touches_related_items"
AFTER UPDATE ON "Recommendation"
FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status
  OR OLD.reference IS DISTINCT FROM NEW.reference
  OR OLD."referenceEs" IS DISTINCT FROM NEW."referenceEs"
  OR OLD.title IS DISTINCT FROM NEW.title
  OR OLD."titleEs" IS DISTINCT FROM NEW."titleEs"
  OR OLD."sourceId" IS DISTINCT FROM NEW."sourceId"
  OR OLD."archivedAt" IS DISTINCT FROM NEW."archivedAt")
EXECUTE FUNCTION tracker_touch_related_items();
