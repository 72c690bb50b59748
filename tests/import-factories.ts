// Import files for tests: a CSV from header names and rows, and the whole preview → commit path
// the page takes, without the page.
import { stringify } from "csv-stringify/sync";
import { parseImportFile } from "#app/modules/import/parse.server.ts";
import {
  commitPreviewed,
  previewImport,
  type GaoFilter,
} from "#app/modules/import/import-records.server.ts";
import type { CommitSelection } from "#app/modules/import/commit.server.ts";
import type { ParsedFile } from "#app/modules/import/types.ts";
import { prisma } from "#app/utils/db.server.ts";

/** A CSV file's bytes: the first row is the header. */
export function csvBytes(rows: string[][]): Uint8Array {
  return new TextEncoder().encode(stringify(rows, { record_delimiter: "\r\n" }));
}

export async function parseCsv(rows: string[][], fileName = "import.csv") {
  return parseImportFile({ bytes: csvBytes(rows), fileName });
}

const noFilter: GaoFilter = { publications: [], words: [] };

export async function preview(
  parsed: ParsedFile,
  options: { filter?: GaoFilter; actorMappings?: Record<string, string> } = {},
) {
  return previewImport(
    { kind: "file", parsed },
    {
      locale: "en",
      filter: options.filter ?? noFilter,
      actorMappings: options.actorMappings ?? {},
    },
  );
}

/** Previews, then commits what the preview showed (with a selection), as `actorId`. */
export async function previewAndCommit(
  parsed: ParsedFile,
  actorId: string,
  options: {
    filter?: GaoFilter;
    actorMappings?: Record<string, string>;
    selection?: CommitSelection;
    /** Runs between the preview and the commit (to make it stale). */
    between?: () => Promise<void>;
  } = {},
) {
  const plan = await preview(parsed, options);
  await options.between?.();
  const result = await commitPreviewed(
    { kind: "file", parsed },
    {
      locale: "en",
      filter: options.filter ?? noFilter,
      actorMappings: options.actorMappings ?? {},
      actorId,
      expectedFingerprint: plan.fingerprint,
      selection: options.selection ?? {},
    },
  );
  return { plan, result };
}

/** How many rows the tables an import writes hold: to show that nothing was written. */
export async function writtenCounts() {
  const [items, sources, audit, imports, changes, official, evidence, actors] = await Promise.all([
    prisma.recommendation.count(),
    prisma.source.count(),
    prisma.auditEvent.count(),
    prisma.import.count(),
    prisma.statusChange.count(),
    prisma.officialStatusChange.count(),
    prisma.evidence.count(),
    prisma.actor.count(),
  ]);
  return { items, sources, audit, imports, changes, official, evidence, actors };
}
