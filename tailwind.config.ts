import type { Config } from "tailwindcss";
import { statusPalette } from "./app/utils/status-palette.ts";

const statusColors = Object.fromEntries(
  Object.entries(statusPalette).map(([status, { bg, fg, solid }]) => [
    status.replaceAll("_", "-"),
    { bg, fg, solid },
  ]),
);

// Design tokens. The status colours live in app/utils/status-palette.ts, which the charts and the
// PDF report read too.
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
        status: statusColors,
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
