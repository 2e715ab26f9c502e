// The staff page's loader and action with hostile and mistaken HTTP input: a refusal is a 4xx
// with its message next to the field (or above the form), never a 500, and writes nothing. The
// route module uses the app's database accessor, so this file runs on SQLite; the rules
// themselves run on both engines in staff-management.test.ts.
import { describe, expect, it } from 'vitest'
import type { Db } from '#app/lib/db-client.server.ts'
import { createEvent, createUser } from '#tests/support/fixtures.ts'
import { setUpRouteDatabase } from '#tests/support/route-database.ts'
import { callRoute, formBody } from '#tests/support/routes.ts'

const route = 'routes/manage/staff.tsx'
let event: { id: string; slug: string }
const people = {} as Record<'owner' | 'organiser' | 'vettingOfficer' | 'checkIn' | 'stranger', { id: string; email: string }>
const roleIds = {} as Record<'owner' | 'organiser' | 'vettingOfficer' | 'checkIn', string>

const test = setUpRouteDatabase(async (db: Db) => {
  event = await createEvent(db)
  for (const [key, role] of [
    ['owner', 'OWNER'],
    ['organiser', 'ORGANISER'],
    ['vettingOfficer', 'VETTING_OFFICER'],
    ['checkIn', 'CHECK_IN'],
  ] as const) {
    people[key] = await createUser(db, `The ${key}`)
    roleIds[key] = (await db.eventRole.create({ data: { eventId: event.id, userId: people[key].id, role }, select: { id: true } })).id
  }
  people.stranger = await createUser(db, 'A stranger')
})

type Answer = { status: number; location: string | null; data: unknown }

/** What the page answers `userId`: a GET without a form, else a POST of it (or of a raw body). */
async function call(userId: string, form?: Record<string, string | string[]> | URLSearchParams, slug = event.slug): Promise<Answer> {
  const headers = new Headers({ Cookie: await test.sessionCookie(userId) })
  const path = `http://localhost/events/${slug}/manage/staff`
  let request = new Request(path, { headers })
  if (form instanceof URLSearchParams) request = new Request(path, { method: 'POST', ...formBody({}, headers), body: form })
  else if (form) request = new Request(path, { method: 'POST', ...formBody(form, headers) })
  const answer = await callRoute(route, form ? 'action' : 'loader', request, { slug })
  return { status: answer.status, location: answer.location, data: answer.data }
}

const errorsOf = (answer: Answer) => (answer.data as { result: { error?: Record<string, string[] | null> } }).result.error
const noticeOf = (answer: Answer) => (answer.data as { notice?: string }).notice

/** Every row the page may write, to prove a refusal wrote none. */
async function rows() {
  const [roles, invitations, audit, outbox] = await Promise.all([
    test.db.eventRole.findMany({ orderBy: { id: 'asc' }, select: { id: true, eventId: true, userId: true, role: true } }),
    test.db.staffInvitation.findMany({ orderBy: { id: 'asc' }, select: { id: true, email: true, role: true } }),
    test.db.auditLogEntry.count(),
    test.db.outboxMessage.count(),
  ])
  return { roles, invitations, audit, outbox }
}

describe('who may open the page and post to it', () => {
  it('shows an organiser the staff and the roles they may grant, owners excluded', async () => {
    const page = await call(people.organiser.id)
    expect(page.status).toBe(200)
    const { staff, manages } = page.data as { staff: { members: { role: string }[] }; manages: string[] }
    expect(staff.members.map((member) => member.role)).toEqual(['OWNER', 'ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'])
    expect(manages).toEqual(['ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'])
    expect(((await call(people.owner.id)).data as { manages: string[] }).manages).toEqual(['OWNER', 'ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'])
  })

  it('refuses vetting officers, check-in staff and strangers with 403, reading and posting, and writes nothing', async () => {
    const before = await rows()
    for (const key of ['vettingOfficer', 'checkIn', 'stranger'] as const) {
      expect((await call(people[key].id)).status, key).toBe(403)
      expect((await call(people[key].id, { intent: 'add', email: 'someone@example.org', role: 'CHECK_IN' })).status, key).toBe(403)
      expect((await call(people[key].id, { intent: 'remove', staffRoleId: roleIds.organiser })).status, key).toBe(403)
    }
    expect(await rows()).toEqual(before)
  })
})

