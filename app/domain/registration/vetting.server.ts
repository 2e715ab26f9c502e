// What vetting officers read: the queue with its filters, one registration in full with its
// history, and bulk decisions reported row by row. Decisions themselves are made by
// registration.server.ts. Callers check the role first (requireConsoleRole).
import type { Db } from '#app/lib/db-client.server.ts'
import { recordView } from '#app/domain/audit/audit.server.ts'
import { countryName } from '#app/lib/countries.ts'
import type { Answer, Answers, OrganisationKind, RegistrationQuestion } from './registration-form.ts'
import { decideRegistrations, waitlistPosition } from './registration.server.ts'
import {
  answerFilterOptions,
  answerMatches,
  formatAnswer,
  isFilterableQuestion,
  registrationStatuses,
  VETTING_PAGE_SIZE,
  type RegistrationStatus,
  type VettingActionKind,
  type VettingQuery,
} from './vetting.ts'
import { searchKey } from '#app/lib/search-key.ts'

// ---------- The queue ----------

/**
 * One page of the queue for the query, with the count per status under the other filters.
 *
 * Organisation kind and country narrow the rows in the database (every status, for the
 * counts). The text search and the answer filter run on those rows here, because both
 * engines must give the same result: Prisma's `contains` is case-insensitive on SQLite but
 * not on PostgreSQL, and its JSON path filters take a different path syntax on each. Here
 * the search also ignores accents, so "kruger" finds "Krüger".
 */
export async function listVettingQueue(db: Db, eventId: string, query: VettingQuery) {
  const [{ matching, answerQuestions, answerFilter }, countries] = await Promise.all([findFilteredRegistrations(db, eventId, query), countriesInQueue(db, eventId)])

  const statusCounts = Object.fromEntries(registrationStatuses.map((status) => [status, 0])) as Record<RegistrationStatus, number>
  for (const registration of matching) statusCounts[registration.status] += 1

  const inStatus = matching.filter((registration) => registration.status === query.status).sort(queueOrder(query.status))
  const pageCount = Math.max(1, Math.ceil(inStatus.length / VETTING_PAGE_SIZE))
  const page = Math.min(query.page, pageCount)
  const rows = inStatus.slice((page - 1) * VETTING_PAGE_SIZE, page * VETTING_PAGE_SIZE).map((registration) => ({
    id: registration.id,
    name: registration.user.name,
    email: registration.user.email,
    nationality: registration.nationality,
    organisation: describeOrganisation(registration.organisation, registration.userId),
    submittedAt: registration.submittedAt,
    infoRequestedAt: registration.infoRequestedAt,
  }))

  return {
    rows,
    total: inStatus.length,
    page,
    pageCount,
    statusCounts,
    // The filters as applied: an answer filter naming no question of this event is dropped.
    applied: { ...query, page, answer: answerFilter ? query.answer : null },
    filterOptions: { countries, answerQuestions },
  }
}

export type VettingQueue = Awaited<ReturnType<typeof listVettingQueue>>

/** The queue's filters other than the status tab: what the queue and the registration exports share. */
export type RegistrationFilters = Pick<VettingQuery, 'kind' | 'country' | 'answer' | 'q'>

/**
 * The event's registrations that pass the filters, in every status, with the questions the
 * answer filter offers and the answer filter as applied (null when it names no question or
 * option of this event).
 */
export async function findFilteredRegistrations(db: Db, eventId: string, filters: RegistrationFilters) {
  const [questions, candidates] = await Promise.all([
    db.registrationQuestion.findMany({
      where: { eventId, archivedAt: null },
      orderBy: { position: 'asc' },
      select: { key: true, label: true, kind: true, options: true },
    }),
    db.registration.findMany({
      where: {
        eventId,
        ...(filters.kind ? { organisation: { kind: filters.kind } } : {}),
        ...(filters.country ? { OR: [{ organisation: { country: filters.country } }, { nationality: filters.country }] } : {}),
      },
      select: {
        id: true,
        status: true,
        submittedAt: true,
        decidedAt: true,
        infoRequestedAt: true,
        checkedInAt: true,
        consentGivenAt: true,
        waitlistNumber: true,
        answers: true,
        userId: true,
        nationality: true,
        user: { select: { name: true, email: true, jobTitle: true } },
        organisation: { select: { name: true, kind: true, country: true, addedById: true } },
      },
    }),
  ])

  const answerQuestions = questions.filter(isFilterableQuestion).map((question) => ({
    key: question.key,
    label: question.label,
    kind: question.kind,
    options: answerFilterOptions({ kind: question.kind, options: questionOptions(question.options) }),
  }))
  const answerFilter = resolveAnswerFilter(answerQuestions, filters.answer)
  const searchWords = searchKey(filters.q).split(/\s+/).filter(Boolean)

  const matching = candidates.filter((registration) => {
    if (answerFilter) {
      const answers = registration.answers as Answers
      if (!answerMatches(answerFilter.question, answers[answerFilter.question.key], answerFilter.value)) return false
    }
    if (searchWords.length === 0) return true
    const haystack = searchKey([registration.user.name, registration.user.email, registration.organisation?.name ?? ''].join(' '))
    return searchWords.every((word) => haystack.includes(word))
  })
  return { matching, answerQuestions, answerFilter }
}

