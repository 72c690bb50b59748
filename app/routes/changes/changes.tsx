import type { Route } from "./+types/changes";
import { requireReader } from "#app/modules/auth/auth.server.ts";

// Placeholder: the what-changed page is being built.
export async function loader({ request, context }: Route.LoaderArgs) {
  requireReader(context, request);
  return null;
}

export default function ChangesPage() {
  return null;
}
