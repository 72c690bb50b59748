// Which of GAO's recommendations an import keeps: GAO's export covers every agency in
// government, so the admin names publication numbers, or words that a kept recommendation's
// text, publication name, topics or agencies contain ("firearms", "Mexico"). Case and accents
// do not matter. No publication and no word keeps everything.
import type { GaoRecommendation } from "./types.ts";

export type GaoFilter = { publications?: string[]; words?: string[] };

const fold = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** "GAO 26-108061", "gao-26-108061 " → "gao-26-108061". */
const publicationKey = (text: string) => fold(text).replace(/^gao[\s-]*/, "gao-");

export function isEmptyGaoFilter(filter: GaoFilter): boolean {
  const has = (list?: string[]) => (list ?? []).some((entry) => entry.trim() !== "");
  return !has(filter.publications) && !has(filter.words);
}

export function filterGao<T extends GaoRecommendation>(
  recommendations: T[],
  filter: GaoFilter,
): T[] {
  if (isEmptyGaoFilter(filter)) return recommendations;
  const publications = new Set(
    (filter.publications ?? []).map(publicationKey).filter((key) => key !== ""),
  );
  const words = (filter.words ?? []).map(fold).filter((word) => word !== "");
  return recommendations.filter((recommendation) => {
    if (publications.has(publicationKey(recommendation.publicationNumber))) return true;
    if (words.length === 0) return false;
    const haystack = fold(
      [
        recommendation.publicationNumber,
        recommendation.publicationName,
        recommendation.text,
        ...recommendation.topics,
        ...recommendation.agencies,
      ].join("\n"),
    );
    return words.some((word) => haystack.includes(word));
  });
}
