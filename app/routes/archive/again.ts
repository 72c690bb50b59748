import { data, redirect } from "react-router";
import type { Route } from "./+types/again";
import { recordArchiveRequest } from "#app/modules/archive/archive.server.ts";
import { enqueueArchive } from "#app/modules/archive/jobs.server.ts";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { readFormData } from "#app/utils/upload.server.ts";
import { notFoundUnless, safeRedirectPath } from "#app/utils/http.server.ts";

/** "Archive again" (staff): audited, then a job; back to the page it was asked from. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const user = requireRole(context, request, "editor");
  const form = await readFormData(request);
  notFoundUnless((await recordArchiveRequest(user.id, params.linkId)) || null);
  await enqueueArchive(params.linkId, "archive");
  return redirect(safeRedirectPath(form.get("returnTo"), "/admin/link-health"));
}

export function loader() {
  throw data({ message: "Not found" }, { status: 404 });
}
