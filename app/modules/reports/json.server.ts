// The JSON export: the shape of docs/report-json.md and report-schema.ts, written piece by
// piece (the envelope, then each item as it is read), never built as one string.
import type { ByteSink } from "./byte-stream.server.ts";
import type { HistoryEntry, ReportItem, ReportSummary } from "./report-data.server.ts";
import { REPORT_SCHEMA_VERSION } from "./report-schema.ts";

function itemJson(item: ReportItem) {
  return { ...item, lastVerifiedAt: item.lastVerifiedAt?.toISOString() ?? null };
}

/** Writes the whole JSON document into `sink`, a batch of items (then of changes) at a time. */
export async function writeJson(
  report: {
    summary: ReportSummary;
    items: AsyncIterable<ReportItem[]>;
    history: AsyncIterable<HistoryEntry[]>;
  },
  sink: ByteSink,
): Promise<void> {
  const { summary } = report;
  const head = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: summary.generatedAt.toISOString(),
    timeZone: summary.timeZone,
    asOf: summary.asOf,
    current: summary.current,
    recordedAfterAsOf: summary.recordedAfterAsOf,
    language: summary.language,
    audience: summary.audience,
    filters: summary.filters,
    period: { from: summary.from, to: summary.asOf },
    summary: {
      total: summary.total,
      byStatus: summary.byStatus,
      bySource: summary.bySource,
      byGoal: summary.byGoal,
    },
  };
  // The envelope without its closing brace, then the arrays one element at a time.
  sink.write(`${JSON.stringify(head).slice(0, -1)},"items":[`);
  let first = true;
  for await (const batch of report.items) {
    const parts = batch.map((item) => JSON.stringify(itemJson(item)));
    if (parts.length > 0) sink.write(`${first ? "" : ","}${parts.join(",")}`);
    first = first && parts.length === 0;
    await sink.ready();
  }
  sink.write(`],"history":[`);
  first = true;
  for await (const batch of report.history) {
    const parts = batch.map((entry) => JSON.stringify(entry));
    if (parts.length > 0) sink.write(`${first ? "" : ","}${parts.join(",")}`);
    first = first && parts.length === 0;
    await sink.ready();
  }
  sink.write("]}");
}
