// The registration dashboard: how registrations came in and where they stand, told in the
// event's own days and hours. Registrations over time are replayed from the vetting history
// (every change of status is a VettingDecision row), so a day's bar shows the statuses as they
// were at the end of that day, not today's statuses spread backwards. Callers check the role.
import type { Db } from '#app/lib/db-client.server.ts'
import { countryName, isCountryCode } from '#app/lib/countries.ts'
import { addDaysToDateKey, calendarDayParts, daysBetweenDateKeys, formatShortDate, startOfCalendarDay } from '#app/lib/time.ts'
import { organisationKindLabels, organisationKinds } from './registration-form.ts'
import { registrationStatuses, type RegistrationStatus } from './vetting.ts'
import { DASHBOARD_MAX_DAYS, DASHBOARD_TOP_COUNTRIES, statusesInPlay, type BreakdownRow, type StatusInPlay } from './registration-dashboard.ts'

type StatusCounts = Record<RegistrationStatus, number>
const noStatuses = (): StatusCounts => Object.fromEntries(registrationStatuses.map((status) => [status, 0])) as StatusCounts

export async function getRegistrationDashboard(db: Db, eventId: string, now = new Date()) {
  const [event, registrations, decisions] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { timeZone: true, startsAt: true, endsAt: true } }),
    db.registration.findMany({
      where: { eventId },
      select: { id: true, status: true, submittedAt: true, nationality: true, checkedInAt: true, organisation: { select: { kind: true, country: true } } },
    }),
    db.vettingDecision.findMany({
      where: { registration: { eventId } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { registrationId: true, actorId: true, fromStatus: true, toStatus: true, createdAt: true },
    }),
  ])
  const zone = event.timeZone
  const statusTotals = noStatuses()
  for (const registration of registrations) statusTotals[registration.status] += 1
  const inPlay = registrations.filter((registration): registration is typeof registration & { status: StatusInPlay } =>
    (statusesInPlay as readonly string[]).includes(registration.status),
  )

  return {
    timeZone: zone,
    total: registrations.length,
    statusTotals,
    overTime: statusesOverTime(registrations, decisions, zone, now, event.endsAt),
    byNationality: withOthers(breakdown(inPlay, (registration) => registration.nationality, countryLabel), DASHBOARD_TOP_COUNTRIES, 'countries'),
    byOrganisationKind: breakdown(
      inPlay,
      (registration) => registration.organisation?.kind ?? null,
      (kind) => organisationKindLabels[kind as (typeof organisationKinds)[number]] ?? kind,
    ).sort((a, b) => kindOrder(a.key) - kindOrder(b.key)),
    byOrganisationCountry: withOthers(breakdown(inPlay, (registration) => registration.organisation?.country ?? null, countryLabel), DASHBOARD_TOP_COUNTRIES, 'countries'),
    funnel: { ...statusTotals, applied: registrations.length, ...timeToDecision(decisions) },
    checkIns: checkInsPerHour(registrations, zone, event.startsAt, event.endsAt),
  }
}

export type RegistrationDashboard = Awaited<ReturnType<typeof getRegistrationDashboard>>

/** The form's order of organisation kinds; "not given" last. */
function kindOrder(key: string) {
  const index = (organisationKinds as readonly string[]).indexOf(key)
  return index === -1 ? organisationKinds.length : index
}

function countryLabel(code: string) {
  return isCountryCode(code) ? countryName(code) : code
}

// ---------- Over time ----------

type Transition = { at: Date; registrationId: string; status: RegistrationStatus }

/**
 * For each day from the first registration to today (or the event's last day once it is over),
 * how many registrations were in each status at the end of that day in the event's zone.
 * A registration with no history (imported, or older than the history) counts in its current
 * status from its submission.
 */
function statusesOverTime(
  registrations: readonly { id: string; status: RegistrationStatus; submittedAt: Date }[],
  decisions: readonly { registrationId: string; toStatus: RegistrationStatus; createdAt: Date }[],
  zone: string,
  now: Date,
  eventEndsAt: Date,
) {
  const withHistory = new Set(decisions.map((decision) => decision.registrationId))
  const transitions: Transition[] = [
    ...decisions.map((decision) => ({ at: decision.createdAt, registrationId: decision.registrationId, status: decision.toStatus })),
    ...registrations.filter((registration) => !withHistory.has(registration.id)).map((registration) => ({ at: registration.submittedAt, registrationId: registration.id, status: registration.status })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime())
  if (transitions.length === 0) return { days: [], shownFrom: null, firstDay: null }

  const firstDay = calendarDayParts(transitions[0]!.at, zone).key
  const lastDay = calendarDayParts(now.getTime() < eventEndsAt.getTime() ? now : eventEndsAt, zone).key
  const dayCount = Math.max(1, daysBetweenDateKeys(firstDay, lastDay) + 1)
  const shownFrom = addDaysToDateKey(firstDay, Math.max(0, dayCount - DASHBOARD_MAX_DAYS))

  const current = new Map<string, RegistrationStatus>()
  const counts = noStatuses()
  let next = 0
  const days: { key: string; label: string; counts: StatusCounts; total: number }[] = []
  for (let key = firstDay; daysBetweenDateKeys(key, lastDay) >= 0; key = addDaysToDateKey(key, 1)) {
    const endOfDay = startOfCalendarDay(addDaysToDateKey(key, 1), zone).getTime()
    for (; next < transitions.length && transitions[next]!.at.getTime() < endOfDay; next++) {
      const { registrationId, status } = transitions[next]!
      const before = current.get(registrationId)
      if (before) counts[before] -= 1
      counts[status] += 1
      current.set(registrationId, status)
    }
    if (key >= shownFrom) {
      days.push({ key, label: formatShortDate(startOfCalendarDay(key, zone), zone), counts: { ...counts }, total: current.size })
    }
  }
  return { days, shownFrom, firstDay }
}

// ---------- Breakdowns ----------

function breakdown<Row extends { status: StatusInPlay }>(rows: readonly Row[], keyOf: (row: Row) => string | null, labelOf: (key: string) => string): BreakdownRow[] {
  const byKey = new Map<string, BreakdownRow>()
  for (const row of rows) {
    const key = keyOf(row) ?? ''
    let entry = byKey.get(key)
    if (!entry) {
      entry = { key, label: key ? labelOf(key) : 'Not given', counts: { APPROVED: 0, PENDING: 0, WAITLISTED: 0 }, total: 0 }
      byKey.set(key, entry)
    }
    entry.counts[row.status] += 1
    entry.total += 1
  }
  return [...byKey.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'en'))
}

