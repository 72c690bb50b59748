import type { Route } from "./+types/copy";
import { getArchivedCopy } from "#app/modules/archive/archive.server.ts";
import { requireReader } from "#app/modules/auth/auth.server.ts";
import { dayIn } from "#app/utils/dates.ts";
import { notFoundUnless } from "#app/utils/http.server.ts";

const EXTENSIONS: Record<string, string> = {
  "text/html": "html",
  "application/xhtml+xml": "xhtml",
  "text/plain": "txt",
  "text/csv": "csv",
  "image/svg+xml": "svg",
};

/** Shown in the browser: PDF and raster images. Anything else (HTML above all) is downloaded. */
function shownInline(contentType: string) {
  return (
    contentType === "application/pdf" ||
    (contentType.startsWith("image/") && contentType !== "image/svg+xml")
  );
}

/**
 * An archived copy of an evidence link or a source's document, for whoever may read the
 * catalogue. Never runs in the tracker's origin: a sandbox CSP (no scripts, an opaque origin),
 * nosniff, and everything but PDF and images as an attachment.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireReader(context, request);
  const copy = notFoundUnless(await getArchivedCopy(params.copyId));
  // The day as the item page shows it: in the tracker's time zone.
  const day = dayIn(copy.fetchedAt);
  const extension =
    EXTENSIONS[copy.contentType] ?? copy.contentType.split("/")[1]?.replace(/[^a-z0-9]/g, "");
  const name = `archived-${day}-${copy.sha256.slice(0, 8)}.${extension || "bin"}`;
  return new Response(Buffer.from(copy.data), {
    headers: {
      "Content-Type": copy.contentType,
      "Content-Length": String(copy.sizeBytes),
      "Content-Disposition": `${shownInline(copy.contentType) ? "inline" : "attachment"}; filename="${name}"`,
      "Content-Security-Policy":
        "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      // The copy's own hash, so that a reader can check it against the page's "SHA-256 …".
      "X-Archive-SHA256": copy.sha256,
    },
  });
}
