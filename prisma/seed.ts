import type { PrismaClient } from "#app/generated/prisma/client.ts";
import type {
  Country,
  GoalLevel,
  GoalMapping,
  OfficialStatus,
  RelationType,
  SourceKind,
  Status,
  TitleEsSource,
  VerificationLevel,
} from "#app/generated/prisma/enums.ts";
import { nextPosition } from "#app/modules/catalogue/position.server.ts";
import type { Tx } from "#app/utils/db.server.ts";
import catalogueJson from "./catalogue.json" with { type: "json" };

export type SeedCatalogue = {
  meta: {
    /** The catalogue's version (the day of its last update); recorded with each seeding. */
    version: string;
  };
  sources: Array<{
    code: string;
    referenceId: string;
    title: string;
    titleEs: string | null;
    titleEsSource: TitleEsSource;
    publisher: string;
    kind: SourceKind;
    publishedDate: string | null;
    url: string | null;
    evidenceUrls: string[];
    notes: string | null;
  }>;
  actors: Array<{
    code: string;
    name: string;
    nameEs: string;
    /** The common short form ("ATF", "SRE"); null when there is none (names are shown instead). */
    abbreviation: string | null;
    country: Country;
  }>;
  goals: Array<{
    code: string;
    level: GoalLevel;
    parent: string | null;
    title: string;
    titleEs: string;
    titleEsSource: TitleEsSource;
    description: string | null;
  }>;
  recommendations: Array<{
    id: string;
    source: string;
    reference: string;
    /** The reference with its words in Spanish; codes stay ("GAO-21-322 (ATF – datos y análisis)"). */
    referenceEs: string;
    title: string;
    titleEs: string;
    titleEsSource: TitleEsSource;
    text: string;
    textIsParaphrase: boolean;
    addressee: string;
    actors: string[];
    country: Country;
    goals: string[];
    goalMapping: GoalMapping;
    status: Status;
    statusOfficial: OfficialStatus | null;
    statusOfficialAsOf: string | null;
    /** GAO's comment on its status, and whether GAO lists it as a priority recommendation. */
    statusOfficialComment: string | null;
    statusOfficialPriority: boolean;
    statusNote: string | null;
    verified: boolean;
    verificationLevel: VerificationLevel;
    verificationNotes: string | null;
    sourceUrl: string;
    otherUrls: string[];
  }>;
  /** Links between items that the sources themselves state, with where they say so. */
  relations: Array<{ fromId: string; toId: string; type: RelationType; reason: string }>;
};

export const catalogue = catalogueJson as unknown as SeedCatalogue;

// Seeded rows get stable ids, so that seeding can tell what is already there.
export const seedIds = {
  source: (code: string) => `src-${code.toLowerCase()}`,
  actor: (code: string) => `actor-${code.toLowerCase()}`,
  goal: (code: string) => `goal-${code}`,
  relation: (link: { fromId: string; toId: string; type: string }) =>
    `rel-${link.fromId}-${link.type}-${link.toId}`,
};

export type SeedResult = {
  sources: number;
  actors: number;
  goals: number;
  recommendations: number;
  relations: number;
};

/**
 * Seeds the catalogue into a fresh database and never changes an existing row, so that running
 * it twice gives the same rows and users' edits survive every start.
 *
 * Sources and recommendations are seeded only while the database has none: once a catalogue is
 * installed, a newer shipped catalogue reaches it through the admin's import page ("catalogue
 * update", app/modules/import/catalogue-update.server.ts), previewed, never silently on start.
 * Missing actors and goals are still added, so that the update's items can name them.
 */
export async function seedCatalogue(db: PrismaClient, data = catalogue): Promise<SeedResult> {
  return db.$transaction(async (tx) => {
    // The catalogue-order lock first: a second instance starting at the same moment waits here,
    // then finds the catalogue installed and adds nothing.
    // (Prisma's own client, as the test setup also passes, hands a transaction's client unbranded.)
    const firstPosition = await nextPosition(tx as Tx);
    const installed =
      (await tx.source.findFirst({ select: { id: true } })) !== null ||
      (await tx.recommendation.findFirst({ select: { id: true } })) !== null;
    const sources = await tx.source.createMany({
      skipDuplicates: true,
      data: (installed ? [] : data.sources).map((source) => ({
        id: seedIds.source(source.code),
        code: source.code,
        title: source.title,
        titleEs: source.titleEs,
        titleEsSource: source.titleEsSource,
        publisher: source.publisher,
        kind: source.kind,
        publishedDate: source.publishedDate,
        url: source.url,
        evidenceUrls: source.evidenceUrls,
        notes: source.notes,
      })),
    });
    const actors = await tx.actor.createMany({
      skipDuplicates: true,
      data: data.actors.map((actor) => ({
        id: seedIds.actor(actor.code),
        code: actor.code,
        name: actor.name,
        nameEs: actor.nameEs,
        abbreviation: actor.abbreviation,
        country: actor.country,
      })),
    });
    const goals = await tx.goal.createMany({
      skipDuplicates: true,
      data: data.goals.map((goal, position) => ({
        id: seedIds.goal(goal.code),
        code: goal.code,
        level: goal.level,
        parentId: goal.parent ? seedIds.goal(goal.parent) : null,
        title: goal.title,
        titleEs: goal.titleEs,
        titleEsSource: goal.titleEsSource,
        description: goal.description,
        position,
      })),
    });

    let recommendations = 0;
    for (const [index, item] of (installed ? [] : data.recommendations).entries()) {
      const {
        source,
        actors: actorCodes,
        goals: goalCodes,
        statusOfficialAsOf,
        statusOfficialComment,
        statusOfficialPriority,
        ...fields
      } = item;
      await tx.recommendation.create({
        data: {
          ...fields,
          statusOfficialComment,
          statusOfficialPriority,
          position: firstPosition + index,
          statusOfficialAsOf: statusOfficialAsOf ? new Date(statusOfficialAsOf) : null,
          source: { connect: { id: seedIds.source(source) } },
          actors: { connect: actorCodes.map((code) => ({ id: seedIds.actor(code) })) },
          goals: { connect: goalCodes.map((code) => ({ id: seedIds.goal(code) })) },
        },
      });
      recommendations += 1;
    }

    // Related items, with the items they link: a link someone removed later is not brought back.
    const relations = await tx.itemRelation.createMany({
      skipDuplicates: true,
      data: (installed ? [] : (data.relations ?? [])).map((link) => ({
        id: seedIds.relation(link),
        ...link,
      })),
    });

    const result = {
      sources: sources.count,
      actors: actors.count,
      goals: goals.count,
      recommendations,
      relations: relations.count,
    };
    if (Object.values(result).some((count) => count > 0)) {
      await tx.auditEvent.create({
        data: {
          action: "seed",
          entityType: "Catalogue",
          entityId: "seed",
          after: { ...result, version: data.meta.version },
        },
      });
    }
    return result;
  });
}
