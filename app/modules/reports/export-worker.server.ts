// The body of an export, written in a worker thread (export-pool.server.ts runs it through
// piscina): pdfkit and exceljs are CPU-bound for seconds at a time, and on the server's own
// thread they held up every other request (docs/decisions/0012-exports-off-the-event-loop.md).
// The summary comes from the server (it read it with Prisma, so that a database failure is an
// ordinary error page); the items and history are read here through this thread's own `pg` pool.
// The bytes go back over a MessagePort in chunks, as the writers produce them.
import { setPriority } from "node:os";
import { Writable } from "node:stream";
import type { MessagePort } from "node:worker_threads";
import { closeSqlPool } from "#app/utils/sql.server.ts";
import { ExportCancelled, type ByteSink } from "./byte-stream.server.ts";
import { writeCsv } from "./csv.server.ts";
import { writeJson } from "./json.server.ts";
import { writePdf } from "./pdf.server.ts";
import {
  reportHistoryBatches,
  reportItemBatches,
  type ReportRequest,
  type ReportSummary,
} from "./report-data.server.ts";
import type { ReportFormat } from "./report-query.ts";
import { readExecutiveSummary } from "./summary.server.ts";
import { writeXlsx } from "./xlsx.server.ts";

export type ExportTask = {
  format: ReportFormat;
  request: ReportRequest;
  summary: ReportSummary;
  /** The server's database (tests give each file one of its own). */
  databaseUrl: string;
  /** Bytes sent but not yet acknowledged that the writer may run ahead by. */
  windowBytes: number;
  port: MessagePort;
};

/** Worker → server. */
export type ExportMessage = { kind: "started" } | { kind: "chunk"; bytes: Uint8Array };
/** Server → worker. */
export type ExportControl = { kind: "ack"; bytes: number } | { kind: "cancel" };

// On Linux a thread's nice value is its own: an export yields the CPU to the server's thread,
// which answers everyone else, whenever both want it. Elsewhere this may fail; it is only a hint.
try {
  setPriority(10);
} catch {
  // Not allowed here: the export runs at the server's priority.
}

const CHUNK_BYTES = 64 * 1024;

/** Writes one export into `task.port`; resolves with its size once all of it was sent. */
export default async function runExport(task: ExportTask): Promise<number> {
  const { port } = task;
  if (process.env.DATABASE_URL !== task.databaseUrl) {
    await closeSqlPool();
    process.env.DATABASE_URL = task.databaseUrl;
  }
  const sink = portSink(port, task.windowBytes);
  port.postMessage({ kind: "started" } satisfies ExportMessage);
  try {
    const report = {
      summary: task.summary,
      items: reportItemBatches(task.request),
      history: reportHistoryBatches(task.request),
    };
    // PDF and XLSX lead with the executive summary (summary.ts): read before the items.
    switch (task.format) {
      case "csv":
        await writeCsv(report, sink);
        break;
      case "json":
        await writeJson(report, sink);
        break;
      case "xlsx":
        await writeXlsx(
          { ...report, executive: await readExecutiveSummary(task.request, task.summary) },
          sink,
        );
        break;
      case "pdf":
        await writePdf(
          { ...report, executive: await readExecutiveSummary(task.request, task.summary) },
          sink,
        );
        break;
    }
    await sink.finish();
    return sink.sent();
  } catch (error) {
    // The readers went away: nothing to report, the slot is free again.
    if (error instanceof ExportCancelled) return -1;
    throw error;
  } finally {
    port.close();
  }
}

/**
 * A ByteSink whose chunks go to the server. `ready()` waits while more than `windowBytes` are
 * unacknowledged (the server acknowledges what it keeps, or what its readers took), and throws
 * ExportCancelled once the server said nobody wants the file any more.
 */
function portSink(port: MessagePort, windowBytes: number) {
  const encoder = new TextEncoder();
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let sent = 0;
  let acknowledged = 0;
  let cancelled = false;
  let wake: (() => void) | null = null;
  port.on("message", (message: ExportControl) => {
    if (message.kind === "ack") acknowledged = Math.max(acknowledged, message.bytes);
    else cancelled = true;
    const resume = wake;
    wake = null;
    resume?.();
  });
  const flush = () => {
    if (pendingBytes === 0 || cancelled) return;
    const chunk = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    sent += chunk.byteLength;
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // A chunk of its own (Buffer.concat may return a slice of a shared pool) can be moved, not
    // copied, to the server's thread.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const message: ExportMessage = { kind: "chunk", bytes: own ? bytes : bytes.slice() };
    port.postMessage(message, [message.bytes.buffer as ArrayBuffer]);
  };
  const waitForRoom = async (limit: number) => {
    while (!cancelled && sent - acknowledged > limit) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (cancelled) throw new ExportCancelled();
  };
  const sink: ByteSink & { finish(): Promise<void>; sent(): number } = {
    write(chunk) {
      if (cancelled) return;
      const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      if (bytes.byteLength === 0) return;
      pending.push(bytes);
      pendingBytes += bytes.byteLength;
      if (pendingBytes >= CHUNK_BYTES) flush();
    },
    async ready() {
      // One turn of the event loop: pdfkit's and exceljs's streams pass data on in later turns.
      await new Promise<void>((resolve) => setImmediate(resolve));
      flush();
      await waitForRoom(windowBytes);
    },
    writable() {
      return byteWritable(sink);
    },
    async finish() {
      await new Promise<void>((resolve) => setImmediate(resolve));
      flush();
      await waitForRoom(windowBytes);
    },
    sent: () => sent,
  };
  return sink;
}

function byteWritable(sink: ByteSink): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      callback();
    },
  });
}
