import "#app/utils/zod-config.ts";
import {
  data,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { errorLocale, GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { SiteHeader } from "#app/components/site-header.tsx";
import { setTimeZone, timeZone } from "#app/utils/dates.ts";
import { defaultLocale, LocaleProvider, translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { authMiddleware, getUser } from "#app/modules/auth/auth.server.ts";
import { mailEnabled } from "#app/modules/mail/mailer.server.ts";
import { securityHeadersMiddleware } from "#app/utils/security.server.ts";
import { urlGuardMiddleware } from "#app/utils/http.server.ts";
import { pageCacheMiddleware } from "#app/utils/page-cache.server.ts";
import stylesheet from "../styles/app.css?url";

// The page cache comes last: it knows the reader and the nonce, and is left out of nothing else.
export const middleware: Route.MiddlewareFunction[] = [
  securityHeadersMiddleware,
  urlGuardMiddleware,
  authMiddleware,
  pageCacheMiddleware,
];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const locale = await getLocale(request);
  const user = getUser(context);
  return data(
    {
      locale,
      // The tracker's zone, so that the browser shows every time as the server rendered it.
      timeZone: timeZone(),
      user: user ? { id: user.id, name: user.name, role: user.role } : null,
      // Whether the tracker sends mail: the Follow forms and "Following" are offered only then.
      mail: mailEnabled(),
    },
    { headers: { Vary: "Cookie, Accept-Language" } },
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  // Without the root loader's data (an error from middleware, or from an action whose page has
  // no boundary), the error itself says the reader's language.
  const error = useRouteError();
  const locale = rootData?.locale ?? errorLocale(error) ?? defaultLocale;
  const t = translator(locale);
  // Before anything renders: the browser's module starts at the default zone.
  if (rootData?.timeZone && rootData.timeZone !== timeZone()) setTimeZone(rootData.timeZone);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content={usePageDescription() ?? t("app.tagline")} />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col font-sans">
        <LocaleProvider value={locale}>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
          >
            {t("app.skipToContent")}
          </a>
          <SiteHeader />
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
            {children}
          </main>
          <Footer />
        </LocaleProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** The deepest page's own description (`pageDescription` in its loader data), if it has one. */
function usePageDescription(): string | undefined {
  const matches = useMatches();
  for (const match of [...matches].reverse()) {
    const data = match.loaderData as { pageDescription?: unknown } | undefined;
    if (data && typeof data.pageDescription === "string") return data.pageDescription;
  }
  return undefined;
}

function Footer() {
  const t = useT();
  return (
    <footer className="border-t border-gray-200 bg-gray-50">
      <p className="mx-auto max-w-6xl px-4 py-4 text-sm text-gray-700">{t("app.footer")}</p>
    </footer>
  );
}

export default function App() {
  return <Outlet />;
}

export function meta() {
  return [{ title: "Recommendation Tracker" }];
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
