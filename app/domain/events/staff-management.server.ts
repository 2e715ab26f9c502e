// An event's staff as its owners and organisers manage it: who holds which role, invitations
// for addresses with no account yet (they become roles at the first sign-in with the address),
// and the changes, each audited and, for a new role, emailed through the outbox.
//
// Every change runs in a transaction that first locks the event's row, so changes to one
// event's staff run one after another on every instance: two people demoting the last two
// owners at once cannot leave the event with none. The person acting is read again inside that
// transaction, so a role taken away a moment ago grants nothing.
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import { queueEmail } from '#app/domain/messages/queued-email.server.ts'
import { busyTransactionOptions, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { env } from '#app/lib/env.server.ts'
import { consoleHomePath, eventRoleDuties, eventRoleLabels, eventRoles, staffRolesManagedBy, type EventRole } from './roles.ts'
import type { StaffEvent } from './staff.server.ts'

export type StaffRefusalCode = 'not-manager' | 'role-not-granted' | 'owner-only' | 'last-owner' | 'already-staff' | 'already-invited'

type Person = { name: string; email: string }
/** What the email names and links to. */
type EmailedEvent = Pick<StaffEvent, 'id' | 'slug' | 'title'>

/** A name to show for a person: their name, or their address until they give one. */
const displayName = (person: Person) => person.name || person.email

/** The event's staff, highest role first, and its pending invitations, newest first. */
export async function listEventStaff(db: Db, eventId: string) {
  const [members, invitations] = await Promise.all([
    db.eventRole.findMany({
      where: { eventId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, role: true, createdAt: true, user: { select: { name: true, email: true } }, grantedBy: { select: { name: true, email: true } } },
    }),
    db.staffInvitation.findMany({
      where: { eventId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true, email: true, role: true, createdAt: true, invitedBy: { select: { name: true, email: true } } },
    }),
  ])
  // Enums sort by declaration on PostgreSQL and by name on SQLite: order by rank here instead.
  const rank = (role: EventRole) => eventRoles.indexOf(role)
  return {
    members: members
      .sort((a, b) => rank(a.role) - rank(b.role))
      .map(({ grantedBy, ...member }) => ({ ...member, grantedBy: grantedBy ? displayName(grantedBy) : null })),
    invitations: invitations.map(({ invitedBy, ...invitation }) => ({ ...invitation, invitedBy: invitedBy ? displayName(invitedBy) : null })),
  }
}

/**
 * Gives `email` a role on the event: at once when the address has an account, else as an
 * invitation that becomes the role at its first sign-in. Either way the address is emailed.
 */
export async function addStaffMember(db: Db, input: { event: EmailedEvent; actorId: string; email: string; role: EventRole; now?: Date }) {
  const { event, role } = input
  const email = input.email.trim().toLowerCase()
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const actor = await lockForManager(tx, event.id, input.actorId)
    mayManage(actor, role, 'role')
    const account = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } })
    if (account) {
      const held = await tx.eventRole.findFirst({ where: { eventId: event.id, userId: account.id }, select: { role: true } })
      if (held) {
        throw new DomainError('conflict', `${email} is already on the staff as ${eventRoleLabels[held.role]}. Change their role in the staff table instead.`, {
          field: 'email',
          code: 'already-staff',
        })
      }
      const granted = await tx.eventRole.create({ data: { eventId: event.id, userId: account.id, role, grantedById: actor.id, createdAt: now }, select: { id: true } })
      await recordAudit(tx, { eventId: event.id, actorId: actor.id, action: 'staff.added', entityType: 'EventRole', entityId: granted.id, data: { email, role } })
      await queueStaffEmail(tx, { kind: 'added', event, grantId: granted.id, role, grantedBy: actor, to: account })
      return { outcome: 'added' as const, name: account.name, email, role }
    }
    const pending = await tx.staffInvitation.findUnique({ where: { eventId_email: { eventId: event.id, email } }, select: { role: true } })
    if (pending) {
      throw new DomainError('conflict', `${email} already has a pending invitation as ${eventRoleLabels[pending.role]}. Cancel it first to invite them with another role.`, {
        field: 'email',
        code: 'already-invited',
      })
    }
    const invitation = await tx.staffInvitation.create({ data: { eventId: event.id, email, role, invitedById: actor.id, createdAt: now }, select: { id: true } })
    await recordAudit(tx, { eventId: event.id, actorId: actor.id, action: 'staff.invited', entityType: 'StaffInvitation', entityId: invitation.id, data: { email, role } })
    await queueStaffEmail(tx, { kind: 'invited', event, grantId: invitation.id, role, grantedBy: actor, to: { name: '', email } })
    return { outcome: 'invited' as const, name: '', email, role }
  }, busyTransactionOptions)
}

