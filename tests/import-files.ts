// Files for the import's tests, made in memory: zips of any shape (a zip bomb, a workbook with
// macros), report items and a byte sink to run the reports' writers without a database.
import { crc32, deflateRawSync } from "node:zlib";
import { Writable } from "node:stream";
import type { ByteSink } from "#app/modules/reports/byte-stream.server.ts";
import type { ReportItem, ReportSummary } from "#app/modules/reports/report-data.server.ts";

export type ZipPart = {
  name: string;
  data: Uint8Array | string;
  /** Write this as the inflated size instead of the true one (a directory that lies). */
  declaredSize?: number;
};

const deflated = new WeakMap<object, Buffer>();

/** A zip of deflated parts, written out field by field so that a test can make it lie. */
export function makeZip(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data =
      typeof part.data === "string" ? Buffer.from(part.data, "utf8") : Buffer.from(part.data);
    // Deflating megabytes of test data takes a while: each array is deflated once.
    const known = typeof part.data === "string" ? undefined : deflated.get(part.data);
    const compressed = known ?? deflateRawSync(data);
    if (typeof part.data !== "string") deflated.set(part.data, compressed);
    const name = Buffer.from(part.name, "utf8");
    const size = part.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A ByteSink that keeps everything written to it. */
export function collectingSink(): { sink: ByteSink; bytes: () => Uint8Array } {
  const chunks: Buffer[] = [];
  const sink: ByteSink = {
    write(chunk) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
    },
    async ready() {
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    writable() {
      return new Writable({
        write(chunk: Buffer, _encoding, callback) {
          chunks.push(Buffer.from(chunk));
          callback();
        },
      });
    },
  };
  return { sink, bytes: () => new Uint8Array(Buffer.concat(chunks)) };
}

export function reportItem(overrides: Partial<ReportItem> & { id: string }): ReportItem {
  return {
    url: `http://reports.test/recommendations/${overrides.id}`,
    source: { code: "GAO-26-108061", title: "Firearms Trafficking: an example report" },
    reference: "Rec. 1",
    localizedReference: "Rec. 1",
    title: "Share seizure data within 30 days",
    titleEs: "Compartir los datos de incautaciones en 30 días",
    localizedTitle: "Share seizure data within 30 days",
    actors: [
      { code: "DHS", name: "Department of Homeland Security", abbreviation: "DHS" },
      { code: "DOJ", name: "Department of Justice", abbreviation: "DOJ" },
    ],
    goals: ["3", "3.1"],
    country: { code: "US", label: "United States" },
    status: { code: "in_progress", label: "In progress" },
    officialStatus: { code: "open", label: "Open", asOf: "2026-09-28" },
    lastChange: {
      date: "2026-08-01",
      from: { code: "not_started", label: "Not started" },
      to: { code: "in_progress", label: "In progress" },
      summary: 'ATF said "work has begun", in a letter; see the annex.',
    },
    latestEvidence: {
      kind: "link",
      title: "ATF letter",
      url: "https://example.org/atf-letter?year=2026&lang=en",
      date: "2026-08-01",
      archivedAt: null,
      archiveSha256: null,
    },
    lastVerifiedAt: new Date("2026-09-01T12:00:00Z"),
    latestNote: null,
    relations: [],
    ...overrides,
  };
}

export function reportSummary(language: "en" | "es"): ReportSummary {
  return {
    timeZone: "America/Mexico_City",
    generatedAt: new Date("2026-10-01T09:00:00Z"),
    asOf: "2026-10-01",
    current: true,
    recordedAfterAsOf: 0,
    from: "2026-01-01",
    language,
    audience: "public",
    filters: {},
    filterDescriptions: [],
    total: 0,
    byStatus: [],
    bySource: [],
    byGoal: [],
  };
}

export async function* batches<T>(items: T[]): AsyncIterable<T[]> {
  yield items;
}
