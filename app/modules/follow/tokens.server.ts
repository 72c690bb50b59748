// The links mailed to a follower (confirm the address; manage what one follows; unsubscribe in
// one click) carry a random token, of which only the SHA-256 is kept. A digest makes a new manage
// token each time it is sent, so a link keeps working for a year after its mail.
import type { FollowerTokenPurpose } from "#app/generated/prisma/client.ts";
import { generateToken, hashToken } from "#app/modules/auth/token.server.ts";
import { prisma } from "#app/utils/db.server.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long each kind of link works. */
export const TOKEN_LIFETIME_DAYS: Record<FollowerTokenPurpose, number> = {
  confirm: 7,
  manage: 365,
};

/**
 * Makes a token for `followerId` and returns it (the raw token, to put in a link). A confirmation
 * token names the follow it confirms (`followId`).
 */
export async function createFollowerToken(
  followerId: string,
  purpose: FollowerTokenPurpose,
  now = new Date(),
  followId: string | null = null,
): Promise<string> {
  const token = generateToken();
  await prisma.followerToken.create({
    data: {
      tokenHash: hashToken(token),
      followerId,
      followId,
      purpose,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_DAYS[purpose] * DAY_MS),
    },
  });
  return token;
}

/** The follower a token belongs to, when it is of that purpose and has not expired; else null. */
export async function followerOfToken(
  token: string,
  purpose: FollowerTokenPurpose,
  now = new Date(),
): Promise<{ followerId: string; tokenId: string; followId: string | null } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const row = await prisma.followerToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose || row.expiresAt <= now) return null;
  return { followerId: row.followerId, tokenId: row.id, followId: row.followId };
}

/** The follower a manage (or unsubscribe) link opens, or null for an unknown or expired one. */
export async function followerIdOfManageToken(token: string): Promise<string | null> {
  return (await followerOfToken(token, "manage"))?.followerId ?? null;
}

/** The addresses of a digest's or confirmation's links, on `origin` (publicOrigin() in jobs). */
export function followerLinks(origin: string, token: string) {
  return {
    confirm: `${origin}/follow/confirm/${token}`,
    manage: `${origin}/following/${token}`,
    unsubscribe: `${origin}/unsubscribe/${token}`,
  };
}
