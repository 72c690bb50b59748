import { NavLink } from "react-router";
import { useT } from "#app/utils/i18n.ts";

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded px-3 py-1.5 text-sm font-medium ${
    isActive ? "bg-brand-light font-semibold text-brand-dark" : ""
  }`;

/** The administration's own navigation: users, catalogue, import, audit log. */
export function AdminNav() {
  const t = useT();
  return (
    <nav aria-label={t("catalogue.nav.label")} className="mb-6 border-b border-gray-200 pb-2">
      <ul className="flex flex-wrap gap-2">
        <li>
          <NavLink to="/admin/users" className={linkClass}>
            {t("catalogue.nav.users")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/admin/catalogue" className={linkClass}>
            {t("catalogue.nav.catalogue")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/admin/import" className={linkClass}>
            {t("import.nav")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/admin/audit" className={linkClass}>
            {t("catalogue.nav.audit")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/admin/link-health" className={linkClass}>
            {t("archive.health.nav")}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
