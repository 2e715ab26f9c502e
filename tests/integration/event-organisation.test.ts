// A person's organisation at an event is the one on their registration for that event, which its
// vetting officers checked, never the account's (rewritten by registering for any event). The
// attack, on SQLite and PostgreSQL: Kadri is approved at event A for her start-up, then registers
// at event B (merely pending) naming a government buyer, which also becomes her account's
// organisation. At event A she must stay the start-up everywhere: no buyer's must-meet marks, no
// buyer priority in the scheduler, no table reserved for the buyer, and the start-up's name in
// emails, invites, feeds, the meeting pages, the console's lists and exports and the directory.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { meetingInvite } from '#app/domain/calendar/calendar.server.ts'
import { createFeedLink, meetingDownload, personalFeed } from '#app/domain/calendar/feeds.server.ts'
import { getBuyerMustMeet, getMatchmakingNumbers, getMustMeetPairs, markMustMeetAsBuyer, meetingsCsv } from '#app/domain/matchmaking/console.server.ts'
import { getParticipantProfile } from '#app/domain/matchmaking/profiles.server.ts'
import { loadParticipants } from '#app/domain/matchmaking/recommendations.server.ts'
import { getMeetingMoveForm, listConfirmedMeetings, moveMeeting } from '#app/domain/meetings/moves.server.ts'
import { getMeetingsOverview, getPrintableSchedule, getRequestForm } from '#app/domain/meetings/views.server.ts'
import { acceptMeetingRequest, requestMeeting } from '#app/domain/meetings/meetings.server.ts'
import { getMyAgenda } from '#app/domain/agenda/my-agenda.server.ts'
import { loadSchedulingInput, previewSchedule } from '#app/domain/scheduling/plans.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { registrationData } from '#tests/support/fixtures.ts'
import { readWithIcalJs } from '#tests/support/icalendar.ts'
import { createMeetingEvent, createParticipants } from '#tests/support/meeting-fixtures.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { findQueuedEmails } from '#tests/support/outbox.ts'

const COMPANY = 'Hornet Interceptors'
const BUYER = 'Ministry of Defence Procurement'

