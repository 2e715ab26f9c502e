// Managing an event's staff on both engines: who may grant, change and remove which role, the
// invitation of an address with no account through to its first sign-in, the emails in the
// outbox, the audit trail, records of another event, and the last owner, who survives two
// people demoting the last two owners at once (two app instances on PostgreSQL).
import { describe, expect, it } from 'vitest'
import { requestSignIn, signInWithCode } from '#app/domain/account/sign-in.server.ts'
import { listAuditLog } from '#app/domain/audit/audit.server.ts'
import { parseAuditQuery } from '#app/domain/audit/audit.ts'
import type { EventRole } from '#app/domain/events/roles.ts'
import {
  acceptStaffInvitations,
  addStaffMember,
  cancelStaffInvitation,
  changeStaffRole,
  listEventStaff,
  removeStaffMember,
} from '#app/domain/events/staff-management.server.ts'
import type { Db } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { providers } from '#prisma/providers.ts'
import { useAppInstances } from '#tests/support/app-instances.ts'
import { createEvent, createUser } from '#tests/support/fixtures.ts'
import { findQueuedEmail, findQueuedEmails } from '#tests/support/outbox.ts'

const title = 'Test Industry Day'
let addressCounter = 0
const newAddress = () => `new.staff.${++addressCounter}.${Date.now()}@example.org`

/** An event with an owner and an organiser, and what changing its staff needs. */
async function staffedEvent(db: Db) {
  const created = await createEvent(db)
  const event = { ...created, title }
  const owner = await createUser(db, 'Olga Owner')
  const organiser = await createUser(db, 'Oscar Organiser')
  const grant = (userId: string, role: EventRole, grantedById: string | null = null) =>
    db.eventRole.create({ data: { eventId: event.id, userId, role, grantedById }, select: { id: true } })
  const ownerRole = await grant(owner.id, 'OWNER')
  const organiserRole = await grant(organiser.id, 'ORGANISER', owner.id)
  return { event, owner, organiser, ownerRole, organiserRole, grant }
}

/** Rows a refused change must leave as they were. */
async function snapshot(db: Db, eventId: string) {
  const [roles, invitations, audit, outbox] = await Promise.all([
    db.eventRole.findMany({ where: { eventId }, orderBy: { id: 'asc' }, select: { id: true, userId: true, role: true, grantedById: true } }),
    db.staffInvitation.findMany({ where: { eventId }, orderBy: { id: 'asc' }, select: { id: true, email: true, role: true } }),
    db.auditLogEntry.count({ where: { eventId } }),
    db.outboxMessage.count({ where: { eventId } }),
  ])
  return { roles, invitations, audit, outbox }
}

