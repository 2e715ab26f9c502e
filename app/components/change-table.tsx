// A change as the organiser reviews it before anyone is told: each thing that changes, the old
// value struck through beside the new. On a phone each row becomes a card (table--stack).
export type ChangeLine = { label: string; before: string; after: string }

export function ChangeTable({ changes }: { changes: readonly ChangeLine[] }) {
  return (
    <table className="table table--stack">
      <caption className="visually-hidden">What changes</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.label}>
            <th scope="row">{change.label}</th>
            <td data-label="Before">
              <s>{change.before}</s>
            </td>
            <td data-label="After">
              <strong>{change.after}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
