import { redirect } from "react-router";
import type { Route } from "./+types/index";
import { requireRole } from "#app/modules/auth/auth.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  return redirect("/admin/users");
}
