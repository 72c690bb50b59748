import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { sessionIdContext } from "#app/modules/auth/auth.server.ts";
import { clearSessionCookie } from "#app/modules/auth/cookie.server.ts";
import { logout } from "#app/modules/auth/sign-in-audit.server.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";
import { readForm } from "#app/utils/upload.server.ts";

/**
 * Deletes the session (audited) and clears the cookie. Only by POST, so a link cannot log anyone
 * out.
 */
export async function action({ request, context }: Route.ActionArgs) {
  // Nothing in the body is used; it is still read under the cap like every other form.
  await readForm(request);
  const sessionId = context.get(sessionIdContext);
  if (sessionId) await logout(sessionId, { ip: context.get(clientIpContext) });
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export function loader() {
  return redirect("/");
}

// A page only for its errors: a refused post (too large, not a form) is shown as the error page
// in the reader's language, not as bare data.
export default function Logout() {
  return null;
}

export { GeneralErrorBoundary as ErrorBoundary } from "#app/components/error-boundary.tsx";
