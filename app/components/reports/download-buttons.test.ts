import { expect, test } from "vitest";
import { fileNameFromDisposition, formatSize } from "./download-buttons.tsx";

test("the file name comes from Content-Disposition, filename* first", () => {
  expect(
    fileNameFromDisposition(
      `attachment; filename="status-report_2026-12-01.pdf"; filename*=UTF-8''status-report_2026-12-01_Se%C3%B1al.pdf`,
    ),
  ).toBe("status-report_2026-12-01_Señal.pdf");
  expect(fileNameFromDisposition(`attachment; filename="status report \\"a\\".csv"`)).toBe(
    'status report "a".csv',
  );
  expect(fileNameFromDisposition("attachment; filename=status-report.json")).toBe(
    "status-report.json",
  );
  // A bad encoding falls back to the plain name; a path keeps only its last part.
  expect(
    fileNameFromDisposition(`attachment; filename="plain.xlsx"; filename*=UTF-8''bad%E0%A4%A.xlsx`),
  ).toBe("plain.xlsx");
  expect(fileNameFromDisposition(`attachment; filename="../../etc/passwd"`)).toBe("passwd");
  expect(fileNameFromDisposition("attachment")).toBeUndefined();
  expect(fileNameFromDisposition(null)).toBeUndefined();
});

test("sizes read as a person would say them, in the reader's language", () => {
  expect(formatSize("en", 1_234_567)).toBe("1.2 MB");
  expect(formatSize("es", 1_234_567)).toBe("1,2 MB");
  expect(formatSize("en", 840_000)).toBe("840 kB");
});