/** Oldest first, so nobody waits behind later applicants; the waiting list in its own order. */
export function queueOrder(status: RegistrationStatus) {
  type Row = { submittedAt: Date; waitlistNumber: number | null }
  if (status === 'WAITLISTED') return (a: Row, b: Row) => (a.waitlistNumber ?? 0) - (b.waitlistNumber ?? 0)
  return (a: Row, b: Row) => a.submittedAt.getTime() - b.submittedAt.getTime()
}

function resolveAnswerFilter<Question extends { key: string; kind: RegistrationQuestion['kind']; options: { value: string }[] }>(questions: readonly Question[], answer: string | null) {
  if (!answer) return null
  const separator = answer.indexOf(':')
  const key = answer.slice(0, separator)
  const value = answer.slice(separator + 1)
  const question = questions.find((candidate) => candidate.key === key)
  if (!question || !question.options.some((option) => option.value === value)) return null
  return { question, value }
}

/** The countries the country filter offers: those of the registrants and their organisations. */
async function countriesInQueue(db: Db, eventId: string) {
  const [organisations, people] = await Promise.all([
    db.organisation.findMany({ where: { registrations: { some: { eventId } } }, distinct: ['country'], select: { country: true } }),
    db.registration.findMany({ where: { eventId, nationality: { not: null } }, distinct: ['nationality'], select: { nationality: true } }),
  ])
  const codes = new Set([...organisations.map((o) => o.country), ...people.flatMap((p) => (p.nationality ? [p.nationality] : []))])
  return [...codes].map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name, 'en'))
}

/**
 * The organisation as officers see it. One a registrant added on the form (rather than chose from
 * the catalogue) is self-declared: nobody has checked it, and a self-declared government buyer
 * gains a buyer's privileges (must-meet marks, reserved tables) once approved.
 */
function describeOrganisation<Organisation extends { kind: OrganisationKind; addedById: string | null }>(organisation: Organisation | null, registrantId: string) {
  if (!organisation) return null
  const { addedById, ...rest } = organisation
  const addedBy = addedById === null ? null : addedById === registrantId ? ('this-registrant' as const) : ('another-registrant' as const)
  return { ...rest, addedBy, selfDeclaredBuyer: addedBy !== null && organisation.kind === 'GOVERNMENT_BUYER' }
}

function questionOptions(options: unknown): RegistrationQuestion['options'] {
  return Array.isArray(options) ? (options as RegistrationQuestion['options']) : null
}

// ---------- One registration ----------

/** Everything an officer needs to decide on one registration, or null when it is not this event's. */
export async function getRegistrationForVetting(db: Db, eventId: string, registrationId: string) {
  const registration = await db.registration.findFirst({
    where: { id: registrationId, eventId },
    select: {
      id: true,
      userId: true,
      status: true,
      holdsSeat: true,
      waitlistNumber: true,
      answers: true,
      infoRequestedAt: true,
      submittedAt: true,
      decidedAt: true,
      cancelledAt: true,
      checkedInAt: true,
      nationality: true,
      user: { select: { name: true, email: true, jobTitle: true } },
      organisation: { select: { name: true, kind: true, country: true, website: true, addedById: true } },
      decisions: {
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: {
          id: true,
          actorId: true,
          action: true,
          fromStatus: true,
          toStatus: true,
          reason: true,
          changes: true,
          createdAt: true,
          actor: { select: { name: true, email: true } },
        },
      },
    },
  })
  if (!registration) return null

  const [questionRows, waitlistPlace] = await Promise.all([
    db.registrationQuestion.findMany({
      where: { eventId },
      orderBy: { position: 'asc' },
      select: { key: true, label: true, kind: true, options: true, archivedAt: true },
    }),
    registration.status === 'WAITLISTED' ? waitlistPosition(db, eventId, registration.waitlistNumber) : Promise.resolve(null),
  ])
  const questions = questionRows.map((question) => ({ ...question, options: questionOptions(question.options) }))
  const answers = registration.answers as Answers
  const answerList = questions
    // A question removed after people answered it still shows their answer.
    .filter((question) => question.archivedAt === null || answers[question.key] !== undefined)
    .map((question) => ({ key: question.key, label: question.label, kind: question.kind, removed: question.archivedAt !== null, text: formatAnswer(question, answers[question.key]) }))

  const { decisions, user, answers: _answers, userId, waitlistNumber: _waitlistNumber, nationality, organisation, ...facts } = registration
  return {
    ...facts,
    organisation: describeOrganisation(organisation, userId),
    person: { ...user, nationality },
    waitlistPosition: waitlistPlace,
    answers: answerList,
    history: await describeHistory(db, decisions, questions, userId),
  }
}

