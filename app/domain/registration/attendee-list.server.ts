// "Who is coming": the approved attendees who agreed to appear (default off), with their
// organisation and, for B2B participants, what they offer, so companies can team up. Approved
// attendees and the event's staff see it, or anyone when the event says so. Taking consent back
// takes the person off at once: the list is read per request, never cached.
import { recordExportDownload, type ExportDownloader } from '#app/domain/audit/audit.server.ts'
import { countryName } from '#app/lib/countries.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { searchKey } from '#app/lib/search-key.ts'
import { singleTableFile, type SpreadsheetFileOf } from '#app/lib/spreadsheet.server.ts'
import { publicEventWhere } from '#app/domain/events/events.ts'
import { profilesVisible } from '#app/domain/matchmaking/access.server.ts'
import type { AttendeeListQuery } from './attendee-list.ts'
import { organisationKindLabels } from './registration-form.ts'

/** The statuses whose holders may choose to appear (only approved people are shown). */
const LIVE_STATUSES = ['APPROVED', 'PENDING', 'WAITLISTED'] as const

/**
 * Records the person's choice for one event's list. Agreeing again keeps the first agreement's
 * time; a registration that is not live (cancelled, rejected) cannot be listed.
 */
export async function setAttendeeListConsent(db: Db, input: { userId: string; eventId: string; listed: boolean; now?: Date }) {
  const now = input.now ?? new Date()
  const mine = { userId: input.userId, eventId: input.eventId, status: { in: [...LIVE_STATUSES] } }
  const registration = await db.registration.findFirst({ where: mine, select: { id: true } })
  if (!registration) throw new DomainError('not-found', 'You have no registration for this event to list.')
  if (input.listed) await db.registration.updateMany({ where: { ...mine, attendeeListConsentAt: null }, data: { attendeeListConsentAt: now } })
  else await db.registration.updateMany({ where: mine, data: { attendeeListConsentAt: null } })
}

/**
 * The public event and whether this person may read its list: anyone when the event made it
 * public; else its approved attendees, its staff and platform administrators. Null: no such public event.
 */
export async function attendeeListAccess(db: Db, input: { slug: string; user: { id: string; isPlatformAdmin: boolean } | null }) {
  const event = await db.event.findFirst({ where: { slug: input.slug, ...publicEventWhere }, select: { id: true, slug: true, title: true, attendeeListPublic: true } })
  if (!event) return null
  if (event.attendeeListPublic || input.user?.isPlatformAdmin) return { event, mayRead: true, listed: null as boolean | null }
  if (!input.user) return { event, mayRead: false, listed: null }
  const [registration, role] = await Promise.all([
    db.registration.findFirst({ where: { eventId: event.id, userId: input.user.id }, select: { status: true, attendeeListConsentAt: true } }),
    db.eventRole.findFirst({ where: { eventId: event.id, userId: input.user.id }, select: { role: true } }),
  ])
  const listed = registration && (LIVE_STATUSES as readonly string[]).includes(registration.status) ? registration.attendeeListConsentAt !== null : null
  return { event, mayRead: registration?.status === 'APPROVED' || role !== null, listed }
}

/**
 * The people on the list, by name, narrowed by the query (search ignores case and accents). Offers
 * show only when the event's matchmaking shows profiles (B2B on, and its visibility date reached).
 */
export async function getAttendeeList(db: Db, eventId: string, query: AttendeeListQuery, now = new Date()) {
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { b2bEnabled: true, profileVisibility: true, b2bBookingOpensAt: true } })
  const offersShown = event.b2bEnabled && profilesVisible(event, now)
  const rows = await db.registration.findMany({
    where: {
      eventId,
      status: 'APPROVED',
      attendeeListConsentAt: { not: null },
      user: { erasedAt: null },
      ...(query.kind ? { organisation: { kind: query.kind } } : {}),
    },
    select: {
      userId: true,
      user: {
        select: {
          name: true,
          jobTitle: true,
          matchmakingProfiles: {
            where: { eventId, optedIn: true },
            select: { marketItems: { where: { kind: 'OFFER' }, orderBy: { createdAt: 'asc' }, select: { title: true } } },
          },
        },
      },
      organisation: { select: { name: true, kind: true, country: true } },
    },
  })
  const words = searchKey(query.q).split(/\s+/).filter(Boolean)
  const byName = new Intl.Collator('en', { sensitivity: 'base' })
  return rows
    .map((row) => ({
      userId: row.userId,
      name: row.user.name,
      jobTitle: row.user.jobTitle,
      organisation: row.organisation ? { name: row.organisation.name, kind: organisationKindLabels[row.organisation.kind], country: countryName(row.organisation.country) } : null,
      offers: offersShown ? row.user.matchmakingProfiles.flatMap((profile) => profile.marketItems.map((item) => item.title)) : [],
    }))
    .filter((person) => {
      if (words.length === 0) return true
      const haystack = searchKey([person.name, person.organisation?.name ?? '', ...person.offers].join(' '))
      return words.every((word) => haystack.includes(word))
    })
    .sort((a, b) => byName.compare(a.name, b.name) || byName.compare(a.organisation?.name ?? '', b.organisation?.name ?? ''))
}

/** The list as the reader sees it, as CSV for teaming; the download is audited like every export. */
export async function attendeeListCsv(db: Db, input: { event: { id: string; slug: string; title: string }; query: AttendeeListQuery; downloadedBy: ExportDownloader }): Promise<SpreadsheetFileOf<'csv'>> {
  const people = await getAttendeeList(db, input.event.id, input.query)
  const filename = `${input.event.slug}-who-is-coming.csv`
  await recordExportDownload(db, { eventId: input.event.id, downloadedBy: input.downloadedBy, file: filename, rows: { registrations: people.length } })
  return singleTableFile({
    format: 'csv',
    filename,
    sheetName: 'Who is coming',
    printHeader: { left: input.event.title, right: 'Who is coming' },
    table: {
      columns: ['Name', 'Job title', 'Organisation', 'Organisation kind', 'Country', 'Offers'],
      rows: people.map((person) => [
        person.name,
        person.jobTitle ?? '',
        person.organisation?.name ?? '',
        person.organisation?.kind ?? '',
        person.organisation?.country ?? '',
        person.offers.join('; '),
      ]),
    },
  })
}
