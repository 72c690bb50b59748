import type { Role } from "#app/generated/prisma/enums.ts";

// Roles as data: each role can do what the roles below it can.
export const roleRank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };
export const roles: Role[] = ["viewer", "editor", "admin"];

export function hasRole(user: { role: Role } | null | undefined, needed: Role): boolean {
  return Boolean(user) && roleRank[user!.role] >= roleRank[needed];
}