describe('hostile and mistaken input', () => {
  it('explains a bad address or an unknown role next to the field, with 400', async () => {
    const before = await rows()
    const badEmail = await call(people.organiser.id, { intent: 'add', email: 'not-an-address', role: 'CHECK_IN' })
    expect(badEmail.status).toBe(400)
    expect(errorsOf(badEmail)).toMatchObject({ email: ['Enter an email address like name@example.org'] })
    const unknownRole = await call(people.organiser.id, { intent: 'add', email: 'someone@example.org', role: 'SUPERUSER' })
    expect(unknownRole.status).toBe(400)
    expect(errorsOf(unknownRole)).toMatchObject({ role: ['Choose a role from the list'] })
    expect((await call(people.organiser.id, { intent: 'change-role', staffRoleId: roleIds.checkIn, role: 'ADMIN' })).status).toBe(400)
    expect((await call(people.organiser.id, {})).status).toBe(400)
    expect((await call(people.organiser.id, { intent: 'promote', staffRoleId: roleIds.checkIn })).status).toBe(400)
    expect(await rows()).toEqual(before)
  })

  it('refuses repeated fields, unknown fields and a huge body with a 4xx, never a 500', async () => {
    const before = await rows()
    const repeated = await call(people.organiser.id, { intent: 'add', email: ['a@example.org', 'b@example.org'], role: 'CHECK_IN' })
    expect(repeated.status).toBe(400)
    expect((await call(people.organiser.id, { intent: 'add', email: 'a@example.org', role: 'CHECK_IN', isPlatformAdmin: 'true' })).status).toBe(400)
    const huge = new URLSearchParams({ intent: 'add', email: `${'a'.repeat(200_000)}@example.org`, role: 'CHECK_IN' })
    expect((await call(people.organiser.id, huge)).status).toBe(413)
    const many = new URLSearchParams({ intent: 'remove' })
    for (let index = 0; index < 2_000; index++) many.append('staffRoleId', roleIds.checkIn)
    expect((await call(people.organiser.id, many)).status).toBe(400)
    expect(await rows()).toEqual(before)
  })

  it('answers ids of another event’s staff or invitations, and unknown ids, with 404', async () => {
    const other = await createEvent(test.db)
    const otherPerson = await createUser(test.db, 'Other staff')
    const otherRole = await test.db.eventRole.create({ data: { eventId: other.id, userId: otherPerson.id, role: 'CHECK_IN' }, select: { id: true } })
    const otherInvitation = await test.db.staffInvitation.create({ data: { eventId: other.id, email: 'elsewhere@example.org', role: 'CHECK_IN' }, select: { id: true } })
    const before = await rows()
    const forms: Record<string, string>[] = [
      { intent: 'change-role', staffRoleId: otherRole.id, role: 'VETTING_OFFICER' },
      { intent: 'remove', staffRoleId: otherRole.id },
      { intent: 'cancel-invitation', invitationId: otherInvitation.id },
      { intent: 'remove', staffRoleId: 'no-such-role' },
    ]
    for (const form of forms) {
      const answer = await call(people.owner.id, form)
      expect(answer.status, form.intent).toBe(404)
      expect(errorsOf(answer)?.['']?.[0]).toMatch(/not on this event’s staff|no such invitation/)
    }
    expect(await rows()).toEqual(before)
  })

  it('refuses an organiser who grants owner or touches an owner with 403 and the reason next to the role', async () => {
    const before = await rows()
    const grant = await call(people.organiser.id, { intent: 'add', email: 'new.owner@example.org', role: 'OWNER' })
    expect(grant.status).toBe(403)
    expect(errorsOf(grant)).toMatchObject({ role: ['Only an owner can make someone an owner, or change or remove an owner.'] })
    const demote = await call(people.organiser.id, { intent: 'change-role', staffRoleId: roleIds.owner, role: 'CHECK_IN' })
    expect(demote.status).toBe(403)
    expect(errorsOf(demote)?.role).toHaveLength(1)
    expect((demote.data as { target: string }).target).toBe(roleIds.owner)
    const remove = await call(people.organiser.id, { intent: 'remove', staffRoleId: roleIds.owner })
    expect(remove.status).toBe(403)
    expect(errorsOf(remove)?.['']).toHaveLength(1)
    expect(await rows()).toEqual(before)
  })

  it('keeps the last owner, with 409 and the reason next to the role', async () => {
    const answer = await call(people.owner.id, { intent: 'change-role', staffRoleId: roleIds.owner, role: 'ORGANISER' })
    expect(answer.status).toBe(409)
    expect(errorsOf(answer)).toMatchObject({ role: ['The owner is the event’s last owner. Make someone else an owner first.'] })
  })
})

