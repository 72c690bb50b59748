// Exports built off the server's thread, a bounded number at once, and kept for the next reader
// (docs/decisions/0012-exports-off-the-event-loop.md):
// - each build runs in a worker thread (export-worker.server.ts, through piscina): EXPORT_THREADS
//   at once, EXPORT_QUEUE more waiting; past that, ExportsBusy (the route answers 503);
// - identical requests (same format, filters, dates, language, audience and site) at the same
//   CacheVersion share one build, and its bytes are kept (EXPORT_KEPT_MB in all, least recently
//   used first out), so the next reader gets a copy without any build;
// - the bytes stream to each reader as the worker writes them; when every reader of a build has
//   gone, the build stops and its thread is free for the next.
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { cacheVersion } from "#app/utils/cache.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import type { ExportControl, ExportMessage, ExportTask } from "./export-worker.server.ts";
import type { ReportRequest, ReportSummary } from "./report-data.server.ts";
import type { ReportFormat } from "./report-query.ts";

export type ExportSettings = {
  /** Builds at once (worker threads). */
  threads: number;
  /** Builds waiting for a thread; one more is refused. */
  queue: number;
  /** Bytes of kept exports, all together. */
  keptBytes: number;
  /** How far a build may run ahead of its fastest reader once it is too large to keep. */
  windowBytes: number;
};

/** The settings from the environment (checked at start by env.server.ts). */
function exportSettings(env: NodeJS.ProcessEnv = process.env): ExportSettings {
  const number = (value: string | undefined, fallback: number) =>
    value === undefined || value === "" ? fallback : Number(value);
  return {
    threads: number(env.EXPORT_THREADS, Math.max(1, Math.min(4, availableParallelism()))),
    queue: number(env.EXPORT_QUEUE, 4),
    // A copy of at most half of this is kept: the whole catalogue's tagged PDF at 10,000 items is
    // over 30 MB (docs/decisions/0018-tagged-pdf-summary.md).
    keptBytes: number(env.EXPORT_KEPT_MB, 128) * 1024 * 1024,
    windowBytes: 1024 * 1024,
  };
}

/** All threads busy and the queue full: try again in `retryAfter` seconds. */
export class ExportsBusy extends Error {
  constructor(readonly retryAfter: number) {
    super("Every export thread is busy and the queue is full");
    this.name = "ExportsBusy";
  }
}

const KEPT_PIECE_BYTES = 1024 * 1024;
/** Seconds a refused reader is asked to wait: about one large build. */
const RETRY_AFTER_SECONDS = 10;

type Reader = { position: number; wake: (() => void) | null };

/** One build in a worker: its chunks so far, and who reads them. */
class Build {
  chunks: Uint8Array[] = [];
  /** Index in the file's chunks of `chunks[0]` (chunks every reader passed are let go). */
  first = 0;
  bytes = 0;
  done = false;
  failed: unknown = null;
  started = false;
  /** Every reader left before the end: the file is incomplete. */
  cancelled = false;
  /** Whether the whole file is still held (to share and keep); false once past the cap. */
  whole = true;
  readers = new Set<Reader>();
  private acknowledged = 0;
  /** The task has ended (done, failed or stopped), and the bytes it said it sent (-1: stopped). */
  private settled = false;
  private expected: number | null = null;
  private readonly onDone: (build: Build) => void;
  private readonly abort = new AbortController();
  private readonly port: MessageChannel["port1"];
  readonly finished: Promise<void>;

