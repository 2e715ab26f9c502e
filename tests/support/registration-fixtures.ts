// An event open for registration with its questions, and valid form values for it.
import { randomBytes } from 'node:crypto'
import type { Db } from '#app/lib/db-client.server.ts'
import { getEventForRegistration } from '#app/domain/registration/registration.server.ts'
import type { RegistrationFormValues } from '#app/domain/registration/registration-form.ts'

export async function createRegistrationEvent(
  db: Db,
  options: { capacity: number | null; approvalRequired: boolean; waitlistEnabled?: boolean; eligibleNationalities?: string[] | null },
) {
  const slug = `reg-event-${randomBytes(5).toString('hex')}`
  const now = Date.now()
  await db.event.create({
    data: {
      slug,
      title: 'Registration Test Day',
      summary: 'A test event',
      description: 'A test event.',
      hostName: 'Test host',
      contactEmail: 'contact@example.org',
      venueName: 'Test venue',
      venueAddress: 'Test street 1, Brussels',
      timeZone: 'Europe/Brussels',
      startsAt: new Date(now + 60 * 86_400_000),
      endsAt: new Date(now + 60 * 86_400_000 + 8 * 3_600_000),
      registrationOpensAt: new Date(now - 86_400_000),
      registrationClosesAt: new Date(now + 30 * 86_400_000),
      capacity: options.capacity,
      approvalRequired: options.approvalRequired,
      waitlistEnabled: options.waitlistEnabled ?? true,
      ...(options.eligibleNationalities ? { eligibleNationalities: options.eligibleNationalities } : {}),
      eligibilityExplanation: options.eligibleNationalities ? 'Open to nationals of the listed states.' : null,
      status: 'PUBLISHED',
      calendarUid: `event-${slug}@muster.test`,
      questions: {
        create: [
          { key: 'clearance', label: 'Security clearance', kind: 'CHOICE', required: true, vetted: true, position: 0, options: [{ value: 'none', label: 'None' }, { value: 'secret', label: 'Secret' }] },
          { key: 'dietary', label: 'Dietary requirements', kind: 'TEXT', required: false, vetted: false, position: 1 },
        ],
      },
    },
  })
  const organisation = await db.organisation.create({
    data: { slug: `org-${randomBytes(4).toString('hex')}`, name: 'Test Org', kind: 'SME', country: 'BE' },
    select: { id: true },
  })
  const event = await getEventForRegistration(db, slug)
  if (!event) throw new Error('event not readable')
  return { event, organisationId: organisation.id }
}

export function formValues(organisationId: string, overrides: Partial<RegistrationFormValues> = {}): RegistrationFormValues {
  return {
    name: 'Test Person',
    jobTitle: 'Engineer',
    nationality: 'BE',
    organisationId,
    answers: { clearance: 'none' },
    consent: 'on',
    ...overrides,
  }
}

export async function createUsers(db: Db, count: number) {
  const tag = randomBytes(4).toString('hex')
  const rows = Array.from({ length: count }, (_, i) => ({ email: `registrant-${tag}-${i}@example.org`, name: `Registrant ${i}` }))
  await db.user.createMany({ data: rows })
  const users = await db.user.findMany({ where: { email: { startsWith: `registrant-${tag}-` } }, select: { id: true, email: true } })
  return rows.map((row) => users.find((user) => user.email === row.email)!)
}
