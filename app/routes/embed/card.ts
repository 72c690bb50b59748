import type { Route } from "./+types/card";
import {
  embedKindOf,
  embedLocale,
  embedResponse,
  loadEmbed,
  renderCard,
  renderNotFoundCard,
} from "#app/modules/embeds/embed.server.ts";

/** /embed/{recommendations,sources,goals}/<key>: the card other sites frame. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const locale = embedLocale(request);
  const view = await loadEmbed(embedKindOf(request), params.key, locale);
  const type = "text/html; charset=utf-8";
  if (!view) return embedResponse(request, renderNotFoundCard(locale), type, 404);
  return embedResponse(request, renderCard(view, new URL(request.url).origin, locale), type);
}
