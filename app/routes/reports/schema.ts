import type { Route } from "./+types/schema";
import { requireReader } from "#app/modules/auth/auth.server.ts";

// Placeholder: the JSON Schema of the report is being written.
export async function loader({ request, context }: Route.LoaderArgs) {
  requireReader(context, request);
  return new Response("", { status: 404 });
}
