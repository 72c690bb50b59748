import { secureCookies } from "#app/utils/env.server.ts";

export const SESSION_COOKIE = "session";

export function serializeSessionCookie(token: string, expiresAt: Date): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
    ...(secureCookies() ? ["Secure"] : []),
  ].join("; ");
}

export function clearSessionCookie(): string {
  return [
    `${SESSION_COOKIE}=`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    "Max-Age=0",
    ...(secureCookies() ? ["Secure"] : []),
  ].join("; ");
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=") || null;
  }
  return null;
}

export function setsSessionCookie(headers: Headers): boolean {
  return headers.getSetCookie().some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
}

// The pending second step of a sign-in (two-step.server.ts): bound to this browser, five minutes.
export const TWO_STEP_COOKIE = "two-step";

export function serializeTwoStepCookie(token: string, maxAgeSeconds: number): string {
  return [
    `${TWO_STEP_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAgeSeconds}`,
    ...(secureCookies() ? ["Secure"] : []),
  ].join("; ");
}

export function clearTwoStepCookie(): string {
  return serializeTwoStepCookie("", 0);
}

export function readTwoStepToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === TWO_STEP_COOKIE) return value.join("=") || null;
  }
  return null;
}
