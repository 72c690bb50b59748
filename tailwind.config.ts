import type { Config } from "tailwindcss";

// Design tokens. Each status has a background and a text colour chosen together for a contrast
// ratio of at least 4.5:1, and a solid colour for charts.
export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          DEFAULT: "#0b4f6c",
          dark: "#083a50",
          light: "#e6f1f6",
        },
        status: {
          "not-started": { bg: "#eceff3", fg: "#374151", solid: "#9ca3af" },
          "in-progress": { bg: "#dbeafe", fg: "#1e3a8a", solid: "#3b82f6" },
          "partially-implemented": { bg: "#fef3c7", fg: "#78350f", solid: "#f59e0b" },
          implemented: { bg: "#dcfce7", fg: "#14532d", solid: "#16a34a" },
          stalled: { bg: "#ffedd5", fg: "#7c2d12", solid: "#ea580c" },
          "not-implemented": { bg: "#fee2e2", fg: "#7f1d1d", solid: "#dc2626" },
        },
      },
      fontFamily: {
        sans: [
          "system-ui",
          "-apple-system",
          "Segoe UI",
          "Roboto",
          "Helvetica Neue",
          "Arial",
          "sans-serif",
        ],
      },
    },
  },
} satisfies Config;
