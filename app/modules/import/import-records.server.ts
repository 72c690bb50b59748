// What the import page keeps between requests: the uploaded file (between its preview and its
// commit), each admin's GAO filter choice, and the record of every committed import.
import { createHash } from "node:crypto";
import type { ImportFormat } from "#app/generated/prisma/client.ts";
import { prisma } from "#app/utils/db.server.ts";
import type { Locale } from "#app/utils/i18n.ts";
import { candidatesFor, type Client } from "./candidates.server.ts";
import { commitImport, type CommitResult, type CommitSelection } from "./commit.server.ts";
import { filterGao } from "./gao-filter.ts";
import { parseImportFile } from "./parse.server.ts";
import { planImport, type Plan } from "./plan.server.ts";
import type { Candidate, ParsedFile } from "./types.ts";

/** An upload is kept this long for its commit; older ones are removed with the next upload. */
const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;

export async function saveUpload(userId: string, fileName: string, bytes: Uint8Array) {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await prisma.importUpload.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - UPLOAD_LIFETIME_MS) } },
  });
  return prisma.importUpload.create({
    data: { createdById: userId, fileName, sha256, data: new Uint8Array(bytes) },
    select: { id: true, fileName: true, sha256: true },
  });
}

/** The admin's own upload, or null (another's, expired or unknown). */
export async function loadUpload(userId: string, id: string) {
  const upload = await prisma.importUpload.findFirst({
    where: { id, createdById: userId },
    select: { id: true, fileName: true, sha256: true, data: true },
  });
  if (!upload) return null;
  const bytes = new Uint8Array(upload.data);
  // The stored bytes are what was previewed: never anything else.
  if (createHash("sha256").update(bytes).digest("hex") !== upload.sha256) return null;
  return { id: upload.id, fileName: upload.fileName, sha256: upload.sha256, bytes };
}

/** A committed upload's bytes are no longer needed: the import's record keeps its SHA-256. */
export async function deleteUpload(userId: string, id: string) {
  await prisma.importUpload.deleteMany({ where: { id, createdById: userId } });
}

export type GaoFilter = { publications: string[]; words: string[] };

export async function getGaoFilter(userId: string): Promise<GaoFilter> {
  const row = await prisma.importPreference.findUnique({ where: { userId } });
  return { publications: row?.gaoPublications ?? [], words: row?.gaoWords ?? [] };
}

export async function saveGaoFilter(userId: string, filter: GaoFilter) {
  await prisma.importPreference.upsert({
    where: { userId },
    create: { userId, gaoPublications: filter.publications, gaoWords: filter.words },
    update: { gaoPublications: filter.publications, gaoWords: filter.words },
  });
}

/** "a, b\nc" → ["a", "b", "c"]. */
export function filterList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n;]/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ].slice(0, 200);
}

/** The parsed file with a GAO filter applied (a table file as it is). */
export function filtered(parsed: ParsedFile, filter: GaoFilter): ParsedFile {
  if (parsed.format !== "gao") return parsed;
  const recommendations = filterGao(parsed.recommendations, filter);
  const rows = new Set(recommendations.flatMap((rec) => rec.rowNumbers));
  return {
    ...parsed,
    recommendations,
    errors: parsed.errors.filter((error) => rows.has(error.rowNumber)),
  };
}

export type ImportSource =
  | { kind: "file"; parsed: ParsedFile }
  | {
      kind: "catalogue";
      candidates: (db: Client) => Promise<Candidate[]>;
      fileName: string;
      sha256: string;
    };

export type PreviewOptions = {
  locale: Locale;
  filter: GaoFilter;
  actorMappings: Record<string, string>;
};

function candidateMaker(source: ImportSource, options: PreviewOptions) {
  if (source.kind === "catalogue") return (db: Client) => source.candidates(db);
  const parsed = filtered(source.parsed, options.filter);
  return (db: Client, mappings: Record<string, string>) =>
    candidatesFor(db, parsed, { actorMappings: mappings });
}

function describe(source: ImportSource): {
  format: ImportFormat;
  fileName: string;
  sha256: string;
} {
  return source.kind === "catalogue"
    ? { format: "catalogue", fileName: source.fileName, sha256: source.sha256 }
    : {
        format: source.parsed.format,
        fileName: source.parsed.fileName,
        sha256: source.parsed.sha256,
      };
}

/** The plan of an upload or of the catalogue update, as the preview shows it. */
export async function previewImport(source: ImportSource, options: PreviewOptions): Promise<Plan> {
  const known = Object.fromEntries(
    Object.entries(options.actorMappings).filter(([, code]) => code !== "create"),
  );
  const candidates = await candidateMaker(source, options)(prisma, known);
  return planImport(prisma, candidates, {
    fileName: describe(source).fileName,
    locale: options.locale,
  });
}

export async function commitPreviewed(
  source: ImportSource,
  options: PreviewOptions & {
    actorId: string;
    expectedFingerprint: string;
    selection: CommitSelection;
    today?: string;
  },
): Promise<CommitResult> {
  return commitImport({
    ...describe(source),
    actorId: options.actorId,
    locale: options.locale,
    candidates: candidateMaker(source, options),
    actorMappings: options.actorMappings,
    expectedFingerprint: options.expectedFingerprint,
    selection: options.selection,
    today: options.today,
  });
}

/** Reads an upload's bytes into a parsed file (throws ImportFileError). */
export function parseUpload(upload: { fileName: string; bytes: Uint8Array }) {
  return parseImportFile({ bytes: upload.bytes, fileName: upload.fileName });
}

export type ImportChange = {
  itemId: string;
  reference: string;
  action: "created" | "updated";
};

export async function listImports(take = 50) {
  return prisma.import.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      createdAt: true,
      fileName: true,
      sha256: true,
      format: true,
      created: true,
      updated: true,
      unchanged: true,
      errors: true,
      skipped: true,
      createdBy: { select: { name: true } },
    },
  });
}

export async function getImport(id: string) {
  const row = await prisma.import.findUnique({
    where: { id },
    include: { createdBy: { select: { name: true } } },
  });
  if (!row) return null;
  const changes = (Array.isArray(row.changes) ? row.changes : []) as unknown as ImportChange[];
  return { ...row, changes };
}

type CatalogueUpdateModule = {
  catalogueUpdateCandidates: (db: Client) => Promise<Candidate[]>;
  shippedCatalogueVersion?: string;
};

// The shipped catalogue's update (catalogue-update.server.ts, issue 11 point 5) is built beside
// this module; it is found by name so that the page offers it as soon as it is part of the build,
// and says there is none before.
const catalogueUpdateModule = Object.values(
  import.meta.glob<CatalogueUpdateModule>("./catalogue-update.server.ts", { eager: true }),
)[0];

/**
 * The shipped catalogue's update as an import source, or null when this build has none. It is
 * previewed and committed through the same plan and commit as a file; its conflicts (fields a
 * person edited since seeding) are written only when the admin ticks "take the new value".
 */
export function catalogueUpdateSource(
  module: CatalogueUpdateModule | undefined = catalogueUpdateModule,
): ImportSource | null {
  if (!module) return null;
  const version = module.shippedCatalogueVersion ?? "shipped";
  return {
    kind: "catalogue",
    candidates: (db) => module.catalogueUpdateCandidates(db),
    fileName: `catalogue ${version}`,
    sha256: createHash("sha256").update(`catalogue ${version}`).digest("hex"),
  };
}
