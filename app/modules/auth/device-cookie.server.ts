// The "device" cookie (OWASP, "Slow down online guessing attacks with device cookies"): set after
// a successful login, it tells the login limiter that this browser has logged in to the account
// before, so that a flood of wrong passwords from elsewhere does not lock its owner out.
//
// It is signed with a key derived from the account's password hash: only the server, which reads
// that hash from the database, can make one; every instance can check it without a shared secret
// of its own; and changing the password ends every device's standing.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { secureCookies } from "#app/utils/env.server.ts";

export const DEVICE_COOKIE = "device";
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

type Account = { id: string; passwordHash: string | null };

function mac(account: Account & { passwordHash: string }, payload: string) {
  const key = createHash("sha256").update(`device-cookie\n${account.passwordHash}`).digest();
  return createHmac("sha256", key).update(payload).digest("base64url");
}

/** The Set-Cookie value that marks this browser as a known device of the account. */
export function issueDeviceCookie(account: Account): string | null {
  if (!account.passwordHash) return null;
  const payload = `${account.id}.${randomBytes(16).toString("base64url")}`;
  const value = `${payload}.${mac({ ...account, passwordHash: account.passwordHash }, payload)}`;
  return [
    `${DEVICE_COOKIE}=${value}`,
    // Not Path=/login: the login form posts to /login.data once the page runs its scripts.
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${MAX_AGE_SECONDS}`,
    ...(secureCookies() ? ["Secure"] : []),
  ].join("; ");
}

/** The device cookie's value from a request, if any. */
export function readDeviceCookie(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === DEVICE_COOKIE) return value.join("=") || null;
  }
  return null;
}

/**
 * The device's id when `value` is a valid device cookie of `account`, else null (no cookie,
 * another account's, forged, or signed before the password changed).
 */
export function trustedDeviceId(value: string | null | undefined, account: Account | null) {
  if (!value || !account?.passwordHash) return null;
  const [userId, nonce, signature, ...rest] = value.split(".");
  if (rest.length > 0 || !userId || !nonce || !signature || userId !== account.id) return null;
  const expected = Buffer.from(
    mac({ ...account, passwordHash: account.passwordHash }, `${userId}.${nonce}`),
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return nonce;
}