/** Replaces the role of one staff row (a person holds one role per event on the staff page). */
export async function changeStaffRole(db: Db, input: { eventId: string; actorId: string; staffRoleId: string; role: EventRole; now?: Date }) {
  const { eventId, role } = input
  return db.$transaction(async (tx) => {
    const actor = await lockForManager(tx, eventId, input.actorId)
    const member = await findMember(tx, eventId, input.staffRoleId)
    mayManage(actor, member.role, 'role')
    mayManage(actor, role, 'role')
    const result = { name: member.user.name, email: member.user.email, fromRole: member.role, role }
    if (member.role === role) return { ...result, changed: false }
    if (member.role === 'OWNER') await keepAnOwner(tx, eventId, member)
    const other = await tx.eventRole.findFirst({ where: { eventId, userId: member.userId, role }, select: { id: true } })
    if (other) {
      throw new DomainError('conflict', `${displayName(member.user)} already holds the role ${eventRoleLabels[role]} in another row of the table.`, { field: 'role', code: 'already-staff' })
    }
    await tx.eventRole.update({ where: { id: member.id }, data: { role, grantedById: actor.id, createdAt: input.now ?? new Date() }, select: { id: true } })
    await recordAudit(tx, {
      eventId,
      actorId: actor.id,
      action: 'staff.role-changed',
      entityType: 'EventRole',
      entityId: member.id,
      data: { email: member.user.email, fromRole: member.role, toRole: role },
    })
    return { ...result, changed: true }
  }, busyTransactionOptions)
}

/** Takes a role away: the person leaves the staff (in this UI a person holds one role per event). */
export async function removeStaffMember(db: Db, input: { eventId: string; actorId: string; staffRoleId: string }) {
  const { eventId } = input
  return db.$transaction(async (tx) => {
    const actor = await lockForManager(tx, eventId, input.actorId)
    const member = await findMember(tx, eventId, input.staffRoleId)
    mayManage(actor, member.role, null)
    if (member.role === 'OWNER') await keepAnOwner(tx, eventId, member)
    await tx.eventRole.delete({ where: { id: member.id }, select: { id: true } })
    await recordAudit(tx, { eventId, actorId: actor.id, action: 'staff.removed', entityType: 'EventRole', entityId: member.id, data: { email: member.user.email, role: member.role } })
    return { name: member.user.name, email: member.user.email, role: member.role }
  }, busyTransactionOptions)
}

/** Withdraws a pending invitation: signing in with the address no longer gives the role. */
export async function cancelStaffInvitation(db: Db, input: { eventId: string; actorId: string; invitationId: string }) {
  const { eventId } = input
  return db.$transaction(async (tx) => {
    const actor = await lockForManager(tx, eventId, input.actorId)
    const invitation = await tx.staffInvitation.findFirst({ where: { id: input.invitationId, eventId }, select: { id: true, email: true, role: true } })
    if (!invitation) throw new DomainError('not-found', 'There is no such invitation for this event: it may have been accepted or cancelled already.')
    mayManage(actor, invitation.role, null)
    await tx.staffInvitation.delete({ where: { id: invitation.id }, select: { id: true } })
    await recordAudit(tx, {
      eventId,
      actorId: actor.id,
      action: 'staff.invitation-cancelled',
      entityType: 'StaffInvitation',
      entityId: invitation.id,
      data: { email: invitation.email, role: invitation.role },
    })
    return { email: invitation.email, role: invitation.role }
  }, busyTransactionOptions)
}

/**
 * At sign-in: the invitations waiting for this address, on any event, become the person's
 * roles, in one transaction. Costs one indexed query when there are none (nearly always).
 */
