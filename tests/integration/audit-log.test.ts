// The event's audit log: opening a vetting record is recorded once per look (reloads within ten
// minutes are the same look), entries read newest first in pages, filter by kind, and one
// event's log never shows another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAuditActors, listAuditLog, recordAudit } from '#app/domain/audit/audit.server.ts'
import { AUDIT_PAGE_SIZE, auditQueryParams, parseAuditQuery } from '#app/domain/audit/audit.ts'
import { submitRegistration } from '#app/domain/registration/registration.server.ts'
import { openRegistrationForVetting } from '#app/domain/registration/vetting.server.ts'
import { providers, type Provider } from '#prisma/providers.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/databases.ts'
import { createRegistrationEvent, createUsers, formValues } from '#tests/support/registration-fixtures.ts'

describe.each(providers)('the audit log on %s', (provider: Provider) => {
  let test: TestDatabase
  beforeAll(async () => {
    test = await createTestDatabase(provider)
  })
  afterAll(async () => {
    await test?.cleanup()
  })

  it('records who opened a vetting record, once per look, from where', async () => {
    const { db } = test
    const { event, organisationId } = await createRegistrationEvent(db, { capacity: null, approvalRequired: true })
    const [officer, otherOfficer, registrant] = await createUsers(db, 3)
    const { registrationId } = await submitRegistration(db, { event, userId: registrant!.id, values: formValues(organisationId) })
    const open = (viewerId: string) => openRegistrationForVetting(db, { eventId: event.id, registrationId, viewerId, ipAddress: '192.0.2.7' })

    expect((await open(officer!.id))?.id).toBe(registrationId)
    await open(officer!.id)
    await open(otherOfficer!.id)
    const views = await db.auditLogEntry.findMany({ where: { eventId: event.id, action: 'registration.viewed' }, select: { actorId: true, entityId: true, ipAddress: true } })
    expect(views).toHaveLength(2)
    expect(views).toEqual(expect.arrayContaining([{ actorId: officer!.id, entityId: registrationId, ipAddress: '192.0.2.7' }, { actorId: otherOfficer!.id, entityId: registrationId, ipAddress: '192.0.2.7' }]))
    // A registration of another event is not opened, and not recorded.
    expect(await openRegistrationForVetting(db, { eventId: 'another-event', registrationId, viewerId: officer!.id, ipAddress: null })).toBeNull()
    expect(await db.auditLogEntry.count({ where: { action: 'registration.viewed' } })).toBe(2)

    const log = await listAuditLog(db, event.id, parseAuditQuery(new URLSearchParams()), 'Europe/Brussels')
    expect(log.entries[0]).toMatchObject({ label: 'Opened a vetting record', entityType: 'Registration', entityId: registrationId })
  })

  it('reads newest first in pages, filters by kind, summarises details and keeps events apart', async () => {
    const { db } = test
    const { event } = await createRegistrationEvent(db, { capacity: null, approvalRequired: true })
    const { event: other } = await createRegistrationEvent(db, { capacity: null, approvalRequired: true })
    const [organiser] = await createUsers(db, 1)
    for (let index = 0; index < AUDIT_PAGE_SIZE + 5; index++) {
      await recordAudit(db, { eventId: event.id, actorId: organiser!.id, action: 'session.edited', entityType: 'AgendaSession', entityId: `s${index}`, data: { title: `Session ${index}`, speakers: ['a', 'b'] } })
    }
    await recordAudit(db, { eventId: event.id, actorId: organiser!.id, action: 'export.downloaded', entityType: 'Event', entityId: event.id, data: { file: 'meetings.csv', meetings: 12 } })
    await recordAudit(db, { eventId: other.id, actorId: organiser!.id, action: 'export.downloaded', entityType: 'Event', entityId: other.id })

    const first = await listAuditLog(db, event.id, parseAuditQuery(new URLSearchParams()), 'Europe/Brussels')
    expect(first).toMatchObject({ total: AUDIT_PAGE_SIZE + 6, page: 1, pageCount: 2 })
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE)
    expect(first.entries[0]).toMatchObject({ label: 'Downloaded an export', details: 'File: meetings.csv · Meetings: 12', actor: 'Registrant 0' })
    const second = await listAuditLog(db, event.id, parseAuditQuery(new URLSearchParams({ page: '2' })), 'Europe/Brussels')
    expect(second.entries).toHaveLength(6)
    expect(second.entries.at(-1)).toMatchObject({ label: 'Edited a session', details: 'Title: Session 0 · speakers: 2 items' })

    await recordAudit(db, { eventId: other.id, actorId: organiser!.id, action: 'registration.approved', entityType: 'Registration', entityId: 'r1', data: { toStatus: 'APPROVED', fromStatus: 'PENDING', reason: 'Clearance confirmed' } })
    const decision = (await listAuditLog(db, other.id, parseAuditQuery(new URLSearchParams({ category: 'registration' })), 'Europe/Brussels')).entries[0]
    expect(decision).toMatchObject({ label: 'Approved a registration', details: 'Was: pending · Now: approved · Reason: Clearance confirmed' })

    const exports = await listAuditLog(db, event.id, parseAuditQuery(new URLSearchParams({ category: 'export' })), 'Europe/Brussels')
    expect(exports.total).toBe(1)
    // Hostile query strings fall back to the first page of everything.
    expect(parseAuditQuery(new URLSearchParams({ from: '2027-13-45' })).from).toBeNull()
    expect(parseAuditQuery(new URLSearchParams({ page: '-4', category: 'passwords', from: '2027-02-30', to: 'yesterday' }))).toEqual({ page: 1, category: null, actor: null, from: null, to: null })
    expect((await listAuditLog(db, event.id, parseAuditQuery(new URLSearchParams({ page: '99999' })), 'Europe/Brussels')).page).toBe(2)
  })
  it('filters by who acted and by day in the event’s zone, both days included, and the pages keep the filters', async () => {
    const { db } = test
    const { event } = await createRegistrationEvent(db, { capacity: null, approvalRequired: true })
    const [organiser, officer] = await createUsers(db, 2)
    const at = async (actorId: string | null, action: string, instant: string) => {
      await recordAudit(db, { eventId: event.id, actorId, action, entityType: 'Event', entityId: event.id })
      await db.auditLogEntry.updateMany({ where: { eventId: event.id, action }, data: { createdAt: new Date(instant) } })
    }
    // Brussels is UTC+1 in March before the change to summer time on the 28th, UTC+2 after it.
    await at(organiser!.id, 'session.edited', '2027-03-23T23:30:00Z') // 24 March, 00:30 in Brussels
    await at(officer!.id, 'registration.approved', '2027-03-24T22:30:00Z') // 24 March, 23:30 in Brussels
    await at(officer!.id, 'registration.rejected', '2027-03-28T22:30:00Z') // 29 March, 00:30 in Brussels (summer time)
    await at(null, 'meeting.expired', '2027-03-27T22:30:00Z') // 27 March, 23:30 in Brussels

    const list = (params: Record<string, string>) => listAuditLog(db, event.id, parseAuditQuery(new URLSearchParams(params)), 'Europe/Brussels')
    expect((await list({ actor: officer!.id })).entries.map((entry) => entry.action)).toEqual(['registration.rejected', 'registration.approved'])
    expect((await list({ actor: 'system' })).entries.map((entry) => entry.action)).toEqual(['meeting.expired'])
    expect((await list({ from: '2027-03-24', to: '2027-03-24' })).entries.map((entry) => entry.action)).toEqual(['registration.approved', 'session.edited'])
    expect((await list({ from: '2027-03-25' })).total).toBe(2)
    expect((await list({ to: '2027-03-28' })).entries.map((entry) => entry.action)).toEqual(['meeting.expired', 'registration.approved', 'session.edited'])
    expect((await list({ from: '2027-03-29', to: '2027-03-29', actor: officer!.id })).entries.map((entry) => entry.action)).toEqual(['registration.rejected'])
    expect((await list({ actor: organiser!.id, category: 'registration' })).total).toBe(0)
    expect((await list({ actor: 'someone-else' })).total).toBe(0)

    const actors = await listAuditActors(db, event.id)
    expect(actors.system).toBe(true)
    expect(actors.people.map((person) => person.id).sort()).toEqual([organiser!.id, officer!.id].sort())
    expect(auditQueryParams({ category: 'registration', actor: officer!.id, from: '2027-03-24', to: null }, 3).toString()).toBe(`category=registration&actor=${officer!.id}&from=2027-03-24&page=3`)
  })
})