  constructor(
    pool: Piscina,
    task: Omit<ExportTask, "port">,
    private readonly maxBytes: number,
    onDone: (build: Build) => void,
  ) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.on("message", (message: ExportMessage) => {
      if (message.kind === "started") this.started = true;
      else this.receive(message.bytes);
    });
    const run = pool.run({ ...task, port: channel.port2 } satisfies ExportTask, {
      transferList: [channel.port2],
      signal: this.abort.signal,
    });
    this.finished = run.then(
      (total: number) => {
        this.expected = total;
      },
      (error: unknown) => {
        if (!this.abort.signal.aborted) this.failed = error;
      },
    );
    void this.finished.finally(() => {
      this.settled = true;
      this.end();
    });
    this.onDone = onDone;
  }

  /**
   * Done once the task has ended and every byte it sent has arrived: its chunks come over this
   * build's port, its end over piscina's, and two ports keep no order between them.
   */
  private end() {
    if (!this.settled || this.done) return;
    if (this.expected !== null && this.expected >= 0 && this.bytes < this.expected) return;
    this.done = true;
    this.port.close();
    this.wakeAll();
    this.onDone(this);
  }

  private receive(bytes: Uint8Array) {
    this.chunks.push(bytes);
    this.bytes += bytes.byteLength;
    if (this.whole && this.bytes > this.maxBytes) this.whole = false;
    this.trim();
    // Kept whole: the worker need not wait for anyone. Else it waits for the fastest reader.
    if (this.whole) this.acknowledge(this.bytes);
    this.wakeAll();
    this.end();
  }

  private acknowledge(bytes: number) {
    if (bytes <= this.acknowledged || this.done) return;
    this.acknowledged = bytes;
    this.port.postMessage({ kind: "ack", bytes } satisfies ExportControl);
  }

  /** Lets go of the chunks that every reader has passed, once the file is not kept whole. */
  private trim() {
    if (this.whole || this.readers.size === 0) return;
    const slowest = Math.min(...[...this.readers].map((reader) => reader.position));
    while (this.first < slowest && this.chunks.length > 0) {
      this.chunks.shift();
      this.first += 1;
    }
  }

  private wakeAll() {
    for (const reader of this.readers) {
      const wake = reader.wake;
      reader.wake = null;
      wake?.();
    }
  }

  /** A response body over this build, from its first byte. */
  body(): ReadableStream<Uint8Array> {
    const reader: Reader = { position: 0, wake: null };
    this.readers.add(reader);
    let readBytes = 0;
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          while (reader.position - this.first >= this.chunks.length && !this.done) {
            await new Promise<void>((resolve) => {
              reader.wake = resolve;
            });
          }
          const chunk = this.chunks[reader.position - this.first];
          if (chunk) {
            reader.position += 1;
            readBytes += chunk.byteLength;
            if (!this.whole) {
              this.acknowledge(readBytes);
              this.trim();
            }
            controller.enqueue(chunk);
            return;
          }
          this.readers.delete(reader);
          if (this.failed) controller.error(this.failed);
          else controller.close();
        },
        cancel: () => {
          this.readers.delete(reader);
          this.trim();
          if (this.readers.size === 0 && !this.done) this.cancel();
        },
      },
      { highWaterMark: 0 },
    );
  }

  /** The pool is closing: the build ends with its thread, quietly. */
  stop() {
    this.cancelled = true;
    this.abort.abort();
  }

  /** Nobody reads it any more: a waiting build leaves the queue, a running one stops. */
  private cancel() {
    this.cancelled = true;
    // Aborting a running task would end its thread; the worker stops by itself at its next batch.
    if (!this.started) this.abort.abort();
    this.port.postMessage({ kind: "cancel" } satisfies ExportControl);
  }
}

type Kept = { key: string; chunks: Uint8Array[]; bytes: number };

let pool: Piscina | undefined;
let settings: ExportSettings | undefined;
let overrides: Partial<ExportSettings> = {};
/** Builds under way, by what they build, for identical requests to share. */
const building = new Map<string, Build>();
/** Builds announced but still reading their summary. */
const starting = new Map<string, Promise<Build>>();
/** Builds admitted: running or waiting for a thread (or still reading their summary). */
let admitted = 0;
/** Moves when the pool closes: a build of an earlier pool no longer counts in `admitted`. */
let generation = 0;
/** Kept exports, least recently used first. */
const kept = new Map<string, Kept>();
let keptBytes = 0;
let keptVersion: string | undefined;
/** Builds started (for tests and the benchmark's checks). */
let buildsStarted = 0;

/**
 * The worker's file: the source module under Vite or Vitest (loaded with tsx), and in the
 * production build the entry that vite.config.ts adds beside the server's, build/server/.
 */
function workerFile(): { filename: string; execArgv: string[] } {
  if (import.meta.url.endsWith(".ts")) {
    return {
      filename: new URL("./export-worker.server.ts", import.meta.url).href,
      execArgv: ["--import", "tsx"],
    };
  }
  const built = path.resolve("build", "server", "export-worker.js");
  return { filename: pathToFileURL(built).href, execArgv: [] };
}

function exportPool(): { pool: Piscina; settings: ExportSettings } {
  if (!pool || !settings) {
    settings = { ...exportSettings(), ...overrides };
    const { filename, execArgv } = workerFile();
    pool = new Piscina({
      filename,
      execArgv,
      // One thread always ready, its code loaded: the first export does not wait for a start.
      minThreads: 1,
      maxThreads: settings.threads,
      // Counted here (admit below); piscina's own queue never refuses.
      maxQueue: Infinity,
      idleTimeout: 5 * 60_000,
    });
  }
  return { pool, settings };
}

/** Starts the first export thread now (at the server's start) rather than on the first export. */
export function startExportThreads() {
  exportPool();
}

