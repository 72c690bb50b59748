// What the loaders of the public catalogue views (dashboard, list, what changed, reports) share:
// the reader may read, the page is in their language, one clock serves the whole page, and a bad
// query parameter is a 400 with the page itself, whose message sits next to its field.
import { data, type RouterContextProvider } from "react-router";
import { requireReader } from "#app/modules/auth/auth.server.ts";
import { translator, type Locale, type MessageKey, type Translate } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { hasParamErrors, type ParamErrors } from "./filters.ts";

export type CatalogueView = {
  /** The URL query, where every view keeps its state. */
  params: URLSearchParams;
  locale: Locale;
  t: Translate;
  now: Date;
};

/**
 * A catalogue view's loader data: what `load` reads for the view, with the page's title (from
 * `title`) and the app's name in the reader's language; status 400 when `load` reports a bad
 * parameter in its `errors`.
 */
export async function loadCatalogueView<T extends { errors: ParamErrors }>(
  { request, context }: { request: Request; context: Readonly<RouterContextProvider> },
  title: MessageKey,
  load: (view: CatalogueView) => Promise<T>,
) {
  requireReader(context, request);
  const locale = await getLocale(request);
  const t = translator(locale);
  const body = await load({
    params: new URL(request.url).searchParams,
    locale,
    t,
    now: new Date(),
  });
  return data(
    { ...body, pageTitle: t(title), appName: t("app.name") },
    { status: hasParamErrors(body.errors) ? 400 : 200 },
  );
}
