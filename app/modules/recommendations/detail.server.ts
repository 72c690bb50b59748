import type { Prisma } from "#app/generated/prisma/client.ts";
import { prisma } from "#app/utils/db.server.ts";

const detailSelect = {
  id: true,
  reference: true,
  title: true,
  titleEs: true,
  titleEsSource: true,
  text: true,
  textIsParaphrase: true,
  addressee: true,
  country: true,
  goalMapping: true,
  priority: true,
  dueDate: true,
  status: true,
  statusOfficial: true,
  statusOfficialAsOf: true,
  statusOfficialComment: true,
  statusOfficialPriority: true,
  statusNote: true,
  verified: true,
  verificationLevel: true,
  verificationNotes: true,
  sourceUrl: true,
  otherUrls: true,
  lastVerifiedAt: true,
  lastActivityAt: true,
  version: true,
  source: {
    select: {
      code: true,
      title: true,
      titleEs: true,
      publisher: true,
      kind: true,
      publishedDate: true,
      url: true,
    },
  },
  referenceEs: true,
  actors: {
    select: { code: true, name: true, nameEs: true, abbreviation: true },
    orderBy: { code: "asc" },
  },
  goals: {
    select: {
      code: true,
      level: true,
      title: true,
      titleEs: true,
      parent: { select: { code: true, title: true, titleEs: true } },
    },
    orderBy: { position: "asc" },
  },
  tags: { select: { slug: true, name: true, nameEs: true } },
} satisfies Prisma.RecommendationSelect;

export type RecommendationDetail = Prisma.RecommendationGetPayload<{ select: typeof detailSelect }>;

export async function getRecommendation(id: string): Promise<RecommendationDetail | null> {
  return prisma.recommendation.findFirst({ where: { id, archivedAt: null }, select: detailSelect });
}
