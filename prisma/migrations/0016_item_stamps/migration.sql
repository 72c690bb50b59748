-- Pages kept across changes that do not show on them (issue 16, item 5; docs/decisions/0014).
-- Until now every committed change emptied every kept page. An item's page shows only the item
-- (its fields, links, status and official changes, evidence and notes) and names kept elsewhere
-- (sources, actors, goals, tags, people): so it is kept on
--   1. a third cache version, "catalogue" (row 3 of CacheVersion), which moves only when the
--      catalogue's shape changes: a source, actor, goal or tag; what a person is shown by
--      (migration 0009's columns); an item added, deleted, archived, restored or moved to another
--      source, or linked to an actor, goal or tag or unlinked (what the filter menus offer); and
--   2. the item's own stamp, "cacheStamp", a number from one sequence that moves whenever the item
--      or anything of its own is written, whoever writes it.
-- A status change to one item then re-renders that item's page and the pages that list or count
-- items, not every other item's page.

INSERT INTO "CacheVersion" ("id", "value") VALUES (3, 0);

-- Moves the catalogue version once a transaction, after the general version (moved first when it
-- has not been yet, as migration 0015 does for the history version): every transaction locks
-- row 1 before rows 2 and 3, so two committing transactions cannot deadlock on them.
CREATE FUNCTION tracker_bump_catalogue_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tracker.catalogue_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    IF current_setting('tracker.cache_bumped', true) IS DISTINCT FROM txid_current()::text THEN
      UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "id" = 1;
      PERFORM set_config('tracker.cache_bumped', txid_current()::text, true);
    END IF;
    UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "id" = 3;
    PERFORM set_config('tracker.catalogue_bumped', txid_current()::text, true);
  END IF;
  RETURN NULL;
END;
$$;

-- Sources, actors, goals and tags, and the links between items and the last three: any write.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Source', 'Actor', 'Goal', 'Tag', '_ActorToRecommendation',
    '_GoalToRecommendation', '_RecommendationToTag']
  LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_catalogue_version()',
      t || '_bump_catalogue_version', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_catalogue_version()',
      t || '_truncate_bumps_catalogue_version', t);
  END LOOP;
END;
$$;

-- A person is shown by these (people.ts); a deleted person's rows are updated (SET NULL), which
-- moves the stamps of the items they touched.
CREATE CONSTRAINT TRIGGER "User_public_name_bumps_catalogue_version"
AFTER UPDATE OF "name", "role", "showNamePublicly", "publicName" ON "User"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_catalogue_version();

-- Items added, deleted, archived, restored or moved to another source.
CREATE CONSTRAINT TRIGGER "Recommendation_bump_catalogue_version"
AFTER INSERT OR DELETE ON "Recommendation"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_catalogue_version();
CREATE CONSTRAINT TRIGGER "Recommendation_update_bumps_catalogue_version"
AFTER UPDATE ON "Recommendation"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD."archivedAt" IS DISTINCT FROM NEW."archivedAt"
  OR OLD."sourceId" IS DISTINCT FROM NEW."sourceId"
  OR OLD.id IS DISTINCT FROM NEW.id)
EXECUTE FUNCTION tracker_bump_catalogue_version();
CREATE TRIGGER "Recommendation_truncate_bumps_catalogue_version"
AFTER TRUNCATE ON "Recommendation"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_catalogue_version();

-- The item's stamp. Not in prisma/schema.prisma on purpose: the app reads it only by SQL (the
-- page cache), and a BigInt in every Prisma read of an item would only be in the way.
CREATE SEQUENCE "Recommendation_cacheStamp_seq";
ALTER TABLE "Recommendation"
  ADD COLUMN "cacheStamp" BIGINT NOT NULL DEFAULT nextval('"Recommendation_cacheStamp_seq"');
ALTER SEQUENCE "Recommendation_cacheStamp_seq" OWNED BY "Recommendation"."cacheStamp";

-- Any update of the item moves its stamp.
CREATE FUNCTION tracker_item_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."cacheStamp" := nextval('"Recommendation_cacheStamp_seq"');
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Recommendation_moves_cache_stamp"
BEFORE UPDATE ON "Recommendation"
FOR EACH ROW EXECUTE FUNCTION tracker_item_stamp();

