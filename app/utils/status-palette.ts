// The colours of the six statuses, used by Tailwind (tailwind.config.ts), the SVG charts and the
// PDF report. `bg`/`fg` are a badge's background and text (contrast ≥ 4.5:1). `solid` is a
// chart colour from the Okabe–Ito set, which stays distinguishable for the common kinds of colour
// blindness; the solids also differ in lightness, and `pattern` adds a texture, so that bars
// still tell apart in grey print.
export const statusPalette = {
  not_started: { bg: "#eceff3", fg: "#374151", solid: "#c4c8ce", pattern: "none" },
  in_progress: { bg: "#dbeafe", fg: "#1e3a8a", solid: "#56b4e9", pattern: "diagonal" },
  partially_implemented: { bg: "#fef3c7", fg: "#78350f", solid: "#e69f00", pattern: "dots" },
  implemented: { bg: "#dcfce7", fg: "#14532d", solid: "#009e73", pattern: "none" },
  stalled: { bg: "#fce7f3", fg: "#831843", solid: "#cc79a7", pattern: "crosshatch" },
  not_implemented: { bg: "#fee2e2", fg: "#7f1d1d", solid: "#8c2d04", pattern: "horizontal" },
} as const;

export type StatusPattern = (typeof statusPalette)[keyof typeof statusPalette]["pattern"];
