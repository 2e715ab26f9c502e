// Platform roles: administrators (who grant roles) and event creators (who may create events).
// An administrator grants and revokes "event creator" at /admin; the first administrator comes
// from the command line (scripts/admin-grant.ts). Each change is audited with no event.
import { recordAudit } from '#app/domain/audit/audit.server.ts'
import { isUniqueViolation, type Db, type DbTransaction } from '#app/lib/db-client.server.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { platformRoleInSentence, type PlatformRole } from './platform-roles.ts'

type Actor = { actorId: string | null; ipAddress?: string | null }

const roleColumn = { ADMIN: 'isPlatformAdmin', EVENT_CREATOR: 'isEventCreator' } as const satisfies Record<PlatformRole, string>

/** The account with this address, created (as at a first sign-in) when there is none yet. */
async function findOrCreateAccount(db: Db, email: string) {
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, erasedAt: true } })
  if (existing?.erasedAt) throw new DomainError('conflict', 'This account was erased; it cannot be given a role.', { field: 'email' })
  if (existing) return existing.id
  try {
    return (await db.user.create({ data: { email, name: '' }, select: { id: true } })).id
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id
  }
}

/** Grants a platform role to the person with this address; their account is made if they have none yet. */
export async function grantPlatformRole(db: Db, input: Actor & { email: string; role: PlatformRole }) {
  const email = input.email.trim().toLowerCase()
  const userId = await findOrCreateAccount(db, email)
  const column = roleColumn[input.role]
  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: userId, [column]: false }, data: { [column]: true } })
    if (updated.count === 0) throw new DomainError('conflict', `${email} is already ${platformRoleInSentence[input.role]}.`, { field: 'email', code: 'already-held' })
    await recordAudit(tx, { eventId: null, actorId: input.actorId, action: 'platform.role_granted', entityType: 'User', entityId: userId, data: { email, role: input.role }, ipAddress: input.ipAddress })
    return { userId, email }
  })
}

/** Revokes a platform role. The last administrator keeps theirs, so the installation always has one. */
export async function revokePlatformRole(db: Db, input: Actor & { userId: string; role: PlatformRole }) {
  const column = roleColumn[input.role]
  return db.$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: input.userId }, select: { email: true, [column]: true } })
    if (!person || !person[column]) throw new DomainError('not-found', 'This person does not hold that role.')
    if (input.role === 'ADMIN') await lockAdministrators(tx)
    await tx.user.update({ where: { id: input.userId }, data: { [column]: false }, select: { id: true } })
    if (input.role === 'ADMIN' && (await tx.user.count({ where: { isPlatformAdmin: true, erasedAt: null } })) === 0) {
      throw new DomainError('conflict', 'This is the last platform administrator. Make someone else an administrator first.')
    }
    await recordAudit(tx, { eventId: null, actorId: input.actorId, action: 'platform.role_revoked', entityType: 'User', entityId: input.userId, data: { email: person.email, role: input.role }, ipAddress: input.ipAddress })
    return { email: person.email }
  })
}

/**
 * Takes the write lock of every administrator's row, one by one in id order (so two revocations
 * never wait on each other crosswise). Two administrators revoking each other at once then run
 * one after the other, and the second counts after the first has committed: without this, under
 * PostgreSQL's READ COMMITTED each counted the other still an administrator and both succeeded,
 * leaving none. SQLite has one writer at a time, so there it changes nothing.
 */
async function lockAdministrators(tx: DbTransaction) {
  const administrators = await tx.user.findMany({ where: { isPlatformAdmin: true }, orderBy: { id: 'asc' }, select: { id: true } })
  for (const { id } of administrators) {
    await tx.user.updateMany({ where: { id, isPlatformAdmin: true }, data: { isPlatformAdmin: true } })
  }
}

/** Everyone holding a platform role, found by part of their address or name when `search` is given. */
export async function listPlatformRoleHolders(db: Db, search = '') {
  const term = search.trim().toLowerCase()
  const people = await db.user.findMany({
    where: {
      erasedAt: null,
      OR: [{ isPlatformAdmin: true }, { isEventCreator: true }],
      ...(term ? { AND: [{ OR: [{ email: { contains: term } }, { name: { contains: term } }] }] } : {}),
    },
    orderBy: { email: 'asc' },
    take: 200,
    select: { id: true, email: true, name: true, isPlatformAdmin: true, isEventCreator: true },
  })
  return people.map(({ isPlatformAdmin, isEventCreator, ...person }) => ({
    ...person,
    roles: [...(isPlatformAdmin ? (['ADMIN'] as const) : []), ...(isEventCreator ? (['EVENT_CREATOR'] as const) : [])],
  }))
}

/** The latest platform role changes, newest first, for the administration page. */
export async function listPlatformRoleChanges(db: Db, take = 20) {
  const entries = await db.auditLogEntry.findMany({
    where: { eventId: null, action: { startsWith: 'platform.' } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, action: true, data: true, createdAt: true, actor: { select: { email: true, name: true } } },
  })
  return entries.map(({ data, ...entry }) => {
    const details = (data ?? {}) as { email?: string; role?: PlatformRole }
    return { ...entry, email: details.email ?? '', role: details.role ?? null }
  })
}
