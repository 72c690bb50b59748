import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { refusal, safeRedirectPath } from "#app/utils/http.server.ts";
import { isLocale } from "#app/utils/i18n.ts";
import { localeCookie } from "#app/utils/i18n.server.ts";
import { readForm } from "#app/utils/upload.server.ts";

/** Remembers the chosen language in a cookie and goes back to the page it was chosen on. */
export async function action({ request }: Route.ActionArgs) {
  const form = await readForm(request);
  const lang = form.get("lang");
  if (!isLocale(lang))
    throw await refusal(request, 400, { field: "lang", message: "http.language" });
  return redirect(safeRedirectPath(form.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(lang) },
  });
}

export function loader() {
  return redirect("/");
}

// A page only for its errors: a refused post (too large, not a form, an unknown language) is
// shown as the error page in the reader's language, not as bare data.
export default function Language() {
  return null;
}

export { GeneralErrorBoundary as ErrorBoundary } from "#app/components/error-boundary.tsx";
