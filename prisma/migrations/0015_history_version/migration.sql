-- A second cache version, "history" (row 2 of CacheVersion): it moves only when a committed change
-- can alter what a past month end shows (the status-over-time chart's past points, see
-- statusOverTime in as-of.server.ts), so those points stay cached across the everyday changes
-- (a status change dated today, evidence, notes, checks), which move only the general version.
-- The history covers the unfiltered chart and filters by source, country and status only; other
-- filters (goal, actor, tag, search, checks) stay on the general version, so links, titles and
-- checks need no trigger here.
INSERT INTO "CacheVersion" ("id", "value") VALUES (2, 0);

-- The first day after the last past month end in any zone within ±14 h of UTC, or later: a
-- change dated before it may touch a past month end, one dated on or after it cannot (a superset:
-- on the last day of a month and the first hours of the next, more changes count as past).
CREATE FUNCTION tracker_history_cutoff() RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', ((now() AT TIME ZONE 'UTC')::date + 1)::timestamp)::date
$$;

-- Moves the history version once a transaction. The general version is moved first (it would
-- be anyway: every table here also has the general trigger), so that every transaction locks
-- row 1 before row 2 and two committing transactions cannot deadlock on them.
CREATE FUNCTION tracker_bump_history_version_now() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tracker.history_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    IF current_setting('tracker.cache_bumped', true) IS DISTINCT FROM txid_current()::text THEN
      UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "id" = 1;
      PERFORM set_config('tracker.cache_bumped', txid_current()::text, true);
    END IF;
    UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "id" = 2;
    PERFORM set_config('tracker.history_bumped', txid_current()::text, true);
  END IF;
END;
$$;

CREATE FUNCTION tracker_bump_history_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tracker_bump_history_version_now();
  RETURN NULL;
END;
$$;

-- An item without a recorded change shows its current status on every past day: a new status
-- moves the history only then (checked at commit, when the transaction's changes are in).
CREATE FUNCTION tracker_status_history() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "StatusChange" WHERE "recommendationId" = NEW.id) THEN
    PERFORM tracker_bump_history_version_now();
  END IF;
  RETURN NULL;
END;
$$;

-- A status change dated before the cutoff moves the history. One dated later does only when its
-- item has no change dated before the cutoff: it may then be the item's first change, whose
-- "from" status the item shows on every past day (checked at commit, for the old and new item).
CREATE FUNCTION tracker_status_change_history() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  cutoff date := tracker_history_cutoff();
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD."occurredOn" < cutoff OR NOT EXISTS (
      SELECT 1 FROM "StatusChange"
      WHERE "recommendationId" = OLD."recommendationId" AND "occurredOn" < cutoff
    ) THEN
      PERFORM tracker_bump_history_version_now();
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW."occurredOn" < cutoff OR NOT EXISTS (
      SELECT 1 FROM "StatusChange"
      WHERE "recommendationId" = NEW."recommendationId" AND "occurredOn" < cutoff
    ) THEN
      PERFORM tracker_bump_history_version_now();
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "StatusChange_bump_history_version"
AFTER INSERT OR DELETE ON "StatusChange"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_status_change_history();
CREATE CONSTRAINT TRIGGER "StatusChange_update_bumps_history_version"
AFTER UPDATE ON "StatusChange"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD."recommendationId" IS DISTINCT FROM NEW."recommendationId"
  OR OLD."occurredOn" IS DISTINCT FROM NEW."occurredOn"
  OR OLD."fromStatus" IS DISTINCT FROM NEW."fromStatus"
  OR OLD."toStatus" IS DISTINCT FROM NEW."toStatus"
  OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt"
  OR OLD.id IS DISTINCT FROM NEW.id)
EXECUTE FUNCTION tracker_status_change_history();
CREATE TRIGGER "StatusChange_truncate_bumps_history_version"
AFTER TRUNCATE ON "StatusChange"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_history_version();

-- Items: a new or deleted one; moved to another source or country; restored, or archived at a
-- time before the last past month end's end (archiving now leaves every past day as it was: an
-- item archived after a day is part of that day); a new status of an item without changes.
CREATE CONSTRAINT TRIGGER "Recommendation_bump_history_version"
AFTER INSERT OR DELETE ON "Recommendation"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_history_version();
CREATE CONSTRAINT TRIGGER "Recommendation_update_bumps_history_version"
AFTER UPDATE ON "Recommendation"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD."sourceId" IS DISTINCT FROM NEW."sourceId"
  OR OLD.country IS DISTINCT FROM NEW.country
  OR OLD.id IS DISTINCT FROM NEW.id
  OR (OLD."archivedAt" IS DISTINCT FROM NEW."archivedAt"
    AND (OLD."archivedAt" IS NOT NULL
      -- The last past month end ends at most 12 h (UTC−12) after the cutoff's midnight.
      OR NEW."archivedAt" < tracker_history_cutoff() + interval '12 hours')))
EXECUTE FUNCTION tracker_bump_history_version();
CREATE CONSTRAINT TRIGGER "Recommendation_status_bumps_history_version"
AFTER UPDATE ON "Recommendation"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION tracker_status_history();
CREATE TRIGGER "Recommendation_truncate_bumps_history_version"
AFTER TRUNCATE ON "Recommendation"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_history_version();

-- Sources: presence by published date, and the source filter by code.
CREATE CONSTRAINT TRIGGER "Source_bump_history_version"
AFTER DELETE ON "Source"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_history_version();
CREATE CONSTRAINT TRIGGER "Source_update_bumps_history_version"
AFTER UPDATE ON "Source"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD."publishedDate" IS DISTINCT FROM NEW."publishedDate"
  OR OLD.code IS DISTINCT FROM NEW.code
  OR OLD.id IS DISTINCT FROM NEW.id)
EXECUTE FUNCTION tracker_bump_history_version();
CREATE TRIGGER "Source_truncate_bumps_history_version"
AFTER TRUNCATE ON "Source"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_history_version();

-- The overview's two "checked" counts (not checked in 90 days, never checked) read only items not
-- archived: a partial index serves both (IS NULL and <), instead of a scan of every item.
CREATE INDEX "Recommendation_lastVerifiedAt_current_idx" ON "Recommendation"("lastVerifiedAt")
WHERE "archivedAt" IS NULL;
