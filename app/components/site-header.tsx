import { Form, Link, NavLink, useLocation } from "react-router";
import { hasRole } from "#app/modules/auth/permissions.ts";
import { ReviewNavLink } from "./review/review-nav-link.tsx";
import { useMailEnabled } from "./follow/follow-form.tsx";
import { useLocale, useT } from "#app/utils/i18n.ts";
import { useOptionalUser } from "#app/utils/user.ts";

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded px-3 py-2 text-sm font-medium no-underline hover:bg-brand-dark hover:no-underline ${
    isActive ? "bg-brand-dark text-white" : "text-white"
  }`;

const headerButton =
  "rounded border border-white/60 px-3 py-1.5 text-sm font-medium text-white no-underline hover:bg-brand-dark";

export function SiteHeader() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const user = useOptionalUser();
  const mail = useMailEnabled();
  const other = locale === "en" ? "es" : "en";
  const here = `${location.pathname}${location.search}`;
  return (
    <header className="bg-brand text-white print:bg-white print:text-black">
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
          <NavLink to="/changes" className={navLinkClass}>
            {t("review.nav.changes")}
          </NavLink>
          <NavLink to="/reports" className={navLinkClass}>
            {t("review.nav.reports")}
          </NavLink>
          {user && mail && (
            <NavLink to="/following" end className={navLinkClass}>
              {t("follow.nav")}
            </NavLink>
          )}
          {hasRole(user, "editor") && <ReviewNavLink className={navLinkClass} />}
          {hasRole(user, "editor") && (
            <NavLink to="/my-queue" className={navLinkClass}>
              {t("digest.nav")}
            </NavLink>
          )}
          {hasRole(user, "admin") && (
            <NavLink to="/admin/users" className={navLinkClass}>
              {t("nav.admin")}
            </NavLink>
          )}
        </nav>
        <div className="flex flex-wrap items-center gap-2">
          <Form method="post" action="/language">
            <input type="hidden" name="lang" value={other} />
            <input type="hidden" name="redirectTo" value={here} />
            <button
              type="submit"
              lang={other}
              aria-label={t("language.switchToLabel")}
              className={headerButton}
            >
              {t("language.switchTo")}
            </button>
          </Form>
          {user ? (
            <>
              <Link
                to="/account"
                className={headerButton}
                aria-label={t("auth.loggedInAs", { name: user.name })}
              >
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className={headerButton}>
                  {t("auth.logout")}
                </button>
              </Form>
            </>
          ) : (
            <Link
              to={
                location.pathname === "/login"
                  ? "/login"
                  : `/login?${new URLSearchParams({ redirectTo: here })}`
              }
              className={headerButton}
            >
              {t("nav.login")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
