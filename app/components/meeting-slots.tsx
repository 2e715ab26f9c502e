// B2B slots as the meeting pages show them: a time in the event's zone (and the viewer's, when
// it differs), and a choice of slots grouped by day for the request and answer forms.
import { getCollectionProps, type FieldMetadata } from '@conform-to/react'
import { ErrorList } from '#app/components/forms.tsx'
import { ViewerTimeRange } from '#app/components/viewer-time.tsx'
import { calendarDayParts, formatLongDate, formatTimeRange, zoneAbbreviation } from '#app/lib/time.ts'

type Slot = { id: string; startsAt: Date; endsAt: Date }

export function SlotTime({ slot, timeZone, withDate = false }: { slot: { startsAt: Date; endsAt: Date }; timeZone: string; withDate?: boolean }) {
  return (
    <span className="slot-time">
      <time dateTime={slot.startsAt.toISOString()}>
        {withDate ? `${formatLongDate(slot.startsAt, timeZone)}, ` : ''}
        {formatTimeRange(slot.startsAt, slot.endsAt, timeZone)} {zoneAbbreviation(slot.startsAt, timeZone)}
      </time>{' '}
      <ViewerTimeRange start={slot.startsAt} end={slot.endsAt} eventTimeZone={timeZone} />
    </span>
  )
}

/** Slots in the order given, split into the days of the event's zone. */
export function slotsByDay<T extends { startsAt: Date }>(slots: readonly T[], timeZone: string) {
  const days: { key: string; label: string; slots: T[] }[] = []
  for (const slot of slots) {
    const key = calendarDayParts(slot.startsAt, timeZone).key
    const day = days.find((candidate) => candidate.key === key)
    if (day) day.slots.push(slot)
    else days.push({ key, label: formatLongDate(slot.startsAt, timeZone), slots: [slot] })
  }
  return days
}

/**
 * A set of checkboxes (several times) or radio buttons (one time) over the slots, one group per
 * day, wired to a Conform field. `unavailable` slots are shown but cannot be chosen.
 */
export function SlotChoices({
  field,
  legend,
  hint,
  slots,
  timeZone,
  type,
  unavailable = new Set(),
}: {
  field: FieldMetadata<string[] | string | undefined>
  legend: string
  hint?: string
  slots: readonly Slot[]
  timeZone: string
  type: 'checkbox' | 'radio'
  unavailable?: ReadonlySet<string>
}) {
  const hintId = hint ? `${field.id}-hint` : undefined
  const errorId = field.errors?.length ? `${field.id}-error` : undefined
  const choices = new Map(getCollectionProps(field, { type, options: slots.map((slot) => slot.id) }).map((props) => [props.value, props]))
  return (
    <fieldset className="field choice-group slot-choices" aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {slotsByDay(slots, timeZone).map((day) => (
        <div key={day.key} className="slot-choices__day">
          <p className="slot-choices__date">{day.label}</p>
          <div className="slot-choices__grid">
            {day.slots.map((slot) => {
              const { key, ...props } = choices.get(slot.id)!
              const disabled = unavailable.has(slot.id)
              return (
                <label key={key} className={`choice slot-choice${disabled ? ' slot-choice--unavailable' : ''}`}>
                  <input {...props} disabled={disabled} aria-invalid={errorId ? true : undefined} />
                  <span>
                    <SlotTime slot={slot} timeZone={timeZone} />
                    {disabled ? <span className="slot-choice__note"> (no longer free)</span> : null}
                  </span>
                </label>
              )
            })}
          </div>
        </div>
      ))}
      <ErrorList id={errorId} errors={field.errors} />
    </fieldset>
  )
}
