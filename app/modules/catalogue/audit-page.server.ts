// The audit log page's data: the events matching its URL query, and the people to filter by.
import {
  listAuditEvents,
  parseAuditQuery,
  type AuditEventView,
} from "#app/modules/audit/audit-query.server.ts";
import { listUsers } from "#app/modules/auth/users.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { badRequest } from "#app/utils/http.server.ts";

/** What a catalogue entity type's admin page is called in /admin/catalogue/:kind. */
const catalogueKindOf: Record<string, string> = {
  Source: "sources",
  Actor: "actors",
  Goal: "goals",
  Tag: "tags",
};

/** Where an event's record can be seen: a recommendation's page, a catalogue record's editor. */
export function entityHref(event: Pick<AuditEventView, "entityType" | "entityId">) {
  const id = encodeURIComponent(event.entityId);
  if (event.entityType === "Recommendation") return `/recommendations/${id}`;
  const kind = catalogueKindOf[event.entityType];
  return kind ? `/admin/catalogue/${kind}/${id}` : null;
}

/** The page's filters as typed (for the form), the events, and the people. 400 on a bad filter. */
export async function loadAuditPage(params: URLSearchParams) {
  let query;
  try {
    query = parseAuditQuery(params);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const [field, messages] = Object.entries(error.fieldErrors)[0] ?? ["", []];
    throw badRequest(field, messages.join(" "));
  }
  const [page, users] = await Promise.all([listAuditEvents(query), listUsers()]);
  const filters: Record<string, string> = {};
  for (const key of ["actorId", "entityType", "entityId", "from", "to"]) {
    filters[key] = params.get(key)?.trim() ?? "";
  }
  return {
    filters,
    page: {
      ...page,
      items: page.items.map((event) => ({
        ...event,
        at: event.at.toISOString(),
        href: entityHref(event),
      })),
    },
    users: users.map((user) => ({ id: user.id, name: user.name, email: user.email })),
  };
}
