// A console table that scrolls sideways inside its own labelled region on a wide screen and
// stacks each row into a card on a phone (the cells carry data-label, see .table--stack).
export function StackedTable({
  label,
  columns,
  withActions = false,
  children,
}: {
  /** Names the scrollable region ("…, table") for screen readers. */
  label: string
  columns: readonly string[]
  /** A last column of buttons, named for screen readers only. */
  withActions?: boolean
  /** The rows. */
  children: React.ReactNode
}) {
  return (
    <div className="table-scroll" role="region" aria-label={`${label}, table`} tabIndex={0}>
      <table className="table table--stack">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {withActions ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
