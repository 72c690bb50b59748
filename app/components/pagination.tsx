import { Link } from "react-router";
import { useT } from "#app/utils/i18n.ts";

/** Pages 1…n around the current one; `href(page)` builds each link. */
export function Pagination({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
}) {
  const t = useT();
  if (pageCount <= 1) return null;
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1).filter(
    (p) => p === 1 || p === pageCount || Math.abs(p - page) <= 2,
  );
  const linkClass =
    "block rounded border border-gray-300 px-3 py-1.5 text-sm no-underline hover:bg-gray-100";
  return (
    <nav aria-label={t("pagination.label")} className="mt-6">
      <ul className="flex flex-wrap items-center gap-1">
        {page > 1 && (
          <li>
            <Link to={href(page - 1)} rel="prev" className={linkClass}>
              {t("pagination.previous")}
            </Link>
          </li>
        )}
        {pages.map((p, index) => (
          <li key={p} className="flex items-center gap-1">
            {index > 0 && pages[index - 1]! < p - 1 && <span aria-hidden="true">…</span>}
            {p === page ? (
              <span
                aria-current="page"
                aria-label={t("pagination.current", { page: p })}
                className="block rounded bg-brand px-3 py-1.5 text-sm font-semibold text-white"
              >
                {p}
              </span>
            ) : (
              <Link
                to={href(p)}
                aria-label={t("pagination.page", { page: p })}
                className={linkClass}
              >
                {p}
              </Link>
            )}
          </li>
        ))}
        {page < pageCount && (
          <li>
            <Link to={href(page + 1)} rel="next" className={linkClass}>
              {t("pagination.next")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The 1-based positions of a page's first and last items, for "Showing 26–31 of 31". */
export function pageRange(page: { page: number; pageSize: number; total: number }) {
  return {
    from: page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1,
    to: Math.min(page.page * page.pageSize, page.total),
  };
}
