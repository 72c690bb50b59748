// `npx tsx scripts/profile/pdf-export.ts [--items N] [--runs R]`: the whole-catalogue PDF alone,
// written in this process (no server, no worker) from the bench's database (data/bench, filled
// as `npm run bench` fills it, and reused when it is there): the summary read, then writePdf into
// a sink that only counts bytes, R times; prints each run's seconds, the file's size and the
// peak heap (run it with --max-old-space-size=320 to hold it to the server's limit). For
// measuring a change to the PDF without the whole six-minute bench (docs/decisions/0018).
import { setImmediate as nextTurn } from "node:timers/promises";
import { Writable } from "node:stream";
import { writePdf } from "#app/modules/reports/pdf.server.ts";
import {
  reportItemBatches,
  reportSummary,
  type ReportRequest,
} from "#app/modules/reports/report-data.server.ts";
import { readExecutiveSummary } from "#app/modules/reports/summary.server.ts";
import { currentDay, quarterStart } from "#app/utils/dates.ts";
import { disconnectPrisma } from "#app/utils/db.server.ts";
import { closeSqlPool } from "#app/utils/sql.server.ts";
import { benchDatabase, option } from "../bench/database.ts";

const items = option("items", 10_000);
const runs = option("runs", 3);
const log = (line: string) => console.error(line);
const { database } = await benchDatabase(items, true, log);
try {
  const today = currentDay();
  const request: ReportRequest = {
    filters: {},
    asOf: null,
    asOfDay: today,
    from: quarterStart(today),
    language: "en",
    audience: "public",
    origin: "http://bench.test",
    generatedAt: new Date(),
  };
  for (let run = 1; run <= runs; run++) {
    const started = performance.now();
    let peakHeap = 0;
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 50);
    let bytes = 0;
    const sink = {
      write(chunk: Uint8Array | string) {
        bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
      },
      ready: () => nextTurn(),
      writable() {
        return new Writable({
          write(chunk: Buffer, _encoding, callback) {
            bytes += chunk.byteLength;
            callback();
          },
        });
      },
    };
    const summary = await reportSummary(request);
    const executive = await readExecutiveSummary(request, summary);
    await writePdf({ summary, executive, items: reportItemBatches(request) }, sink);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    console.log(
      `run ${run}: pdf_s=${seconds.toFixed(2)} bytes=${bytes} peak_heap_mb=${(peakHeap / 1e6).toFixed(0)}`,
    );
  }
} finally {
  await disconnectPrisma();
  await closeSqlPool();
  await database.stop();
}
