// Where the parts of a chart go, in percent of the chart's width or height, so that the SVGs
// need no viewBox: they stretch to any width while their patterns and focus rings keep their
// shape. Pure functions, shared by the bar and the column charts.
import type { Status } from "#app/generated/prisma/enums.ts";
import { statusOrder } from "#app/components/status-badge.tsx";

export type Counts = Partial<Record<Status, number>>;

export type Segment = { status: Status; count: number; start: number; size: number };

/** The smallest share a non-empty segment is drawn with, so that every one can be seen and hit. */
export const MIN_SEGMENT = 1.5;

export function countTotal(counts: Counts): number {
  return statusOrder.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
}

/**
 * The non-empty statuses of `counts` in status order, each with its start and size in percent
 * of `scale` (the bar's total by default: a 100% bar). Segments smaller than `MIN_SEGMENT` of a
 * full bar are widened to it and the others narrowed in proportion.
 */
export function stackSegments(counts: Counts, scale = countTotal(counts)): Segment[] {
  const total = countTotal(counts);
  if (total === 0 || scale <= 0) return [];
  const present = statusOrder.filter((status) => (counts[status] ?? 0) > 0);
  const span = (total / scale) * 100;
  const raw = present.map((status) => ((counts[status] ?? 0) / total) * span);
  const small = raw.filter((size) => size < MIN_SEGMENT);
  const widened = small.length * MIN_SEGMENT;
  const rest = raw.filter((size) => size >= MIN_SEGMENT).reduce((sum, size) => sum + size, 0);
  // Narrow the large segments by what the small ones gained, when there is room to.
  const room = small.length > 0 && rest > 0 && widened < span;
  const factor = room ? (span - widened) / rest : 1;
  let start = 0;
  return present.map((status, index) => {
    const size = room && raw[index]! < MIN_SEGMENT ? MIN_SEGMENT : raw[index]! * factor;
    const segment = { status, count: counts[status] ?? 0, start, size };
    start += size;
    return segment;
  });
}

/**
 * A round top for a count axis with a tick at its middle: 2, 4, 10, 20, 40, 100, 200, 400,
 * 1000… at least `max`.
 */
export function axisMax(max: number): number {
  const half = Math.max(1, max / 2);
  const power = 10 ** Math.floor(Math.log10(half));
  const step = [1, 2, 5, 10].map((m) => m * power).find((value) => value >= half) ?? 10 * power;
  return step * 2;
}

/** A number rounded for an SVG attribute (keeps the markup short). */
export function pct(value: number): string {
  return `${Math.round(value * 1000) / 1000}%`;
}
