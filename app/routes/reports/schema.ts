import type { Route } from "./+types/schema";
import { requireReader } from "#app/modules/auth/auth.server.ts";
import { reportJsonSchema } from "#app/modules/reports/report-schema.ts";

/** The JSON Schema of the JSON export (docs/report-json.md). */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireReader(context, request);
  const schema = reportJsonSchema(new URL(request.url).origin);
  return new Response(JSON.stringify(schema, null, 2), {
    headers: {
      "Content-Type": "application/schema+json; charset=utf-8",
      "Cache-Control": "max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
