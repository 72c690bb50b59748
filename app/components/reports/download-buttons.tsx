import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { reportFormats, type ReportFormat } from "#app/modules/reports/report-query.ts";
import { useLocale, useT, type Locale } from "#app/utils/i18n.ts";

/** The file name a response suggests: `filename*` (RFC 5987) first, then `filename`. */
export function fileNameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ""));
    } catch {
      // A malformed encoding: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2]?.trim();
  // Only the last path segment, whatever a server sends.
  return name ? name.split(/[\\/]/).pop() || undefined : undefined;
}

/** "840 kB", "1.2 MB" in the reader's language. */
export function formatSize(locale: Locale, bytes: number): string {
  const [value, unit] =
    bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : [bytes / 1_000, "kilobyte"];
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit,
    maximumFractionDigits: 1,
  }).format(value);
}

type Progress =
  | { phase: "busy"; format: ReportFormat; received: number }
  | { phase: "done"; format: ReportFormat; received: number; name: string }
  | { phase: "failed"; format: ReportFormat }
  | { phase: "error"; format: ReportFormat; status: number };

// Screen readers hear each change of the live region: at most a few a second.
const ANNOUNCE_EVERY_MS = 400;

/**
 * One submit button per format, in the report form: without JavaScript the browser submits the
 * form to the export's URL and saves the file it answers. With JavaScript the file is fetched
 * here instead, so that the page can say how far a large export has come; a response that is
 * not a file (the export sent the reader back to fix a parameter) is followed like a link.
 */
export function DownloadButtons({
  describe,
}: {
  describe: (format: ReportFormat) => React.ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const [progress, setProgress] = useState<Progress | null>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const busy = progress?.phase === "busy";
  const name = (format: ReportFormat) => format.toUpperCase();

  async function download(event: React.MouseEvent<HTMLButtonElement>, format: ReportFormat) {
    const button = event.currentTarget;
    const form = button.form;
    if (!form) return;
    event.preventDefault();
    if (running.current || !form.reportValidity()) return;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim() !== "") params.append(key, value);
    }
    const url = new URL(button.formAction, window.location.href);
    url.search = params.toString();

    const controller = new AbortController();
    running.current = controller;
    setProgress({ phase: "busy", format, received: 0 });
    try {
      const response = await fetch(url, { signal: controller.signal });
      const type = response.headers.get("Content-Type") ?? "";
      if (response.redirected || type.includes("text/html")) {
        const target = new URL(response.url);
        setProgress(null);
        if (target.origin === window.location.origin) {
          await navigate(`${target.pathname}${target.search}`);
        } else {
          window.location.assign(target.href);
        }
        return;
      }
      if (!response.ok || !response.body) {
        setProgress({ phase: "error", format, status: response.status });
        return;
      }
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      let announced = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        if (Date.now() - announced >= ANNOUNCE_EVERY_MS) {
          announced = Date.now();
          setProgress({ phase: "busy", format, received });
        }
      }
      const fileName =
        fileNameFromDisposition(response.headers.get("Content-Disposition")) ??
        `status-report.${format}`;
      const href = URL.createObjectURL(new Blob(chunks, { type }));
      const link = document.createElement("a");
      link.href = href;
      link.download = fileName;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      // Long enough for the browser to start saving it.
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      setProgress({ phase: "done", format, received, name: fileName });
    } catch {
      if (!controller.signal.aborted) setProgress({ phase: "failed", format });
    } finally {
      if (running.current === controller) running.current = null;
    }
  }

  let status = "";
  if (progress) {
    const values = { format: name(progress.format) };
    switch (progress.phase) {
      case "busy":
        status =
          progress.received > 0
            ? t("review.reports.downloads.received", {
                ...values,
                size: formatSize(locale, progress.received),
              })
            : t("review.reports.downloads.preparing", values);
        break;
      case "done":
        status = t("review.reports.downloads.done", {
          ...values,
          name: progress.name,
          size: formatSize(locale, progress.received),
        });
        break;
      case "failed":
        status = t("review.reports.downloads.failed", values);
        break;
      case "error":
        status = t("review.reports.downloads.error", { ...values, status: progress.status });
        break;
    }
  }

  return (
    <fieldset className="mt-4 min-w-0 rounded border border-gray-300 bg-white p-3">
      <legend className="px-1 text-base font-semibold">
        {t("review.reports.downloads.title")}
      </legend>
      <p className="text-sm text-gray-700">{t("review.reports.downloads.intro")}</p>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {reportFormats.map((format) => {
          const thisOne = busy && progress.format === format;
          return (
            <li
              key={format}
              className="flex min-w-0 flex-col items-start gap-2 min-[400px]:flex-row min-[400px]:gap-3"
            >
              <button
                type="submit"
                formAction={`/reports/export.${format}`}
                onClick={(event) => void download(event, format)}
                aria-describedby={`download-${format}-help`}
                aria-disabled={busy ? true : undefined}
                aria-busy={thisOne ? true : undefined}
                data-testid={`download-${format}`}
                className="inline-flex w-20 shrink-0 items-center justify-center gap-1 rounded border border-brand bg-white px-3 py-2 text-sm font-semibold text-brand hover:bg-brand-light aria-disabled:cursor-wait aria-disabled:opacity-60"
              >
                {thisOne && (
                  <span
                    aria-hidden="true"
                    className="inline-block size-3 animate-spin rounded-full border-2 border-current border-t-transparent"
                  />
                )}
                {name(format)}
              </button>
              <div id={`download-${format}-help`} className="min-w-0 text-sm">
                {describe(format)}
              </div>
            </li>
          );
        })}
      </ul>
      <p
        role="status"
        aria-live="polite"
        className={`mt-3 text-sm font-medium break-words ${
          progress?.phase === "failed" || progress?.phase === "error"
            ? "text-status-not-implemented-fg"
            : ""
        }`}
        data-testid="download-status"
      >
        {status}
      </p>
    </fieldset>
  );
}
