import type { Route } from "./+types/export";
import { requireReader } from "#app/modules/auth/auth.server.ts";

// Placeholder: the exports are being built.
export async function loader({ request, context }: Route.LoaderArgs) {
  requireReader(context, request);
  return new Response("", { status: 404 });
}