/** The largest `top` rows by name and the rest summed as one "Other" row, for the chart; every row, for the table. */
function withOthers(rows: BreakdownRow[], top: number, noun: string) {
  if (rows.length <= top + 1) return { chart: rows, table: rows }
  const rest = rows.slice(top)
  const other: BreakdownRow = {
    key: 'other',
    label: `${rest.length} other ${noun}`,
    counts: { APPROVED: 0, PENDING: 0, WAITLISTED: 0 },
    total: 0,
  }
  for (const row of rest) {
    for (const status of statusesInPlay) other.counts[status] += row.counts[status]
    other.total += row.total
  }
  return { chart: [...rows.slice(0, top), other], table: rows }
}

// ---------- Vetting funnel ----------

/**
 * How long people wait for an officer: from the moment a registration entered the queue
 * (submitted, or sent back by an edit) to the officer's approval, rejection or wait-listing.
 * A request for more information does not stop the clock. Decisions the system made (no
 * vetting, promotion from the waiting list) are not officers' decisions and are left out.
 */
function timeToDecision(decisions: readonly { registrationId: string; actorId: string | null; fromStatus: RegistrationStatus | null; toStatus: RegistrationStatus; createdAt: Date }[]) {
  const waitingSince = new Map<string, number>()
  const waits: number[] = []
  for (const decision of decisions) {
    if (decision.toStatus === 'PENDING') {
      if (decision.fromStatus !== 'PENDING' || !waitingSince.has(decision.registrationId)) waitingSince.set(decision.registrationId, decision.createdAt.getTime())
      continue
    }
    const since = waitingSince.get(decision.registrationId)
    waitingSince.delete(decision.registrationId)
    const byOfficer = decision.actorId !== null && decision.fromStatus === 'PENDING' && ['APPROVED', 'REJECTED', 'WAITLISTED'].includes(decision.toStatus)
    if (byOfficer && since !== undefined) waits.push(decision.createdAt.getTime() - since)
  }
  waits.sort((a, b) => a - b)
  const middle = Math.floor(waits.length / 2)
  const medianMs = waits.length === 0 ? null : waits.length % 2 ? waits[middle]! : (waits[middle - 1]! + waits[middle]!) / 2
  return { officerDecisions: waits.length, medianMsToDecision: medianMs }
}

// ---------- Check-ins ----------

/**
 * Arrivals per hour (event zone) on each day of the event, over the hours the doors are usually
 * open (08:00 to 18:00) widened to any hour with an arrival.
 */
function checkInsPerHour(registrations: readonly { checkedInAt: Date | null }[], zone: string, startsAt: Date, endsAt: Date) {
  const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' })
  const hourOf = (instant: Date) => Number(hourFormat.format(instant))
  const firstDay = calendarDayParts(startsAt, zone).key
  const lastDay = calendarDayParts(endsAt, zone).key
  const perDay = new Map<string, number[]>()
  for (let key = firstDay; daysBetweenDateKeys(key, lastDay) >= 0; key = addDaysToDateKey(key, 1)) perDay.set(key, Array.from({ length: 24 }, () => 0))
  let total = 0
  for (const { checkedInAt } of registrations) {
    if (!checkedInAt) continue
    const key = calendarDayParts(checkedInAt, zone).key
    let hours = perDay.get(key)
    // An arrival recorded outside the event's days (an early badge test) still counts, on its own day.
    if (!hours) perDay.set(key, (hours = Array.from({ length: 24 }, () => 0)))
    hours[hourOf(checkedInAt)]! += 1
    total += 1
  }
  const busyHours = [...perDay.values()].flatMap((hours) => hours.flatMap((count, hour) => (count > 0 ? [hour] : [])))
  const fromHour = Math.min(8, ...busyHours)
  const toHour = Math.max(18, ...busyHours)
  const days = [...perDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, hours]) => ({
      key,
      label: formatShortDate(startOfCalendarDay(key, zone), zone),
      total: hours.reduce((sum, count) => sum + count, 0),
      hours: hours.slice(fromHour, toHour + 1).map((count, index) => ({ hour: fromHour + index, count })),
    }))
  return { total, days }
}