describe.each(providers)('the organisation a person has at an event on %s', (provider: Provider) => {
  const test = useAppInstances(provider)

  /**
   * Event A with Kadri (approved for her start-up), a start-up to meet, a genuine member of the
   * buyer organisation, and tables 1 (reserved for the buyer), 2 (for Kadri's company) and 3 (open).
   * Then Kadri's pending registration at event B names the buyer, as does her account.
   */
  async function buildAttack() {
    const { db } = test
    const organisation = (name: string, kind: 'START_UP' | 'GOVERNMENT_BUYER') =>
      db.organisation.create({ data: { slug: `org-${randomBytes(5).toString('hex')}`, name, kind, country: 'BE' }, select: { id: true } })
    const company = await organisation(COMPANY, 'START_UP')
    const buyer = await organisation(BUYER, 'GOVERNMENT_BUYER')
    const event = await createMeetingEvent(db, { tables: 3 })
    const [kadri] = await createParticipants(db, event.id, 1, { organisationId: company.id, namePrefix: 'Kadri' })
    const [realBuyer] = await createParticipants(db, event.id, 1, { organisationId: buyer.id, namePrefix: 'Piotr' })
    const [startUp] = await createParticipants(db, event.id, 1, { namePrefix: 'Laura' })
    const tables = await db.meetingTable.findMany({ where: { eventId: event.id }, orderBy: { number: 'asc' }, select: { id: true } })
    await db.meetingTable.update({ where: { id: tables[0]!.id }, data: { reservedForOrganisationId: buyer.id }, select: { id: true } })
    await db.meetingTable.update({ where: { id: tables[1]!.id }, data: { reservedForOrganisationId: company.id }, select: { id: true } })

    const otherEvent = await createMeetingEvent(db)
    await db.registration.create({ data: { ...registrationData(otherEvent.id, kadri!.id), organisationId: buyer.id }, select: { id: true } })
    await db.user.update({ where: { id: kadri!.id }, data: { organisationId: buyer.id }, select: { id: true } })
    return { event, company, buyer, kadri: kadri!, realBuyer: realBuyer!, startUp: startUp!, tableIds: tables.map((table) => table.id) }
  }

  /** Kadri asks Laura to meet in the first slot and Laura accepts. */
  async function bookKadriWithStartUp(attack: Awaited<ReturnType<typeof buildAttack>>) {
    const { db } = test
    const slotId = attack.event.slots[0]!.id
    const { requestId } = await requestMeeting(db, { eventId: attack.event.id, requesterId: attack.kadri.id, recipientId: attack.startUp.id, slotIds: [slotId] })
    return acceptMeetingRequest(db, { eventId: attack.event.id, requestId, userId: attack.startUp.id, slotId })
  }

  it('refuses her the government buyer’s must-meet marks and the scheduler’s buyer priority', async () => {
    const { db } = test
    const { event, company, kadri, startUp, realBuyer } = await buildAttack()

    await expect(markMustMeetAsBuyer(db, { eventId: event.id, buyerId: kadri.id, otherUserId: startUp.id })).rejects.toThrow(
      'Only government buyers taking part in the B2B meetings can mark must-meet participants.',
    )
    expect(await getBuyerMustMeet(db, { eventId: event.id, buyerId: kadri.id, otherUserId: startUp.id })).toBeNull()
    // The genuine buyer still may.
    await markMustMeetAsBuyer(db, { eventId: event.id, buyerId: realBuyer.id, otherUserId: startUp.id })

    const [firstUserId, secondUserId] = [kadri.id, startUp.id].sort() as [string, string]
    await db.mustMeetPair.create({ data: { eventId: event.id, firstUserId, secondUserId, priority: 1 }, select: { id: true } })
    const { input } = await loadSchedulingInput(db, event.id, new Date())
    expect(input.participants.find((person) => person.id === kadri.id)).toMatchObject({ organisationId: company.id })
    const byPair = new Map(input.requests.map((request) => [[...request.participantIds].sort().join(':'), request.buyerInvolved]))
    expect(byPair.get(`${firstUserId}:${secondUserId}`)).toBe(false)
    expect(byPair.get([realBuyer.id, startUp.id].sort().join(':'))).toBe(true)
    const preview = await previewSchedule(db, { eventId: event.id })
    const kadrisPlacement = preview.placements.find((placement) => placement.participantIds.includes(kadri.id))!
    expect(kadrisPlacement.people).toContain(`Kadri 1 (${COMPANY})`)
    expect(kadrisPlacement.table).not.toBe('Table 1')
  })

  it('keeps her off the buyer’s reserved table when booking and moving, and on her company’s', async () => {
    const { db } = test
    const attack = await buildAttack()
    const { event, kadri, tableIds } = attack

    const booked = await bookKadriWithStartUp(attack)
    // Table 1 is the lowest-numbered but the buyer's; table 2 is her company's.
    expect(booked.tableNumber).toBe(2)

    const refusal = await moveMeeting(db, { eventId: event.id, meetingId: booked.meetingId, slotId: event.slots[1]!.id, tableId: tableIds[0]!, actorId: kadri.id }).catch(
      (error: unknown) => error,
    )
    expect(refusal).toBeInstanceOf(DomainError)
    expect((refusal as DomainError).message).toBe("Table 1 is reserved for another organisation's meetings; choose another table.")
    const moved = await moveMeeting(db, { eventId: event.id, meetingId: booked.meetingId, slotId: event.slots[1]!.id, tableId: tableIds[1]!, actorId: kadri.id })
    expect(moved.tableNumber).toBe(2)
  })

  it('names her company in emails, invites, feeds and the meeting pages', async () => {
    const { db } = test
    const attack = await buildAttack()
    const { event, kadri, startUp } = attack
    const booked = await bookKadriWithStartUp(attack)

    const messages = await findQueuedEmails(db, { where: { userId: startUp.id } })
    expect(messages.map((message) => message.kind).sort()).toEqual(['meeting-accepted', 'meeting-reminder', 'meeting-request-received'])
    for (const message of messages) {
      expect(message.subject).toContain(`Kadri 1 (${COMPANY})`)
      expect(message.text).not.toContain(BUYER)
    }
    const emailedInvite = readWithIcalJs(messages.find((message) => message.kind === 'meeting-accepted')!.icsContent!).events[0]!
    expect(emailedInvite.summary).toBe(`B2B meeting: Kadri 1 (${COMPANY})`)
    const invite = readWithIcalJs((await meetingInvite(db, { eventId: event.id, meetingId: booked.meetingId, userId: startUp.id, method: 'REQUEST' })).ics).events[0]!
    expect(invite.summary).toBe(`B2B meeting: Kadri 1 (${COMPANY})`)

    const token = (await createFeedLink(db, startUp.id)).https.match(/\/calendar\/feeds\/([a-z2-7]{32})\.ics$/)![1]!
    const feed = readWithIcalJs((await (await personalFeed(db, token))!.render()).ics)
    expect(feed.events.find((entry) => entry.summary.startsWith('B2B meeting'))!.summary).toBe(`B2B meeting: Kadri 1 (${COMPANY})`)
    const download = await meetingDownload(db, { eventSlug: event.slug, meetingId: booked.meetingId, userId: startUp.id })
    expect(readWithIcalJs((await download!.render()).ics).events[0]!.summary).toBe(`B2B meeting: Kadri 1 (${COMPANY})`)

    const overview = await getMeetingsOverview(db, { eventId: event.id, userId: startUp.id })
    expect(overview.upcoming[0]!.with.map((person) => person.organisation?.name)).toEqual([COMPANY])
    expect(overview.closedRequests[0]!.other.organisation?.name).toBe(COMPANY)
    expect((await getPrintableSchedule(db, { eventId: event.id, userId: kadri.id })).person.organisation?.name).toBe(COMPANY)
    expect((await getRequestForm(db, { eventId: event.id, requesterId: startUp.id, recipientId: kadri.id }))!.recipient.organisation?.name).toBe(COMPANY)
    const agenda = await getMyAgenda(db, { eventSlug: event.slug, userId: startUp.id })
    expect(agenda!.days.flatMap((day) => day.items).find((item) => item.kind === 'meeting')!.title).toBe(`B2B meeting with Kadri 1 (${COMPANY})`)
  })

  it('names her company in the console’s lists and exports', async () => {
    const { db } = test
    const attack = await buildAttack()
    const { event, kadri, startUp } = attack
    const numbers = await getMatchmakingNumbers(db, { eventId: event.id, search: COMPANY })
    expect(numbers.withoutMeeting.people.map((person) => [person.name, person.organisation?.name])).toEqual([['Kadri 1', COMPANY]])
    expect((await getMatchmakingNumbers(db, { eventId: event.id, search: 'Ministry' })).withoutMeeting.people.map((person) => person.name)).toEqual(['Piotr 1'])

    const booked = await bookKadriWithStartUp(attack)
    const [firstUserId, secondUserId] = [kadri.id, startUp.id].sort() as [string, string]
    await db.mustMeetPair.create({ data: { eventId: event.id, firstUserId, secondUserId, priority: 1 }, select: { id: true } })

    const list = await listConfirmedMeetings(db, { eventId: event.id, search: '', slotId: null, page: 1 })
    expect(list.meetings[0]!.people.find((person) => person.name === 'Kadri 1')!.organisation?.name).toBe(COMPANY)
    expect((await listConfirmedMeetings(db, { eventId: event.id, search: 'ministry', slotId: null, page: 1 })).found).toBe(0)
    const form = await getMeetingMoveForm(db, { eventId: event.id, meetingId: booked.meetingId })
    expect(form!.meeting.people.find((person) => person.id === kadri.id)!.organisation?.name).toBe(COMPANY)
    const { pairs, participants } = await getMustMeetPairs(db, event.id)
    expect(participants.find((person) => person.id === kadri.id)!.organisation?.name).toBe(COMPANY)
    const pairPeople = [pairs[0]!.firstUser, pairs[0]!.secondUser]
    expect(pairPeople.find((person) => person.id === kadri.id)!.organisation?.name).toBe(COMPANY)

    const csv = await meetingsCsv(db, event.id, { userId: kadri.id, ipAddress: null })
    expect(csv.body).toContain(`"Kadri 1","${COMPANY}"`)
    expect(csv.body).not.toContain(BUYER)
  })

  it('gives the directory and the recommendations her company, and no organisation to a registration without one', async () => {
    const { db } = test
    const { event, company, buyer, kadri } = await buildAttack()
    // Lars's registration at event A names no organisation (e.g. it was removed); his account names the buyer.
    const [lars] = await createParticipants(db, event.id, 1, { organisationId: buyer.id, namePrefix: 'Lars' })
    await db.registration.updateMany({ where: { eventId: event.id, userId: lars!.id }, data: { organisationId: null } })

    const { profiles, participants } = await loadParticipants(db, event.id)
    expect(profiles.find((profile) => profile.userId === kadri.id)).toMatchObject({ organisationId: company.id, organisationKind: 'START_UP' })
    expect(participants.find((card) => card.userId === kadri.id)!.organisation?.name).toBe(COMPANY)
    expect(profiles.find((profile) => profile.userId === lars!.id)).toMatchObject({ organisationId: null, organisationKind: null })
    expect(participants.find((card) => card.userId === lars!.id)!.organisation).toBeNull()
    expect((await getParticipantProfile(db, { eventId: event.id, userId: kadri.id }))!.organisation).toMatchObject({ name: COMPANY, kind: 'START_UP' })
    expect((await getParticipantProfile(db, { eventId: event.id, userId: lars!.id }))!.organisation).toBeNull()
  })
})
