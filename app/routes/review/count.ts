import type { Route } from "./+types/count";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { countAwaitingReview } from "#app/modules/review/review.server.ts";

/**
 * /review/count: how many changes await review, for the staff navigation. Asked by the browser
 * after the page loads, so that no kept page (page-cache.server.ts) carries a count that has
 * moved since; staff only.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, request, "editor");
  return Response.json(
    { awaiting: await countAwaitingReview() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
