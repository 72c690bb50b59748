import { Link } from "react-router";
import type { CatalogueKind, ItemRow } from "#app/modules/catalogue/admin-kinds.ts";
import { formatDayOf, useLocale, useT } from "#app/utils/i18n.ts";

/** A kind's records: code (linking to the edit page), title, detail, use, archive date. */
export function ItemTable({
  kind,
  rows,
  archived,
}: {
  kind: CatalogueKind;
  rows: ItemRow[];
  archived: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  if (rows.length === 0) {
    return (
      <p className="mt-4 text-gray-700">
        {archived ? t("catalogue.list.noneArchived") : t("catalogue.list.none")}
      </p>
    );
  }
  const counted = rows.some((row) => row.recommendationCount !== undefined);
  const cell = "py-2 pr-3";
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">
          {t("catalogue.list.tableCaption", {
            kind: t(`catalogue.kinds.${kind}.title`),
            which: archived ? t("catalogue.list.archivedWhich") : t("catalogue.list.activeWhich"),
          })}
        </caption>
        <thead>
          <tr className="border-b border-gray-300">
            <th scope="col" className={cell}>
              {t("catalogue.list.code")}
            </th>
            <th scope="col" className={cell}>
              {t("catalogue.list.titleColumn")}
            </th>
            <th scope="col" className={cell}>
              {t("catalogue.list.detail")}
            </th>
            {counted && (
              <th scope="col" className={`${cell} text-right`}>
                {t("catalogue.list.recommendations")}
              </th>
            )}
            {archived && (
              <th scope="col" className={cell}>
                {t("catalogue.list.archivedOn")}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-gray-100 align-top" data-testid="item-row">
              <th scope="row" className={`${cell} font-semibold`}>
                <Link
                  to={`/admin/catalogue/${kind}/${encodeURIComponent(row.id)}`}
                  aria-label={t("catalogue.list.editLink", { code: row.code })}
                >
                  {row.code}
                </Link>
              </th>
              <td className={cell}>{row.title}</td>
              <td className={cell}>{row.detailKey ? t(row.detailKey) : (row.detail ?? "")}</td>
              {counted && <td className={`${cell} text-right`}>{row.recommendationCount ?? 0}</td>}
              {archived && (
                <td className={cell}>
                  {row.archivedAt ? formatDayOf(locale, row.archivedAt) : ""}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