describe('changes', () => {
  it('adds, invites, changes, removes and cancels, each with a notice, and refuses someone already on the staff', async () => {
    const person = await createUser(test.db, 'Nina New')
    const added = await call(people.organiser.id, { intent: 'add', email: person.email, role: 'VETTING_OFFICER' })
    expect(added.status).toBe(200)
    expect(noticeOf(added)).toBe('Nina New is now Vetting officer, and has been emailed a link to the console.')

    const again = await call(people.organiser.id, { intent: 'add', email: person.email, role: 'CHECK_IN' })
    expect(again.status).toBe(409)
    expect(errorsOf(again)?.email?.[0]).toMatch(/is already on the staff as Vetting officer/)

    const invited = await call(people.organiser.id, { intent: 'add', email: 'Fresh.Face@Example.org', role: 'CHECK_IN' })
    expect(noticeOf(invited)).toMatch(/^fresh\.face@example\.org has no Muster account yet, so an invitation has been emailed/)

    const role = await test.db.eventRole.findFirstOrThrow({ where: { eventId: event.id, userId: person.id }, select: { id: true } })
    expect(noticeOf(await call(people.organiser.id, { intent: 'change-role', staffRoleId: role.id, role: 'CHECK_IN' }))).toBe('Nina New is now Check-in staff.')
    expect(noticeOf(await call(people.organiser.id, { intent: 'remove', staffRoleId: role.id }))).toBe('Nina New is no longer on the staff.')
    const invitation = await test.db.staffInvitation.findFirstOrThrow({ where: { eventId: event.id, email: 'fresh.face@example.org' }, select: { id: true } })
    expect(noticeOf(await call(people.organiser.id, { intent: 'cancel-invitation', invitationId: invitation.id }))).toMatch(/^The invitation to fresh\.face@example\.org is cancelled/)
  })

  it('sends a person who changed their own role where the new role opens', async () => {
    const person = await createUser(test.db, 'Self Demoting')
    const role = await test.db.eventRole.create({ data: { eventId: event.id, userId: person.id, role: 'ORGANISER' }, select: { id: true } })
    const demoted = await call(person.id, { intent: 'change-role', staffRoleId: role.id, role: 'VETTING_OFFICER' })
    expect(demoted).toMatchObject({ status: 302, location: `/events/${event.slug}/manage/vetting` })
    const other = await createUser(test.db, 'Self Removing')
    const otherRole = await test.db.eventRole.create({ data: { eventId: event.id, userId: other.id, role: 'ORGANISER' }, select: { id: true } })
    expect(await call(other.id, { intent: 'remove', staffRoleId: otherRole.id })).toMatchObject({ status: 302, location: `/events/${event.slug}` })
  })
})
