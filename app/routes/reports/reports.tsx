import type { Route } from "./+types/reports";
import { requireReader } from "#app/modules/auth/auth.server.ts";

// Placeholder: the reports page is being built.
export async function loader({ request, context }: Route.LoaderArgs) {
  requireReader(context, request);
  return null;
}

export default function ReportsPage() {
  return null;
}