export async function acceptStaffInvitations(db: Db, input: { userId: string; email: string; now?: Date }) {
  const email = input.email.toLowerCase()
  if ((await db.staffInvitation.count({ where: { email } })) === 0) return { accepted: 0 }
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    let accepted = 0
    for (const invitation of await tx.staffInvitation.findMany({ where: { email }, orderBy: { id: 'asc' }, select: { id: true, eventId: true, role: true, invitedById: true } })) {
      await lockEvent(tx, invitation.eventId)
      // A second tab signing in at the same moment, or a cancellation, took it first.
      const taken = await tx.staffInvitation.deleteMany({ where: { id: invitation.id } })
      if (taken.count === 0) continue
      // Added by an organiser meanwhile: the role they were given stands, the invitation goes.
      if (await tx.eventRole.findFirst({ where: { eventId: invitation.eventId, userId: input.userId }, select: { id: true } })) continue
      const granted = await tx.eventRole.create({
        data: { eventId: invitation.eventId, userId: input.userId, role: invitation.role, grantedById: invitation.invitedById, createdAt: now },
        select: { id: true },
      })
      await recordAudit(tx, {
        eventId: invitation.eventId,
        actorId: input.userId,
        action: 'staff.invitation-accepted',
        entityType: 'EventRole',
        entityId: granted.id,
        data: { email, role: invitation.role },
      })
      accepted++
    }
    return { accepted }
  }, busyTransactionOptions)
}

// ---------- Rules ----------

type Manager = { id: string; name: string; email: string; manages: readonly EventRole[] }

/** Locks the event's row for the rest of the transaction (a no-op update, on both engines). */
async function lockEvent(tx: DbTransaction, eventId: string) {
  const locked = await tx.$executeRaw`UPDATE "Event" SET "slug" = "slug" WHERE "id" = ${eventId}`
  if (locked === 0) throw new DomainError('not-found', 'There is no such event.')
}

/** Locks the event, then reads who is acting and the roles they may manage now; refuses anyone who manages none. */
async function lockForManager(tx: DbTransaction, eventId: string, actorId: string): Promise<Manager> {
  await lockEvent(tx, eventId)
  const actor = await tx.user.findUnique({
    where: { id: actorId },
    select: { id: true, name: true, email: true, isPlatformAdmin: true, eventRoles: { where: { eventId }, select: { role: true } } },
  })
  const manages = actor ? staffRolesManagedBy(actor.eventRoles.map((held) => held.role), actor.isPlatformAdmin) : []
  if (!actor || manages.length === 0) throw new DomainError('forbidden', 'Only the event’s owners and organisers can manage its staff.', { code: 'not-manager' })
  return { id: actor.id, name: actor.name, email: actor.email, manages }
}

function mayManage(actor: Manager, role: EventRole, field: string | null) {
  if (actor.manages.includes(role)) return
  if (role === 'OWNER') throw new DomainError('forbidden', 'Only an owner can make someone an owner, or change or remove an owner.', { field, code: 'owner-only' })
  throw new DomainError('forbidden', `You cannot grant the role ${eventRoleLabels[role]}.`, { field, code: 'role-not-granted' })
}

async function findMember(tx: DbTransaction, eventId: string, staffRoleId: string) {
  const member = await tx.eventRole.findFirst({
    where: { id: staffRoleId, eventId },
    select: { id: true, role: true, userId: true, user: { select: { name: true, email: true } } },
  })
  if (!member) throw new DomainError('not-found', 'This person is not on this event’s staff: they may have been removed already.')
  return member
}

/** Refuses to take the owner role away from the event's last owner (the event row is locked, so the count holds). */
async function keepAnOwner(tx: DbTransaction, eventId: string, member: { id: string; user: Person }) {
  const others = await tx.eventRole.count({ where: { eventId, role: 'OWNER', id: { not: member.id } } })
  if (others === 0) {
    throw new DomainError('conflict', `${displayName(member.user)} is the event’s last owner. Make someone else an owner first.`, { field: 'role', code: 'last-owner' })
  }
}

async function queueStaffEmail(
  tx: DbTransaction,
  input: { kind: 'added' | 'invited'; event: EmailedEvent; grantId: string; role: EventRole; grantedBy: Person; to: Person & { id?: string } },
) {
  const home = consoleHomePath(input.event.slug, [input.role])
  const path = input.kind === 'added' ? home : `/sign-in?${new URLSearchParams({ redirectTo: home })}`
  await queueEmail(tx, {
    // One message per grant: a role granted, removed and granted again is a new grant with its own id.
    idempotencyKey: `staff-${input.kind}:${input.event.id}:${input.to.email}:${input.role}:${input.grantId}`,
    kind: `staff-${input.kind}`,
    to: { email: input.to.email, name: input.to.name || null },
    email: {
      template: 'staff-invitation',
      props: {
        kind: input.kind,
        recipientName: input.to.name || null,
        email: input.to.email,
        eventTitle: input.event.title,
        roleLabel: eventRoleLabels[input.role],
        roleDuties: eventRoleDuties[input.role],
        grantedBy: displayName(input.grantedBy),
        url: new URL(path, env.APP_URL).toString(),
      },
    },
    eventId: input.event.id,
    userId: input.to.id ?? null,
  })
}
