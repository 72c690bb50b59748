-- Accent- and case-insensitive search without extensions, so that it works on any PostgreSQL
-- server: a folding function and a generated column the app searches with LIKE.
CREATE FUNCTION tracker_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN lower(translate(
  input,
  'ÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇáàâäãåéèêëíìîïóòôöõúùûüñç',
  'AAAAAAEEEEIIIIOOOOOUUUUNCaaaaaaeeeeiiiiooooouuuunc'
));

-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN "searchText" TEXT GENERATED ALWAYS AS (
  tracker_fold(
    coalesce("reference", '') || ' ' || coalesce("title", '') || ' ' || coalesce("titleEs", '') || ' ' ||
    coalesce("addressee", '') || ' ' || coalesce("text", '')
  )
) STORED;
