// A table that becomes one card per row below the `sm` breakpoint, so that a phone never scrolls
// the page sideways. On phones the header row is hidden and each cell carries its own label.

export type StackedColumn = { label: string; className?: string };

export function StackedTable({
  caption,
  columns,
  className = "",
  children,
}: {
  /** Read by screen readers only. */
  caption: string;
  /** The header cells; each `className` replaces the default padding ("py-2 pr-3"). */
  columns: StackedColumn[];
  className?: string;
  /** The rows: `StackedRow`s. */
  children: React.ReactNode;
}) {
  return (
    <table className={`block w-full border-collapse text-left text-sm sm:table ${className}`}>
      <caption className="sr-only">{caption}</caption>
      <thead className="hidden sm:table-header-group">
        <tr className="border-b border-gray-300">
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.className ?? "py-2 pr-3"}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="block space-y-3 sm:table-row-group sm:space-y-0">{children}</tbody>
    </table>
  );
}

export function StackedRow({ testId, children }: { testId?: string; children: React.ReactNode }) {
  return (
    <tr
      className="block rounded-lg border border-gray-200 p-3 align-top sm:table-row sm:rounded-none sm:border-0 sm:border-b sm:border-gray-100 sm:p-0"
      data-testid={testId}
    >
      {children}
    </tr>
  );
}

/**
 * A cell. `label` is shown before its content on phones only (the header says it elsewhere); the
 * first cell of a card, which names it, goes without. `last` drops the right-hand gap.
 */
export function StackedCell({
  label,
  last = false,
  className = "",
  children,
}: {
  label?: string;
  last?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <td className={`block py-1 sm:table-cell sm:py-2 ${last ? "" : "sm:pr-3"} ${className}`}>
      {label && <span className="font-semibold sm:hidden">{label}: </span>}
      {children}
    </td>
  );
}
