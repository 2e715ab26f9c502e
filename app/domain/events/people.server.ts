// A person as one event knows them: their organisation is the one on their registration for
// that event, which its vetting officers checked. User.organisationId is the account's
// organisation, rewritten whenever the person registers for any event (and self-declared
// there, not yet vetted), so reading it at one event would let a registration elsewhere make
// someone a government buyer here, open tables reserved for another organisation and put
// another name in this event's emails, invites, lists and exports. Everything scoped to an
// event reads people's organisations through this module; only the account pages show
// User.organisation.
import type { Db, DbTransaction } from '#app/lib/db-client.server.ts'
import type { Prisma } from '#prisma/generated/sqlite/client.ts'

/** What event-scoped code reads of an organisation: kind for the buyer rules, country for the directory, updatedAt for calendar fingerprints. */
const eventOrganisationSelect = { id: true, name: true, kind: true, country: true, updatedAt: true } as const satisfies Prisma.OrganisationSelect

export type EventOrganisation = Prisma.OrganisationGetPayload<{ select: typeof eventOrganisationSelect }>

/** A person's organisation at one event, in the shape the rest of the code reads. */
type AtEvent = { organisationId: string | null; organisation: EventOrganisation | null }

function atEvent(organisation: EventOrganisation | null | undefined): AtEvent {
  return { organisationId: organisation?.id ?? null, organisation: organisation ?? null }
}

/** A user select: the person's `fields` and their registration for the event; asEventPerson reads the row. */
export function eventPersonSelect<Fields extends Prisma.UserSelect>(eventId: string, fields: Fields) {
  return { ...fields, registrations: { where: { eventId }, take: 1, select: { organisation: { select: eventOrganisationSelect } } } }
}

/** A row read with eventPersonSelect as the person with the organisation of their registration (none: null). */
export function asEventPerson<Person extends { registrations: readonly { organisation: EventOrganisation | null }[] }>({
  registrations,
  ...person
}: Person): Omit<Person, 'registrations'> & AtEvent {
  return { ...person, ...atEvent(registrations[0]?.organisation) }
}

/**
 * Many people's organisations at the event in one flat query of its registrations, by user id:
 * of `userIds`, or of everyone registered when absent. Someone not registered has no entry.
 */
export async function eventOrganisations(db: Db | DbTransaction, eventId: string, userIds?: Iterable<string>) {
  const registrations = await db.registration.findMany({
    where: { eventId, ...(userIds ? { userId: { in: [...new Set(userIds)] } } : {}) },
    select: { userId: true, organisation: { select: eventOrganisationSelect } },
  })
  return new Map(registrations.map((registration) => [registration.userId, registration.organisation]))
}

/** The person with their organisation at the event, from eventOrganisations. */
export function withEventOrganisation<Person extends { id: string }>(person: Person, organisations: ReadonlyMap<string, EventOrganisation | null>): Person & AtEvent {
  return { ...person, ...atEvent(organisations.get(person.id)) }
}