-- Rows of items' own (status and official changes, evidence, notes, links) written: those items'
-- stamps move, once a statement (a transition table of the rows it wrote), so that a bulk load
-- (an import, a restore) updates each item once, not once a row. TG_ARGV[0] names the rows'
-- column holding the item's id. A restore (backup.server.ts) loads the stamps as they were saved
-- and says so with the setting tracker.restoring.
CREATE FUNCTION tracker_touch_items() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tracker.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    UPDATE "Recommendation" SET "cacheStamp" = 0
    WHERE id IN (SELECT to_jsonb(n) ->> TG_ARGV[0] FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "Recommendation" SET "cacheStamp" = 0
    WHERE id IN (SELECT to_jsonb(o) ->> TG_ARGV[0] FROM old_rows o);
  ELSE
    UPDATE "Recommendation" SET "cacheStamp" = 0
    WHERE id IN (SELECT to_jsonb(o) ->> TG_ARGV[0] FROM old_rows o
      UNION SELECT to_jsonb(n) ->> TG_ARGV[0] FROM new_rows n);
  END IF;
  RETURN NULL;
END;
$$;

-- Emptying a table of items' rows: every stamp moves.
CREATE FUNCTION tracker_touch_every_item() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Recommendation" SET "cacheStamp" = 0;
  RETURN NULL;
END;
$$;


-- Rows one step further from the item: evidence linked to a status change ("A" is the evidence),
-- a note's earlier texts. Once a statement too.
CREATE FUNCTION tracker_touch_items_through() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  IF current_setting('tracker.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(to_jsonb(n) ->> TG_ARGV[0]) INTO ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(to_jsonb(o) ->> TG_ARGV[0]) INTO ids FROM old_rows o;
  ELSE
    SELECT array_agg(x) INTO ids FROM (
      SELECT to_jsonb(o) ->> TG_ARGV[0] AS x FROM old_rows o
      UNION SELECT to_jsonb(n) ->> TG_ARGV[0] FROM new_rows n) u;
  END IF;
  IF TG_TABLE_NAME = 'NoteRevision' THEN
    UPDATE "Recommendation" SET "cacheStamp" = 0
    WHERE id IN (SELECT "recommendationId" FROM "Note" WHERE id = ANY (ids));
  ELSE
    UPDATE "Recommendation" SET "cacheStamp" = 0
    WHERE id IN (SELECT "recommendationId" FROM "Evidence" WHERE id = ANY (ids));
  END IF;
  RETURN NULL;
END;
$$;

-- Each table, its column naming the item (or the evidence, or the note, one step further) and
-- the function that moves the stamps. The implicit many-to-many tables name the item in "B"
-- (actors, goals) or "A" (tags); "A" of evidence's links to changes is the evidence.
DO $$
DECLARE
  t text[];
BEGIN
  FOREACH t SLICE 1 IN ARRAY ARRAY[
    ['StatusChange', 'recommendationId', 'tracker_touch_items'],
    ['OfficialStatusChange', 'recommendationId', 'tracker_touch_items'],
    ['Evidence', 'recommendationId', 'tracker_touch_items'],
    ['Note', 'recommendationId', 'tracker_touch_items'],
    ['_ActorToRecommendation', 'B', 'tracker_touch_items'],
    ['_GoalToRecommendation', 'B', 'tracker_touch_items'],
    ['_RecommendationToTag', 'A', 'tracker_touch_items'],
    ['_EvidenceToStatusChange', 'A', 'tracker_touch_items_through'],
    ['NoteRevision', 'noteId', 'tracker_touch_items_through']]
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION %I(%L)',
      t[1] || '_inserts_touch_items', t[1], t[3], t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION %I(%L)',
      t[1] || '_updates_touch_items', t[1], t[3], t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION %I(%L)',
      t[1] || '_deletes_touch_items', t[1], t[3], t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_every_item()',
      t[1] || '_truncate_touches_items', t[1]);
  END LOOP;
END;
$$;

-- What changed compares with the official statuses of a past day too (officialJoin in
-- as-of.server.ts): what is kept on the history version must move with them. Official statuses
-- change rarely (GAO's own updates, imported), so any change to them moves it.
CREATE CONSTRAINT TRIGGER "OfficialStatusChange_bump_history_version"
AFTER INSERT OR UPDATE OR DELETE ON "OfficialStatusChange"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_history_version();
CREATE TRIGGER "OfficialStatusChange_truncate_bumps_history_version"
AFTER TRUNCATE ON "OfficialStatusChange"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_history_version();
CREATE CONSTRAINT TRIGGER "Recommendation_official_bumps_history_version"
AFTER UPDATE ON "Recommendation"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD."statusOfficial" IS DISTINCT FROM NEW."statusOfficial"
  OR OLD."statusOfficialAsOf" IS DISTINCT FROM NEW."statusOfficialAsOf")
EXECUTE FUNCTION tracker_bump_history_version();
