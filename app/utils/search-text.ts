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
