import type { Route } from "./+types/download";
import { requireReader } from "#app/modules/auth/auth.server.ts";
import { getEvidenceFile } from "#app/modules/tracking/evidence.server.ts";
import { NotFoundError } from "#app/utils/domain-errors.ts";
import { notFoundUnless } from "#app/utils/http.server.ts";

/** An uploaded evidence file, always as a download with its checked type. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireReader(context, request);
  const file = notFoundUnless(
    await getEvidenceFile(params.id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    }),
  );
  return new Response(Buffer.from(file.data), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Disposition": file.contentDisposition,
      "Content-Length": String(file.sizeBytes),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
