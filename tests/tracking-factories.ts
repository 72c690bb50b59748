// Test helpers for tracking and catalogue: small real files of each accepted type, and a way to
// make the database itself refuse an audit event (to prove a change and its audit event are
// rolled back together).
import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import pg from "pg";
import { prisma } from "#app/utils/db.server.ts";
import { addDays, currentDay } from "#app/utils/dates.ts";

const encoder = new TextEncoder();

function bytes(value: string | Uint8Array) {
  return typeof value === "string" ? encoder.encode(value) : value;
}

/**
 * A ZIP archive with its entries stored uncompressed. With `dataDescriptor`, local headers carry
 * no sizes (as streaming writers do); with `noCentralDirectory`, the archive is cut after them.
 */
export function zip(
  entries: Record<string, string | Uint8Array>,
  options: { dataDescriptor?: boolean; noCentralDirectory?: boolean } = {},
): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = Buffer.from(bytes(content));
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(options.dataDescriptor ? 0x08 : 0, 6);
    header.writeUInt16LE(0, 8); // stored
    header.writeUInt32LE(options.dataDescriptor ? 0 : crc, 14);
    header.writeUInt32LE(options.dataDescriptor ? 0 : data.length, 18);
    header.writeUInt32LE(options.dataDescriptor ? 0 : data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const parts = [header, nameBytes, data];
    if (options.dataDescriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(data.length, 12);
      parts.push(descriptor);
    }
    const entry = Buffer.concat(parts);
    local.push(entry);

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(options.dataDescriptor ? 0x08 : 0, 8);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(data.length, 24);
    record.writeUInt16LE(nameBytes.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(Buffer.concat([record, nameBytes]));
    offset += entry.length;
  }
  if (options.noCentralDirectory) return new Uint8Array(Buffer.concat(local));
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, directory, end]));
}

/** An Office package's [Content_Types].xml naming its main part, as Word and Excel write it. */
export function officeContentTypes(kind: "docx" | "xlsx" | "xlsm") {
  const [part, type] = {
    docx: ["/word/document.xml", "wordprocessingml.document.main+xml"],
    xlsx: ["/xl/workbook.xml", "spreadsheetml.sheet.main+xml"],
    xlsm: ["/xl/workbook.xml", "ms-excel.sheet.macroEnabled.main+xml"],
  }[kind];
  const prefix =
    kind === "xlsm" ? "application/vnd." : "application/vnd.openxmlformats-officedocument.";
  return (
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="${part}" ContentType="${prefix}${type}"/></Types>`
  );
}

/** Small files whose bytes are what their names say. */
export const sampleFiles = {
  pdf: () => bytes("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
  // The signature and the start of the IHDR chunk of a 1 × 1 image.
  png: () =>
    new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
      1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
    ]),
  jpeg: () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
  docx: () =>
    zip({
      "[Content_Types].xml": officeContentTypes("docx"),
      "_rels/.rels": "<Relationships/>",
      "word/document.xml": "<w:document/>",
    }),
  xlsx: () =>
    zip({
      "[Content_Types].xml": officeContentTypes("xlsx"),
      "_rels/.rels": "<Relationships/>",
      "xl/workbook.xml": "<workbook/>",
      "xl/worksheets/sheet1.xml": "<worksheet/>",
    }),
  csv: () => bytes("reference,status\nGAO-21-322 #1,implementado\n"),
};

/** A File as a browser form submits it. */
export function upload(name: string, content: Uint8Array | string, type = "") {
  return new File([Buffer.from(bytes(content))], name, { type });
}

/**
 * Makes the database refuse to insert an audit event with `action` (a trigger raising an error),
 * so that the change written before it in the same transaction must be rolled back. Returns the
 * function that removes the trigger again.
 */
export async function failAuditEvents(action: string): Promise<() => Promise<void>> {
  const name = `fail_audit_${randomBytes(4).toString("hex")}`;
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.action = '${action.replace(/'/g, "''")}' THEN
        RAISE EXCEPTION 'audit refused by test';
      END IF;
      RETURN NEW;
    END $$`);
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await prisma.$executeRawUnsafe(`DROP TRIGGER ${name} ON "AuditEvent"`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  };
}

/** Today and other days as "YYYY-MM-DD" (UTC), for calendar-date inputs. */
/** The day `offsetDays` after today in the tracker's zone (what "not in the future" compares with). */
export function isoDay(offsetDays = 0, from = new Date()) {
  return addDays(currentDay(from), offsetDays);
}

/**
 * Runs `work` while another connection holds a lock on the row, released after `holdMs`: every
 * save started by `work` reaches the row before any of them can write, so that a race between
 * them is certain rather than left to timing.
 */
export async function withRowLocked<T>(
  table: string,
  id: string,
  work: () => Promise<T>,
  holdMs = 300,
): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT 1 FROM "${table}" WHERE "id" = $1 FOR UPDATE`, [id]);
    const running = work();
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    await client.query("COMMIT");
    return await running;
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` while another connection has inserted, and not yet committed, an item with
 * `reference` in the source `sourceId`: a save started by `work` cannot see it, passes every check
 * made before writing and meets the unique index of references, which decides, as when two admins
 * save at the same instant. The other connection commits after `holdMs`.
 */
export async function withReferenceHeld<T>(
  sourceId: string,
  reference: string,
  work: () => Promise<T>,
  holdMs = 300,
): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Recommendation" (id, "sourceId", reference, title, text, country,
         "verificationLevel", "sourceUrl", "updatedAt")
       VALUES ($1, $2, $3, 'Held', 'Held.', 'US', 'official_text', '', now())`,
      [`held-${randomBytes(4).toString("hex")}`, sourceId, reference],
    );
    const running = work();
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    await client.query("COMMIT");
    return await running;
  } finally {
    await client.end();
  }
}
