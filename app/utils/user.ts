import { useRouteLoaderData } from "react-router";
import type { Role } from "#app/generated/prisma/enums.ts";

export type ClientUser = { id: string; name: string; role: Role };

/** The logged-in user as the root loader saw it, for showing or hiding controls (not a check). */
export function useOptionalUser(): ClientUser | null {
  const data = useRouteLoaderData("root") as { user: ClientUser | null } | undefined;
  return data?.user ?? null;
}
