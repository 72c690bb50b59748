-- Sign-off before publishing (issue 17, item 2): an admin can require that editors' status
-- changes, public notes and evidence are approved by another staff member before they are
-- public, for the whole tracker or for one source's items.
ALTER TABLE "TrackerSetting" ADD COLUMN "reviewRequired" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Source" ADD COLUMN "reviewRequired" BOOLEAN NOT NULL DEFAULT false;

-- A reviewed change, once applied, says who approved it and when; its createdAt is the same
-- instant (its publication), its occurredOn the day it happened.
ALTER TABLE "StatusChange" ADD COLUMN "approvedById" TEXT,
ADD COLUMN "approvedAt" TIMESTAMP(3);
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TYPE "PendingChangeKind" AS ENUM ('status', 'note', 'evidence');
CREATE TYPE "PendingChangeState" AS ENUM ('awaiting', 'returned');

-- Changes awaiting review live apart from the public tables, so that no public read can see them.
CREATE TABLE "PendingChange" (
    "id" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "kind" "PendingChangeKind" NOT NULL,
    "payload" JSONB NOT NULL,
    "fileData" BYTEA,
    "authorId" TEXT,
    "state" "PendingChangeState" NOT NULL DEFAULT 'awaiting',
    "returnReason" TEXT,
    "returnedById" TEXT,
    "returnedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingChange_pkey" PRIMARY KEY ("id")
);
-- The review queue reads by state, oldest first; the staff navigation counts awaiting ones.
CREATE INDEX "PendingChange_state_createdAt_idx" ON "PendingChange"("state", "createdAt");
CREATE INDEX "PendingChange_recommendationId_idx" ON "PendingChange"("recommendationId");
-- One change awaits review per item at a time: a second one is refused even when two editors
-- submit at the same instant.
CREATE UNIQUE INDEX "PendingChange_one_awaiting_per_item" ON "PendingChange"("recommendationId")
  WHERE "state" = 'awaiting';
ALTER TABLE "PendingChange" ADD CONSTRAINT "PendingChange_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PendingChange" ADD CONSTRAINT "PendingChange_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "PendingChange" ADD CONSTRAINT "PendingChange_returnedById_fkey" FOREIGN KEY ("returnedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Staff read an item's awaiting change on its page, which the page cache keeps on the item's
-- stamp (migration 0016): writing one moves the stamp, as the item's other rows do.
CREATE TRIGGER "PendingChange_inserts_touch_items" AFTER INSERT ON "PendingChange"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_items('recommendationId');
CREATE TRIGGER "PendingChange_updates_touch_items" AFTER UPDATE ON "PendingChange"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_items('recommendationId');
CREATE TRIGGER "PendingChange_deletes_touch_items" AFTER DELETE ON "PendingChange"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_items('recommendationId');
CREATE TRIGGER "PendingChange_truncate_touches_items" AFTER TRUNCATE ON "PendingChange"
  FOR EACH STATEMENT EXECUTE FUNCTION tracker_touch_every_item();