/** The refusal a promise ends with, as reason, code and field. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof DomainError) return { reason: error.reason, code: error.code, field: error.field, message: error.message }
    throw error
  }
  throw new Error('The change was not refused')
}

const ownersOf = (db: Db, eventId: string) => db.eventRole.count({ where: { eventId, role: 'OWNER' } })

describe.each(providers)('staff management on %s', (provider) => {
  const test = useAppInstances(provider)

  describe('adding a person', () => {
    it('gives an existing account the role at once, emails them a link to the page the role opens, and audits it', async () => {
      const { db } = test
      const { event, owner } = await staffedEvent(db)
      const aino = await createUser(db, 'Aino Virtanen')
      const added = await addStaffMember(db, { event, actorId: owner.id, email: `  ${aino.email.toUpperCase()} `, role: 'VETTING_OFFICER' })
      expect(added).toEqual({ outcome: 'added', name: 'Aino Virtanen', email: aino.email, role: 'VETTING_OFFICER' })

      const role = await db.eventRole.findFirstOrThrow({
        where: { eventId: event.id, userId: aino.id },
        select: { id: true, role: true, grantedById: true },
      })
      expect(role).toMatchObject({ role: 'VETTING_OFFICER', grantedById: owner.id })
      const staff = await listEventStaff(db, event.id)
      expect(staff.members.map((member) => [member.user.name, member.role, member.grantedBy])).toEqual([
        ['Olga Owner', 'OWNER', null],
        ['Oscar Organiser', 'ORGANISER', 'Olga Owner'],
        ['Aino Virtanen', 'VETTING_OFFICER', 'Olga Owner'],
      ])

      const [email, ...others] = await findQueuedEmails(db, { where: { eventId: event.id, toEmail: aino.email } })
      expect(others).toEqual([])
      expect(email!.subject).toBe(`You have been added as Vetting officer of ${title}`)
      expect(email!.userId).toBe(aino.id)
      expect(email!.idempotencyKey).toBe(`staff-added:${event.id}:${aino.email}:VETTING_OFFICER:${role.id}`)
      expect(email!.text).toContain('Dear Aino Virtanen')
      expect(email!.text).toContain('Olga Owner added you to the staff')
      expect(email!.text).toContain(`/events/${event.slug}/manage/vetting`)
      expect(email!.html).toContain(`/events/${event.slug}/manage/vetting"`)

      const [entry] = (await listAuditLog(db, event.id, parseAuditQuery(new URLSearchParams({ category: 'staff' })), 'Europe/Brussels')).entries
      expect(entry).toMatchObject({ label: 'Added a person to the staff', actor: 'Olga Owner', entityType: 'EventRole', entityId: role.id })
      expect(entry!.details).toContain(`Email: ${aino.email}`)
      expect(entry!.details).toContain('Role: vetting officer')
    })

    it('refuses a person already on the staff with a message next to the address, and writes nothing', async () => {
      const { db } = test
      const { event, owner, organiser } = await staffedEvent(db)
      const before = await snapshot(db, event.id)
      expect(await refusal(addStaffMember(db, { event, actorId: owner.id, email: organiser.email, role: 'CHECK_IN' }))).toMatchObject({
        reason: 'conflict',
        code: 'already-staff',
        field: 'email',
        message: `${organiser.email} is already on the staff as Organiser. Change their role in the staff table instead.`,
      })
      expect(await snapshot(db, event.id)).toEqual(before)
    })

    it('invites an address with no account, once, and the invitation becomes the role at its first sign-in', async () => {
      const { db } = test
      const { event, organiser } = await staffedEvent(db)
      const address = newAddress()
      const invited = await addStaffMember(db, { event, actorId: organiser.id, email: address.toUpperCase(), role: 'VETTING_OFFICER' })
      expect(invited).toEqual({ outcome: 'invited', name: '', email: address, role: 'VETTING_OFFICER' })
      expect(await db.user.count({ where: { email: address } })).toBe(0)

      const staff = await listEventStaff(db, event.id)
      expect(staff.invitations).toMatchObject([{ email: address, role: 'VETTING_OFFICER', invitedBy: 'Oscar Organiser' }])
      const invitation = staff.invitations[0]!
      const email = await findQueuedEmail(db, { where: { eventId: event.id, toEmail: address } })
      expect(email.subject).toBe(`You are invited to join ${title} as Vetting officer`)
      expect(email.idempotencyKey).toBe(`staff-invited:${event.id}:${address}:VETTING_OFFICER:${invitation.id}`)
      expect(email.userId).toBeNull()
      expect(email.text).toContain(`sign in to Muster with this address, ${address}`)
      const signInLink = `/sign-in?redirectTo=${encodeURIComponent(`/events/${event.slug}/manage/vetting`)}`
      expect(email.text).toContain(signInLink)

      // Inviting the address again is refused next to the field; nothing more is sent.
      expect(await refusal(addStaffMember(db, { event, actorId: organiser.id, email: address, role: 'CHECK_IN' }))).toMatchObject({
        reason: 'conflict',
        code: 'already-invited',
        field: 'email',
      })
      expect(await db.outboxMessage.count({ where: { toEmail: address } })).toBe(1)

      // The person follows the link: sign-in by emailed code creates the account and the role.
      await requestSignIn(db, { email: address, redirectTo: `/events/${event.slug}/manage/vetting` })
      const signInEmail = await findQueuedEmail(db, { where: { toEmail: address, kind: 'sign-in' } })
      const signedIn = await signInWithCode(db, { email: address, code: signInEmail.text.match(/\b(\d{6})\b/)![1]! })
      expect(signedIn).toMatchObject({ ok: true, redirectTo: `/events/${event.slug}/manage/vetting` })
      const user = await db.user.findUniqueOrThrow({ where: { email: address }, select: { id: true } })
      expect(await db.eventRole.findMany({ where: { eventId: event.id, userId: user.id }, select: { role: true, grantedById: true } })).toEqual([
        { role: 'VETTING_OFFICER', grantedById: organiser.id },
      ])
      expect(await db.staffInvitation.count({ where: { email: address } })).toBe(0)
      const accepted = await db.auditLogEntry.findFirstOrThrow({
        where: { eventId: event.id, action: 'staff.invitation-accepted' },
        select: { actorId: true, data: true },
      })
      expect(accepted).toEqual({ actorId: user.id, data: { email: address, role: 'VETTING_OFFICER' } })
      const [entry] = (await listAuditLog(db, event.id, parseAuditQuery(new URLSearchParams({ category: 'staff' })), 'Europe/Brussels')).entries
      expect(entry!.label).toBe('Accepted a staff invitation by signing in')
    })

    it('accepts every invitation for the address, on any event, when an existing account signs in, and only once when two sign-ins race', async () => {
      const { db } = test
      const first = await staffedEvent(db)
      const second = await staffedEvent(db)
      const person = await createUser(db, 'Already Registered')
      // Invitations for an address that has an account (written directly: the page adds such people at once).
      for (const { event, owner } of [first, second]) {
        await db.staffInvitation.create({ data: { eventId: event.id, email: person.email, role: 'CHECK_IN', invitedById: owner.id } })
      }
      const outcomes = await Promise.all(
        [0, 1].map((index) => acceptStaffInvitations(test.instance(index), { userId: person.id, email: person.email })),
      )
      expect(outcomes.map((outcome) => outcome.accepted).sort()).toEqual([0, 2])
      for (const { event } of [first, second]) {
        expect(await db.eventRole.findMany({ where: { eventId: event.id, userId: person.id }, select: { role: true } })).toEqual([
          { role: 'CHECK_IN' },
        ])
        expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'staff.invitation-accepted' } })).toBe(1)
      }
      expect(await db.staffInvitation.count({ where: { email: person.email } })).toBe(0)
      // With nothing waiting, signing in again changes nothing.
      expect(await acceptStaffInvitations(db, { userId: person.id, email: person.email })).toEqual({ accepted: 0 })
    })

    it('sends the same grant one email, and a new grant after a removal its own', async () => {
      const { db } = test
      const { event, owner } = await staffedEvent(db)
      const person = await createUser(db, 'Twice Added')
      await addStaffMember(db, { event, actorId: owner.id, email: person.email, role: 'CHECK_IN' })
      const role = await db.eventRole.findFirstOrThrow({ where: { eventId: event.id, userId: person.id }, select: { id: true } })
      await removeStaffMember(db, { eventId: event.id, actorId: owner.id, staffRoleId: role.id })
      await addStaffMember(db, { event, actorId: owner.id, email: person.email, role: 'CHECK_IN' })
      const keys = (await findQueuedEmails(db, { where: { toEmail: person.email } })).map((email) => email.idempotencyKey)
      expect(new Set(keys).size).toBe(2)
    })
  })

  describe('who may do what', () => {
    it('lets an organiser manage organisers, vetting officers and check-in staff', async () => {
      const { db } = test
      const { event, organiser } = await staffedEvent(db)
      const person = await createUser(db, 'Vera Vetting')
      await addStaffMember(db, { event, actorId: organiser.id, email: person.email, role: 'VETTING_OFFICER' })
      const row = await db.eventRole.findFirstOrThrow({ where: { eventId: event.id, userId: person.id }, select: { id: true } })
      expect(await changeStaffRole(db, { eventId: event.id, actorId: organiser.id, staffRoleId: row.id, role: 'ORGANISER' })).toMatchObject({
        fromRole: 'VETTING_OFFICER',
        role: 'ORGANISER',
        changed: true,
      })
      expect(await changeStaffRole(db, { eventId: event.id, actorId: organiser.id, staffRoleId: row.id, role: 'ORGANISER' })).toMatchObject({
        changed: false,
      })
      await removeStaffMember(db, { eventId: event.id, actorId: organiser.id, staffRoleId: row.id })
      expect(await db.eventRole.count({ where: { eventId: event.id, userId: person.id } })).toBe(0)

      const changes = (await listAuditLog(db, event.id, parseAuditQuery(new URLSearchParams({ category: 'staff' })), 'Europe/Brussels')).entries
      expect(changes.map((entry) => entry.label)).toEqual(['Removed a person from the staff', 'Changed a staff role', 'Added a person to the staff'])
      expect(changes[1]!.details).toBe(`Was: vetting officer · Now: organiser · Email: ${person.email}`)
    })

    it('refuses an organiser who grants owner, or changes, removes or un-invites an owner, next to the field, and writes nothing', async () => {
      const { db } = test
      const { event, organiser, ownerRole, organiserRole, owner } = await staffedEvent(db)
      const person = await createUser(db, 'Would Be Owner')
      await db.staffInvitation.create({ data: { eventId: event.id, email: newAddress(), role: 'OWNER', invitedById: owner.id } })
      const ownerInvitation = await db.staffInvitation.findFirstOrThrow({ where: { eventId: event.id }, select: { id: true } })
      const before = await snapshot(db, event.id)
      const ownerOnly = { reason: 'forbidden', code: 'owner-only' }
      const actor = { eventId: event.id, actorId: organiser.id }
      expect(await refusal(addStaffMember(db, { event, actorId: organiser.id, email: person.email, role: 'OWNER' }))).toMatchObject({
        ...ownerOnly,
        field: 'role',
      })
      expect(await refusal(addStaffMember(db, { event, actorId: organiser.id, email: newAddress(), role: 'OWNER' }))).toMatchObject({
        ...ownerOnly,
        field: 'role',
      })
      expect(await refusal(changeStaffRole(db, { ...actor, staffRoleId: ownerRole.id, role: 'CHECK_IN' }))).toMatchObject({
        ...ownerOnly,
        field: 'role',
      })
      expect(await refusal(changeStaffRole(db, { ...actor, staffRoleId: organiserRole.id, role: 'OWNER' }))).toMatchObject({
        ...ownerOnly,
        field: 'role',
      })
      expect(await refusal(removeStaffMember(db, { ...actor, staffRoleId: ownerRole.id }))).toMatchObject({ ...ownerOnly, field: null })
      expect(await refusal(cancelStaffInvitation(db, { ...actor, invitationId: ownerInvitation.id }))).toMatchObject(ownerOnly)
      expect(await snapshot(db, event.id)).toEqual(before)
    })

    it('refuses vetting officers, check-in staff, strangers and the staff of another event, and writes nothing', async () => {
      const { db } = test
      const { event, organiserRole, grant } = await staffedEvent(db)
      const vetting = await createUser(db, 'Vetting Officer')
      const checkIn = await createUser(db, 'Check-in Person')
      const stranger = await createUser(db, 'Stranger')
      await grant(vetting.id, 'VETTING_OFFICER')
      await grant(checkIn.id, 'CHECK_IN')
      const other = await staffedEvent(db)
      const before = await snapshot(db, event.id)
      for (const actor of [vetting, checkIn, stranger, other.owner]) {
        const notManager = { reason: 'forbidden', code: 'not-manager' }
        expect(await refusal(addStaffMember(db, { event, actorId: actor.id, email: newAddress(), role: 'CHECK_IN' }))).toMatchObject(notManager)
        expect(
          await refusal(changeStaffRole(db, { eventId: event.id, actorId: actor.id, staffRoleId: organiserRole.id, role: 'CHECK_IN' })),
        ).toMatchObject(notManager)
        expect(await refusal(removeStaffMember(db, { eventId: event.id, actorId: actor.id, staffRoleId: organiserRole.id }))).toMatchObject(
          notManager,
        )
      }
      expect(await snapshot(db, event.id)).toEqual(before)
    })

    it('lets a platform administrator with no role on the event act as an owner', async () => {
      const { db } = test
      const { event, organiserRole } = await staffedEvent(db)
      const admin = await db.user.create({ data: { email: newAddress(), name: 'Platform Admin', isPlatformAdmin: true }, select: { id: true } })
      await changeStaffRole(db, { eventId: event.id, actorId: admin.id, staffRoleId: organiserRole.id, role: 'OWNER' })
      expect(await ownersOf(db, event.id)).toBe(2)
      await addStaffMember(db, { event, actorId: admin.id, email: newAddress(), role: 'OWNER' })
      expect(await db.staffInvitation.count({ where: { eventId: event.id, role: 'OWNER' } })).toBe(1)
    })

    it('answers ids of another event’s staff and invitations with not-found, and changes neither event', async () => {
      const { db } = test
      const { event, owner } = await staffedEvent(db)
      const other = await staffedEvent(db)
      await addStaffMember(db, { event: other.event, actorId: other.owner.id, email: newAddress(), role: 'CHECK_IN' })
      const otherInvitation = await db.staffInvitation.findFirstOrThrow({ where: { eventId: other.event.id }, select: { id: true } })
      const before = [await snapshot(db, event.id), await snapshot(db, other.event.id)]
      const actor = { eventId: event.id, actorId: owner.id }
      for (const attempt of [
        () => changeStaffRole(db, { ...actor, staffRoleId: other.organiserRole.id, role: 'CHECK_IN' }),
        () => removeStaffMember(db, { ...actor, staffRoleId: other.ownerRole.id }),
        () => cancelStaffInvitation(db, { ...actor, invitationId: otherInvitation.id }),
        () => removeStaffMember(db, { ...actor, staffRoleId: 'no-such-role' }),
      ]) {
        expect(await refusal(attempt())).toMatchObject({ reason: 'not-found' })
      }
      expect([await snapshot(db, event.id), await snapshot(db, other.event.id)]).toEqual(before)
    })

    it('cancels a pending invitation, so signing in with the address gives no role', async () => {
      const { db } = test
      const { event, organiser } = await staffedEvent(db)
      const address = newAddress()
      await addStaffMember(db, { event, actorId: organiser.id, email: address, role: 'CHECK_IN' })
      const invitation = await db.staffInvitation.findFirstOrThrow({ where: { eventId: event.id }, select: { id: true } })
      expect(await cancelStaffInvitation(db, { eventId: event.id, actorId: organiser.id, invitationId: invitation.id })).toEqual({
        email: address,
        role: 'CHECK_IN',
      })
      expect(await refusal(cancelStaffInvitation(db, { eventId: event.id, actorId: organiser.id, invitationId: invitation.id }))).toMatchObject({
        reason: 'not-found',
      })
      const user = await createUser(db)
      expect(await acceptStaffInvitations(db, { userId: user.id, email: address })).toEqual({ accepted: 0 })
      expect(await db.auditLogEntry.count({ where: { eventId: event.id, action: 'staff.invitation-cancelled' } })).toBe(1)
    })
  })

  describe('the last owner', () => {
    it('cannot be demoted or removed, by themselves or a platform administrator; one of two can', async () => {
      const { db } = test
      const { event, owner, ownerRole, organiser, grant } = await staffedEvent(db)
      const admin = await db.user.create({ data: { email: newAddress(), name: 'Platform Admin', isPlatformAdmin: true }, select: { id: true } })
      const before = await snapshot(db, event.id)
      const lastOwner = { reason: 'conflict', code: 'last-owner', message: 'Olga Owner is the event’s last owner. Make someone else an owner first.' }
      for (const actorId of [owner.id, admin.id]) {
        expect(await refusal(changeStaffRole(db, { eventId: event.id, actorId, staffRoleId: ownerRole.id, role: 'ORGANISER' }))).toMatchObject({
          ...lastOwner,
          field: 'role',
        })
        expect(await refusal(removeStaffMember(db, { eventId: event.id, actorId, staffRoleId: ownerRole.id }))).toMatchObject(lastOwner)
      }
      expect(await snapshot(db, event.id)).toEqual(before)

      await grant(organiser.id, 'OWNER', owner.id)
      await changeStaffRole(db, { eventId: event.id, actorId: owner.id, staffRoleId: ownerRole.id, role: 'ORGANISER' })
      expect(await ownersOf(db, event.id)).toBe(1)
    })

    it.each([
      ['each owner demotes the other', 'demote', 'each other'],
      ['each owner demotes themselves', 'demote', 'themselves'],
      ['each owner removes the other', 'remove', 'each other'],
      ['two administrators remove one owner each', 'remove', 'admins'],
    ] as const)(
      'survives two changes at once: %s',
      async (_name, change, actors) => {
        const { db } = test
        const rounds = 6
        for (let round = 0; round < rounds; round++) {
          const { event, owner, ownerRole, grant } = await staffedEvent(db)
          const second = await createUser(db, 'Second Owner')
          const secondRole = await grant(second.id, 'OWNER', owner.id)
          const admins = await Promise.all(
            [0, 1].map(() => db.user.create({ data: { email: newAddress(), name: 'Admin', isPlatformAdmin: true }, select: { id: true } })),
          )
          const targets = [ownerRole.id, secondRole.id]
          const actorIds =
            actors === 'each other' ? [second.id, owner.id] : actors === 'themselves' ? [owner.id, second.id] : admins.map((admin) => admin.id)
          const outcomes = await Promise.allSettled(
            targets.map((staffRoleId, index) => {
              const input = { eventId: event.id, actorId: actorIds[index]!, staffRoleId }
              const instance = test.instance(index)
              return change === 'demote' ? changeStaffRole(instance, { ...input, role: 'ORGANISER' }) : removeStaffMember(instance, input)
            }),
          )
          expect(await ownersOf(db, event.id), `round ${round}`).toBe(1)
          const refused = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason)
          expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
          expect(refused).toHaveLength(1)
          // The loser is told why: the other change left one owner, or it took away their own right to change owners.
          expect(refused[0]).toBeInstanceOf(DomainError)
          expect(['last-owner', 'owner-only', 'not-manager', 'not-found']).toContain(
            (refused[0] as DomainError).code ?? (refused[0] as DomainError).reason,
          )
          const changed = await db.auditLogEntry.count({ where: { eventId: event.id, action: { in: ['staff.role-changed', 'staff.removed'] } } })
          expect(changed).toBe(1)
        }
      },
      120_000,
    )
  })
})
