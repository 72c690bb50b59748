// Mirrors tracker_fold() in prisma/migrations/0002_search_text: lower case, accents removed.
const FROM = "ÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇáàâäãåéèêëíìîïóòôöõúùûüñç";
const TO = "AAAAAAEEEEIIIIOOOOOUUUUNCaaaaaaeeeeiiiiooooouuuunc";

export function foldForSearch(input: string): string {
  let out = "";
  for (const char of input) {
    const index = FROM.indexOf(char);
    out += index === -1 ? char : TO[index];
  }
  return out.toLowerCase();
}

/** The words of a search: split on white space, empty ones dropped, at most ten. */
export function searchWords(q: string | undefined): string[] {
  return (q ?? "").split(/\s+/).filter(Boolean).slice(0, 10);
}

/** A LIKE pattern that finds `value` anywhere, its wildcards escaped: "50%" finds "50%" only. */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}
