-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN     "referenceEs" TEXT;

-- The search column also covers the Spanish reference, so that Spanish readers find an item by
-- the reference they see. A generated column's expression cannot be altered: drop and re-add it
-- (the database fills it in again for every row).
ALTER TABLE "Recommendation" DROP COLUMN "searchText";
ALTER TABLE "Recommendation" ADD COLUMN "searchText" TEXT GENERATED ALWAYS AS (
  tracker_fold(
    coalesce("reference", '') || ' ' || coalesce("referenceEs", '') || ' ' ||
    coalesce("title", '') || ' ' || coalesce("titleEs", '') || ' ' ||
    coalesce("addressee", '') || ' ' || coalesce("text", '')
  )
) STORED;
