// The fills of the status charts: each status's solid colour with its pattern on top, so that
// statuses stay apart for colour-blind readers and in grey print. The patterns are defined once
// per page (StatusPatternDefs) and every chart refers to them by id.
import type { Status } from "#app/generated/prisma/enums.ts";
import { statusOrder } from "#app/components/status-badge.tsx";
import { statusPalette, type StatusPattern } from "#app/utils/status-palette.ts";
import { useT } from "#app/utils/i18n.ts";

function patternId(status: Status): string {
  return `status-pattern-${status}`;
}

/** Dark ink on light solids, light ink on dark ones, so that the pattern shows on both. */
function ink(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return luminance < 0.35 ? "rgba(255,255,255,0.75)" : "rgba(0,0,0,0.5)";
}

function PatternShape({ pattern, color }: { pattern: StatusPattern; color: string }) {
  switch (pattern) {
    case "diagonal":
      return <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke={color} strokeWidth={1.5} />;
    case "crosshatch":
      return (
        <path
          d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2 M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2"
          stroke={color}
          strokeWidth={1.2}
        />
      );
    case "dots":
      return <circle cx={3} cy={3} r={1.3} fill={color} />;
    case "horizontal":
      return <path d="M0,3 h6" stroke={color} strokeWidth={1.5} />;
    case "none":
      return null;
  }
}

/**
 * The status patterns, once per page that shows charts. Not `display: none`: browsers do not
 * paint patterns defined in an undisplayed SVG.
 */
export function StatusPatternDefs() {
  return (
    <svg aria-hidden="true" focusable="false" width="0" height="0" className="absolute">
      <defs>
        {statusOrder.map((status) => {
          const { solid, pattern } = statusPalette[status];
          if (pattern === "none") return null;
          return (
            <pattern
              key={status}
              id={patternId(status)}
              width={6}
              height={6}
              patternUnits="userSpaceOnUse"
            >
              <PatternShape pattern={pattern} color={ink(solid)} />
            </pattern>
          );
        })}
      </defs>
    </svg>
  );
}

/** A rectangle in a status's colour and pattern; position and size as SVG attributes. */
export function StatusFill({
  status,
  ...box
}: {
  status: Status;
  x?: string | number;
  y?: string | number;
  width: string | number;
  height: string | number;
}) {
  const { solid, pattern } = statusPalette[status];
  return (
    <>
      <rect {...box} fill={solid} className="chart-fill" />
      {pattern !== "none" && <rect {...box} fill={`url(#${patternId(status)})`} />}
    </>
  );
}

/** A small square of a status's colour and pattern, for legends. */
export function StatusSwatch({ status }: { status: Status }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="16"
      height="16"
      className="inline-block shrink-0 rounded-sm border border-gray-500"
    >
      <StatusFill status={status} width="100%" height="100%" />
    </svg>
  );
}

/**
 * The statuses with their swatches. The charts' legends are only a key to colours and patterns
 * (the segment links and tables say each status in words), so screen readers skip them.
 */
export function StatusLegend({ statuses = statusOrder }: { statuses?: Status[] }) {
  const t = useT();
  return (
    <ul
      aria-hidden="true"
      className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-gray-800"
      data-testid="chart-legend"
    >
      {statuses.map((status) => (
        <li key={status} className="flex items-center gap-1.5">
          <StatusSwatch status={status} />
          {t(`status.${status}`)}
        </li>
      ))}
    </ul>
  );
}
