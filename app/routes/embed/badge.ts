import type { Route } from "./+types/badge";
import {
  embedKindOf,
  embedLocale,
  embedResponse,
  loadEmbed,
  renderBadge,
} from "#app/modules/embeds/embed.server.ts";

/** /embed/{recommendations,sources,goals}/<key>/badge.svg: the status badge other sites show. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const locale = embedLocale(request);
  const view = await loadEmbed(embedKindOf(request), params.key, locale);
  const type = "image/svg+xml; charset=utf-8";
  return embedResponse(request, renderBadge(view, locale), type, view ? 200 : 404);
}
