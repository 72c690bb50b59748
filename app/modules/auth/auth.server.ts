import {
  createContext,
  data,
  redirect,
  type MiddlewareFunction,
  type RouterContextProvider,
} from "react-router";
import type { Role } from "#app/generated/prisma/enums.ts";
import { getEnv } from "#app/utils/env.server.ts";
import {
  clearSessionCookie,
  readSessionToken,
  serializeSessionCookie,
  setsSessionCookie,
} from "./cookie.server.ts";
import { hasRole } from "./permissions.ts";
import { getTwoStepRequirement, requiredFor } from "./two-step.server.ts";
import { validateSessionToken, type SessionUser } from "./session.server.ts";

export type { SessionUser };

export const userContext = createContext<SessionUser | null>(null);
export const sessionIdContext = createContext<string | null>(null);

type Context = Readonly<RouterContextProvider>;

/**
 * Reads the session cookie on every request: puts the user in the context, re-sends the cookie
 * when the session was renewed, and clears a cookie that is tampered with, unknown or expired.
 */
export const authMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const token = readSessionToken(request);
  let cookie: string | undefined;
  if (token) {
    const session = await validateSessionToken(token);
    if (session) {
      context.set(userContext, session.user);
      context.set(sessionIdContext, session.sessionId);
      if (session.renewed) cookie = serializeSessionCookie(token, session.expiresAt);
      if (
        !session.twoStepOn &&
        session.user.role !== "viewer" &&
        !reachableBeforeEnrolment(request) &&
        requiredFor(await getTwoStepRequirement(), session.user.role)
      ) {
        // The tracker requires two-step sign-in of this role: nothing else until it is set up.
        const headers = cookie ? { "Set-Cookie": cookie } : undefined;
        throw redirect(TWO_STEP_ENROLMENT_PATH, { headers });
      }
    } else {
      cookie = clearSessionCookie();
    }
  }
  const response = await next();
  // A route that set the session cookie itself (login, logout) has the last word.
  if (cookie && !setsSessionCookie(response.headers)) {
    try {
      response.headers.append("Set-Cookie", cookie);
    } catch {
      // Immutable headers (a bare Response.redirect): the cookie is sent on the next request.
    }
  }
  return response;
};

const TWO_STEP_ENROLMENT_PATH = "/account/two-step";
// What a person who must set up two-step sign-in can still reach: the set-up page, signing out,
// the language switch and the health check.
const BEFORE_ENROLMENT = new Set([TWO_STEP_ENROLMENT_PATH, "/logout", "/language", "/healthz"]);

function reachableBeforeEnrolment(request: Request) {
  const path = new URL(request.url).pathname.replace(/\.data$/, "").replace(/\/+$/, "");
  return BEFORE_ENROLMENT.has(path);
}

export function getUser(context: Context): SessionUser | null {
  return context.get(userContext);
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const path = `${url.pathname}${url.search}`.replace(/\.data(\?|$)/, "$1");
  const params = new URLSearchParams({ redirectTo: path });
  return redirect(`/login?${params}`);
}

/** The logged-in user; anyone else is sent to the login page and back. */
export function requireUser(context: Context, request: Request): SessionUser {
  const user = getUser(context);
  if (!user) throw loginRedirect(request);
  return user;
}

/** A user with at least `role`; others get a 403 (or the login page when not logged in). */
export function requireRole(context: Context, request: Request, role: Role): SessionUser {
  const user = requireUser(context, request);
  if (!hasRole(user, role)) throw data({ message: "Forbidden" }, { status: 403 });
  return user;
}

/**
 * For pages of the public catalogue: anyone when PUBLIC_READ is on, else logged-in users only.
 * Returns the user, if any.
 */
export function requireReader(context: Context, request: Request): SessionUser | null {
  const user = getUser(context);
  if (!user && !getEnv().PUBLIC_READ) throw loginRedirect(request);
  return user;
}
