-- CreateTable
CREATE TABLE "CacheVersion" (
    "id" INTEGER NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "CacheVersion_pkey" PRIMARY KEY ("id")
);


-- The one row, and the triggers that move it with every change to what readers see: the
-- catalogue and its tracking, whoever writes (the app, an import, a hand-run statement).
-- The triggers are deferred to the commit, so the row is locked last, after every row the
-- transaction writes (no lock-order deadlock with the app's row locks), and once a transaction:
-- readers see the new value together with its data.
INSERT INTO "CacheVersion" ("id", "value") VALUES (1, 0);

CREATE FUNCTION tracker_bump_cache_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tracker.cache_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "id" = 1;
    PERFORM set_config('tracker.cache_bumped', txid_current()::text, true);
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "Recommendation_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "Recommendation"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "Recommendation_truncate_bumps_cache_version"
AFTER TRUNCATE ON "Recommendation"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "Source_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "Source"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "Source_truncate_bumps_cache_version"
AFTER TRUNCATE ON "Source"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "Actor_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "Actor"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "Actor_truncate_bumps_cache_version"
AFTER TRUNCATE ON "Actor"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "Goal_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "Goal"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "Goal_truncate_bumps_cache_version"
AFTER TRUNCATE ON "Goal"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "Tag_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "Tag"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "Tag_truncate_bumps_cache_version"
AFTER TRUNCATE ON "Tag"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "StatusChange_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "StatusChange"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "StatusChange_truncate_bumps_cache_version"
AFTER TRUNCATE ON "StatusChange"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "OfficialStatusChange_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "OfficialStatusChange"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "OfficialStatusChange_truncate_bumps_cache_version"
AFTER TRUNCATE ON "OfficialStatusChange"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "Evidence_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "Evidence"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "Evidence_truncate_bumps_cache_version"
AFTER TRUNCATE ON "Evidence"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "Note_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "Note"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "Note_truncate_bumps_cache_version"
AFTER TRUNCATE ON "Note"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "_ActorToRecommendation_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "_ActorToRecommendation"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "_ActorToRecommendation_truncate_bumps_cache_version"
AFTER TRUNCATE ON "_ActorToRecommendation"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "_GoalToRecommendation_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "_GoalToRecommendation"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "_GoalToRecommendation_truncate_bumps_cache_version"
AFTER TRUNCATE ON "_GoalToRecommendation"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "_RecommendationToTag_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "_RecommendationToTag"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "_RecommendationToTag_truncate_bumps_cache_version"
AFTER TRUNCATE ON "_RecommendationToTag"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();

CREATE CONSTRAINT TRIGGER "_EvidenceToStatusChange_bump_cache_version"
AFTER INSERT OR UPDATE OR DELETE ON "_EvidenceToStatusChange"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_bump_cache_version();
CREATE TRIGGER "_EvidenceToStatusChange_truncate_bumps_cache_version"
AFTER TRUNCATE ON "_EvidenceToStatusChange"
FOR EACH STATEMENT EXECUTE FUNCTION tracker_bump_cache_version();
