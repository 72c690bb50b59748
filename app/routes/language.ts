import { data, redirect } from "react-router";
import type { Route } from "./+types/language";
import { safeRedirectPath } from "#app/utils/http.server.ts";
import { isLocale } from "#app/utils/i18n.ts";
import { localeCookie } from "#app/utils/i18n.server.ts";

/** Remembers the chosen language in a cookie and goes back to the page it was chosen on. */
export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  if (!isLocale(lang)) return data({ field: "lang", message: "must be en or es" }, { status: 400 });
  return redirect(safeRedirectPath(form.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(lang) },
  });
}

export function loader() {
  return redirect("/");
}