/** Stops the worker threads (at shutdown, and in tests before new settings). */
export async function closeExportPool() {
  const current = pool;
  pool = undefined;
  settings = undefined;
  for (const build of building.values()) build.stop();
  building.clear();
  starting.clear();
  admitted = 0;
  generation += 1;
  forgetKeptExports();
  await current?.destroy();
}

/** Settings other than the environment's, from the next build on (tests). */
export async function configureExports(changes: Partial<ExportSettings>) {
  await closeExportPool();
  overrides = changes;
}

function forgetKeptExports() {
  kept.clear();
  keptBytes = 0;
  keptVersion = undefined;
}

/** How many builds have started since the server did (a kept copy starts none). */
export function exportBuildsStarted(): number {
  return buildsStarted;
}

/** The kept copy's identity: what decides the file's bytes, apart from when it was made. */
function exportKey(request: ReportRequest, format: ReportFormat): string {
  const filters = Object.fromEntries(
    Object.entries(request.filters)
      .filter(([, value]) => value !== undefined && value !== null && value !== "")
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return JSON.stringify([
    format,
    request.audience,
    request.language,
    request.asOfDay,
    request.asOf === null,
    request.from,
    request.origin,
    filters,
  ]);
}

type ExportBody = { body: ReadableStream<Uint8Array>; length: number | null };

/**
 * The export's bytes: a kept copy, a share of the same build under way, or a new build. A new
 * one beyond the threads and the queue throws ExportsBusy. `summary` is read only for a new build.
 */
export async function exportBody(
  request: ReportRequest,
  format: ReportFormat,
  summary: () => Promise<ReportSummary>,
): Promise<ExportBody> {
  const version = await cacheVersion();
  if (version !== keptVersion) {
    forgetKeptExports();
    keptVersion = version;
  }
  const key = `${version}\n${exportKey(request, format)}`;
  const copy = kept.get(key);
  if (copy) {
    kept.delete(key);
    kept.set(key, copy);
    return { body: chunkStream(copy.chunks), length: copy.bytes };
  }
  const shared = building.get(key) ?? (await starting.get(key)?.catch(() => undefined));
  if (shared && shared.whole && !shared.cancelled) return { body: shared.body(), length: null };

  const { pool: workers, settings: limits } = exportPool();
  if (admitted >= limits.threads + limits.queue) throw new ExportsBusy(RETRY_AFTER_SECONDS);
  // Counted before the summary is read, so that requests arriving meanwhile see it; and the
  // build is announced before that wait too, so that an identical request arriving meanwhile
  // shares it instead of starting its own.
  admitted += 1;
  buildsStarted += 1;
  const admittedIn = generation;
  // Once per build, and only while its pool is the current one (closing it counted it out).
  const release = () => {
    if (generation === admittedIn) admitted -= 1;
  };
  const start = (async () => {
    const task = {
      format,
      request,
      summary: await summary(),
      databaseUrl: process.env.DATABASE_URL ?? "",
      windowBytes: limits.windowBytes,
    };
    return new Build(workers, task, Math.floor(limits.keptBytes / 2), (done) => {
      release();
      if (building.get(key) === done) building.delete(key);
      if (done.failed) {
        logger.error({ err: done.failed, format }, "An export failed in its worker");
        return;
      }
      if (done.whole && !done.cancelled && keptVersion === version) keep(key, done, limits);
    });
  })();
  starting.set(key, start);
  let build: Build;
  try {
    build = await start;
  } catch (error) {
    release();
    throw error;
  } finally {
    if (starting.get(key) === start) starting.delete(key);
  }
  building.set(key, build);
  return { body: build.body(), length: null };
}

function keep(key: string, build: Build, limits: ExportSettings) {
  if (build.bytes > limits.keptBytes / 2) return;
  kept.set(key, { key, chunks: pieces(build.chunks), bytes: build.bytes });
  keptBytes += build.bytes;
  for (const [oldest, entry] of kept) {
    if (keptBytes <= limits.keptBytes) break;
    kept.delete(oldest);
    keptBytes -= entry.bytes;
  }
}

/** A kept copy in pieces of about 1 MB: a copy is sent in a few large writes, not hundreds. */
function pieces(chunks: Uint8Array[]): Uint8Array[] {
  const result: Uint8Array[] = [];
  let group: Uint8Array[] = [];
  let size = 0;
  for (const chunk of chunks) {
    group.push(chunk);
    size += chunk.byteLength;
    if (size >= KEPT_PIECE_BYTES) {
      result.push(Buffer.concat(group, size));
      group = [];
      size = 0;
    }
  }
  if (size > 0) result.push(group.length === 1 ? group[0]! : Buffer.concat(group, size));
  return result;
}

function chunkStream(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
