import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { sessionIdContext } from "#app/modules/auth/auth.server.ts";
import { clearSessionCookie } from "#app/modules/auth/cookie.server.ts";
import { logout } from "#app/modules/auth/sign-in-audit.server.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";

/**
 * Deletes the session (audited) and clears the cookie. Only by POST, so a link cannot log anyone
 * out.
 */
export async function action({ context }: Route.ActionArgs) {
  const sessionId = context.get(sessionIdContext);
  if (sessionId) await logout(sessionId, { ip: context.get(clientIpContext) });
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export function loader() {
  return redirect("/");
}
