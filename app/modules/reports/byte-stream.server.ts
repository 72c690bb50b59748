// A response body written by a producer while the reader downloads it. The producer writes
// freely within a batch and awaits `ready()` between batches, which waits while the reader is
// behind: memory holds about one batch of output, however long the report.
import { Writable } from "node:stream";

export type ByteSink = {
  write(chunk: Uint8Array | string): void;
  /** Resolves when the reader wants more; throws ExportCancelled once the reader has gone. */
  ready(): Promise<void>;
  /** A Node stream over the sink, for libraries that write to one (exceljs, pdfkit's pipe). */
  writable(): Writable;
};

/** The reader went away (closed the tab, cancelled the download): stop quietly. */
export class ExportCancelled extends Error {
  constructor() {
    super("The reader cancelled the export");
    this.name = "ExportCancelled";
  }
}

const HIGH_WATER_MARK = 512 * 1024;
/**
 * Small writes (pdfkit writes each PDF object on its own) are gathered into chunks of about this
 * size: a web stream's queue costs per chunk, and was a tenth of a large PDF's time.
 */
const CHUNK_BYTES = 64 * 1024;

/**
 * A byte stream fed by `produce`. An error in the producer is logged and ends the stream with
 * an error, so the server aborts the response (the browser reports a failed download rather
 * than saving a file that looks complete); the server itself carries on.
 */
export function byteStream(
  label: string,
  produce: (sink: ByteSink) => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  let wake: (() => void) | null = null;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0 || cancelled) return;
    const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    controller.enqueue(chunk);
  };
  const wakeUp = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };

  const sink: ByteSink = {
    write(chunk) {
      if (cancelled) return;
      const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      if (bytes.byteLength === 0) return;
      pending.push(bytes);
      pendingBytes += bytes.byteLength;
      if (pendingBytes >= CHUNK_BYTES) flush();
    },
    async ready() {
      // One turn of the event loop: Node streams between the producer and the sink (pdfkit's
      // output, exceljs's zip) only pass their data on in later turns.
      await new Promise<void>((resolve) => setImmediate(resolve));
      flush();
      while (!cancelled && (controller.desiredSize ?? 1) <= 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      if (cancelled) throw new ExportCancelled();
    },
    writable() {
      return new Writable({
        write(chunk: Buffer, _encoding, callback) {
          sink.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          callback();
        },
      });
    },
  };

  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        // After the Response is handed back: the producer starts writing on the next turn.
        setImmediate(() => {
          produce(sink).then(
            () => {
              flush();
              if (!cancelled) controller.close();
            },
            (error: unknown) => {
              if (cancelled || error instanceof ExportCancelled) return;
              console.error(`Export ${label} failed while streaming:`, error);
              cancelled = true;
              controller.error(error);
            },
          );
        });
      },
      pull() {
        wakeUp();
      },
      cancel() {
        cancelled = true;
        wakeUp();
      },
    },
    { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  );
}
