import { Form, NavLink, useLocation } from "react-router";
import { useLocale, useT } from "#app/utils/i18n.ts";

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded px-3 py-2 text-sm font-medium no-underline hover:bg-brand-dark hover:no-underline ${
    isActive ? "bg-brand-dark text-white" : "text-white"
  }`;

export function SiteHeader() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const other = locale === "en" ? "es" : "en";
  return (
    <header className="bg-brand text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <a href="/" className="text-lg font-bold text-white no-underline hover:no-underline">
          {t("app.name")}
        </a>
        <nav aria-label={t("nav.label")} className="flex flex-wrap items-center gap-1">
          <NavLink to="/" end className={navLinkClass}>
            {t("nav.overview")}
          </NavLink>
          <NavLink to="/recommendations" className={navLinkClass}>
            {t("nav.recommendations")}
          </NavLink>
        </nav>
        <Form method="post" action="/language" className="flex items-center gap-2">
          <input type="hidden" name="lang" value={other} />
          <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
          <button
            type="submit"
            lang={other}
            aria-label={t("language.switchToLabel")}
            className="rounded border border-white/60 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark"
          >
            {t("language.switchTo")}
          </button>
        </Form>
      </div>
    </header>
  );
}
