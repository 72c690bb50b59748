// Who did something, as a page shows it. Staff read the person (`id` and `name`). The public
// read a name only when that person chose to be shown (their own name) or an administrator gave
// them a display name; otherwise their role in the organisation ("Editor"). Never an id.
import type { Role } from "#app/generated/prisma/enums.ts";
import type { MessageKey, Translate } from "#app/utils/i18n.ts";

/** The longest display name an admin may give (User.publicName). */
export const PUBLIC_NAME_MAX = 100;

export type ShownPerson = { id?: string; name?: string; role?: Role };

/** The words for a shown person: their name, or their role in the reader's language. */
export function shownPersonName(t: Translate, person: ShownPerson): string {
  if (person.name) return person.name;
  return t(`roles.${person.role ?? "editor"}` as MessageKey);
}
