-- CreateIndex
CREATE INDEX "Recommendation_position_createdAt_id_idx" ON "Recommendation"("position", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Recommendation_lastActivityAt_idx" ON "Recommendation"("lastActivityAt");

-- CreateIndex
CREATE INDEX "Recommendation_lastVerifiedAt_idx" ON "Recommendation"("lastVerifiedAt");


-- Searching words inside titles and texts ("LIKE '%word%'" on the folded text) with a trigram
-- index, where the server offers the pg_trgm extension (the embedded PostgreSQL does; most
-- managed ones do). Where it does not, nothing changes: the same queries scan the table.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX "Recommendation_searchText_trgm_idx" ON "Recommendation"
    USING gin ("searchText" gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available (%): search works without its index', SQLERRM;
END;
$$;
