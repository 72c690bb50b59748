import { randomBytes } from "node:crypto";
import type { Role } from "#app/generated/prisma/enums.ts";
import { prisma } from "#app/utils/db.server.ts";

/** A user row for tests; no password unless one is set by the auth helpers. */
export async function createUser(
  overrides: { role?: Role; email?: string; name?: string; disabled?: boolean } = {},
) {
  const suffix = randomBytes(4).toString("hex");
  return prisma.user.create({
    data: {
      email: overrides.email ?? `user-${suffix}@example.org`,
      name: overrides.name ?? `Test User ${suffix}`,
      role: overrides.role ?? "viewer",
      disabled: overrides.disabled ?? false,
    },
  });
}
