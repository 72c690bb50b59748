// Reading who did something, for staff or for the public (see people.ts for what each sees).
import type { Role } from "#app/generated/prisma/enums.ts";
import type { ShownPerson } from "./people.ts";

export type Audience = "staff" | "public";

/** What to read of a user to show them to either audience. */
export const personSelect = {
  select: { id: true, name: true, role: true, showNamePublicly: true, publicName: true },
} as const;

export type PersonRow = {
  id: string;
  name: string;
  role: Role;
  showNamePublicly: boolean;
  publicName: string | null;
};

/** How the public see a user: their name if they chose so, else their display name, else role. */
export function publicPerson(row: Omit<PersonRow, "id">): ShownPerson {
  if (row.showNamePublicly) return { name: row.name };
  const displayName = row.publicName?.trim();
  return displayName ? { name: displayName } : { role: row.role };
}

/** A user as `audience` sees them; null stays null (a deleted user, the system). */
export function showPerson(row: PersonRow | null, audience: Audience): ShownPerson | null {
  if (!row) return null;
  return audience === "staff" ? { id: row.id, name: row.name } : publicPerson(row);
}