export type RegistrationForVetting = NonNullable<Awaited<ReturnType<typeof getRegistrationForVetting>>>

/** An officer opening one registration: what getRegistrationForVetting shows, and the look recorded in the audit log. */
export async function openRegistrationForVetting(db: Db, input: { eventId: string; registrationId: string; viewerId: string; ipAddress: string | null }) {
  const registration = await getRegistrationForVetting(db, input.eventId, input.registrationId)
  if (registration) {
    await recordView(db, {
      eventId: input.eventId,
      actorId: input.viewerId,
      action: 'registration.viewed',
      entityType: 'Registration',
      entityId: input.registrationId,
      ipAddress: input.ipAddress,
    })
  }
  return registration
}

type DecisionRow = {
  id: string
  actorId: string | null
  action: VettingActionKind
  fromStatus: RegistrationStatus | null
  toStatus: RegistrationStatus
  reason: string | null
  changes: unknown
  createdAt: Date
  actor: { name: string; email: string } | null
}

/** The history with each actor named and each edit's changes made readable. */
async function describeHistory(
  db: Db,
  decisions: DecisionRow[],
  questions: Pick<RegistrationQuestion, 'key' | 'label' | 'kind' | 'options'>[],
  registrantId: string,
) {
  const changesOf = (decision: DecisionRow) => storedChanges(decision.changes)
  const organisationIds = new Set(
    decisions.flatMap((decision) => {
      const change = changesOf(decision).organisation
      return change ? [change.before, change.after].filter((id): id is string => typeof id === 'string') : []
    }),
  )
  const organisations = organisationIds.size
    ? await db.organisation.findMany({ where: { id: { in: [...organisationIds] } }, select: { id: true, name: true } })
    : []
  const organisationNames = new Map(organisations.map((organisation) => [organisation.id, organisation.name]))

  const describeValue = (field: string, value: Answer | null) => {
    if (value === null) return null
    if (field === 'nationality' && typeof value === 'string') return countryName(value)
    if (field === 'organisation' && typeof value === 'string') return organisationNames.get(value) ?? 'An organisation since removed'
    const question = questions.find((candidate) => candidate.key === field)
    return question ? formatAnswer(question, value) : String(value)
  }
  const fieldLabel = (field: string) =>
    field === 'nationality' ? 'Nationality' : field === 'organisation' ? 'Organisation' : (questions.find((q) => q.key === field)?.label ?? field)
  // The form's order (PostgreSQL's jsonb does not keep the order the keys were written in).
  const fieldOrder = ['organisation', 'nationality', ...questions.map((question) => question.key)]
  const rank = (field: string) => (fieldOrder.includes(field) ? fieldOrder.indexOf(field) : fieldOrder.length)

  return decisions.map((decision) => ({
    id: decision.id,
    action: decision.action,
    fromStatus: decision.fromStatus,
    toStatus: decision.toStatus,
    reason: decision.reason,
    createdAt: decision.createdAt,
    actor: decision.actor
      ? { name: decision.actor.name || decision.actor.email, isRegistrant: decision.actorId === registrantId }
      : null,
    changes: Object.entries(changesOf(decision))
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([field, change]) => ({
      field: fieldLabel(field),
      before: describeValue(field, change.before),
      after: describeValue(field, change.after),
    })),
  }))
}

/** VettingDecision.changes as written by the registration module: field -> { before, after }. */
function storedChanges(changes: unknown): Record<string, { before: Answer | null; after: Answer | null }> {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return {}
  return Object.fromEntries(
    Object.entries(changes).flatMap(([field, change]) =>
      change && typeof change === 'object' && 'before' in change && 'after' in change
        ? [[field, { before: (change.before ?? null) as Answer | null, after: (change.after ?? null) as Answer | null }]]
        : [],
    ),
  )
}

// ---------- Bulk decisions ----------

/**
 * Approves or rejects many registrations, one transaction each, and names each outcome so
 * the officer can see which rows went through and why the others did not.
 */
export async function decideInBulk(
  db: Db,
  input: { eventId: string; registrationIds: string[]; actorId: string; action: 'approve' | 'reject'; reason?: string | null },
) {
  const registrationIds = [...new Set(input.registrationIds)]
  const outcomes = await decideRegistrations(db, { ...input, registrationIds })
  const people = await db.registration.findMany({
    where: { eventId: input.eventId, id: { in: registrationIds } },
    select: { id: true, user: { select: { name: true, email: true } } },
  })
  const names = new Map(people.map((registration) => [registration.id, registration.user.name || registration.user.email]))
  return outcomes.map((outcome) => ({ ...outcome, name: names.get(outcome.registrationId) ?? null }))
}

export type BulkOutcome = Awaited<ReturnType<typeof decideInBulk>>[number]
