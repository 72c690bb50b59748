import { useEffect, useState } from "react";
import { NavLink, useLocation } from "react-router";
import { useT } from "#app/utils/i18n.ts";

/**
 * The staff navigation's link to the review queue, with how many changes await review. The
 * count is asked for by the browser after each navigation (/review/count), never rendered on
 * the server: pages are kept and served again (page-cache.server.ts), and a count inside them
 * would be out of date.
 */
export function ReviewNavLink({
  className,
}: {
  className: (state: { isActive: boolean }) => string;
}) {
  const t = useT();
  const location = useLocation();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/review/count", { signal: controller.signal, headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { awaiting?: unknown } | null) => {
        if (typeof body?.awaiting === "number") setCount(body.awaiting);
      })
      // The link works without its count: a failed request only leaves it out.
      .catch(() => {});
    return () => controller.abort();
  }, [location.pathname, location.search]);
  return (
    <NavLink to="/review" className={className} data-testid="review-nav">
      {count ? t("signOff.nav.queueCount", { count }) : t("signOff.nav.queue")}
    </NavLink>
  );
}
