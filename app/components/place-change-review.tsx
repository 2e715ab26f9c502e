// A place's new name (a room, a meeting table) before anyone is told: old beside new, every
// message the save sends, and the confirm. It sits inside the place's own form and takes the
// focus when it appears (nothing was saved yet). "Review again" comes first, so pressing Enter in
// a field reviews again rather than sending the emails. The confirm carries the reviewed change
// (reviewedFrom, reviewedTo): a form whose place changed since is reviewed again.
import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useNavigation } from 'react-router'
import { ChangeTable } from './change-table.tsx'

const number = (count: number) => count.toLocaleString('en-GB')

export function PlaceChangeReview({ before, after, messages, children }: { before: string; after: string; messages: number; children: ReactNode }) {
  const navigation = useNavigation()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [before, after, messages])
  const headingId = useId()
  return (
    <section className="panel change-preview" aria-labelledby={headingId}>
      <h4 id={headingId} ref={heading} tabIndex={-1}>
        Not saved yet: review the new place
      </h4>
      <input type="hidden" name="reviewedFrom" value={before} />
      <ChangeTable changes={[{ label: 'Where', before, after }]} />
      <ul className="plain-list">{children}</ul>
      <p className="muted">Calendar subscriptions show the new place at their next refresh.</p>
      <div className="button-row">
        <button className="button" type="submit" disabled={navigation.state !== 'idle'}>
          Review again
        </button>
        <button className="button button--primary" type="submit" name="reviewedTo" value={after} disabled={navigation.state !== 'idle'}>
          Save and send {messages === 1 ? '1 email' : `${number(messages)} emails`}
        </button>
      </div>
    </section>
  )
}
