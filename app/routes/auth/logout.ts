import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { sessionIdContext } from "#app/modules/auth/auth.server.ts";
import { clearSessionCookie } from "#app/modules/auth/cookie.server.ts";
import { invalidateSession } from "#app/modules/auth/session.server.ts";

/** Deletes the session and clears the cookie. Only by POST, so a link cannot log anyone out. */
export async function action({ context }: Route.ActionArgs) {
  const sessionId = context.get(sessionIdContext);
  if (sessionId) await invalidateSession(sessionId);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export function loader() {
  return redirect("/");
}
