-- The list's count of the items present today (not archived), with or without a status: read
-- from this small index alone (an index-only scan, ~90 kB at 10,000 items) instead of a scan of
-- the whole table (13 MB, its texts included). The source is in it because the count joins each
-- item to its source; the status because a status filter is the commonest on the list.
-- Not declared in schema.prisma: Prisma cannot describe a partial index.
CREATE INDEX "Recommendation_present_sourceId_status_idx" ON "Recommendation"("sourceId", "status")
WHERE "archivedAt" IS NULL;
