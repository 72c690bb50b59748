import { z } from "zod";
import { Country, Status } from "#app/generated/prisma/enums.ts";

export const PAGE_SIZE = 25;

export const sortOptions = ["catalogue", "reference", "title", "status", "updated"] as const;
export type SortOption = (typeof sortOptions)[number];

const code = z.string().trim().min(1).max(100);

/** The list's state, all of it in the URL query. Empty parameters mean "any". */
export const ListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  source: code.optional(),
  goal: code.optional(),
  actor: code.optional(),
  country: z.enum(Country).optional(),
  status: z.enum(Status).optional(),
  // "1": only items not verified in the last 90 days.
  stale: z.literal("1", { error: "must be 1 or empty" }).optional(),
  sort: z.enum(sortOptions).default("catalogue"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export type ListQuery = z.infer<typeof ListQuerySchema>;

export type ListQueryResult =
  { success: true; query: ListQuery } | { success: false; field: string; message: string };

export function parseListQuery(params: URLSearchParams): ListQueryResult {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(ListQuerySchema.shape)) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "") raw[key] = value;
  }
  const result = ListQuerySchema.safeParse(raw);
  if (result.success) return { success: true, query: result.data };
  const issue = result.error.issues[0]!;
  return { success: false, field: String(issue.path[0] ?? "query"), message: issue.message };
}

/** The URL query for a list state, leaving out defaults so that shared links stay short. */
export function listQueryString(query: Partial<ListQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "") continue;
    if (key === "sort" && value === "catalogue") continue;
    if (key === "page" && value === 1) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
