// The event's audit log: who changed what, and who looked at what is sensitive (a vetting record,
// an export). Writes are rows in the same transaction as the change where there is one; reads
// are for the organisers' console page, newest first, in pages.
import type { Db, DbTransaction } from '#app/lib/db-client.server.ts'
import { addDaysToDateKey, startOfCalendarDay } from '#app/lib/time.ts'
import { AUDIT_PAGE_SIZE, auditActionLabels, auditDetailLabels, type AuditQuery } from './audit.ts'

export async function recordAudit(
  db: Db | DbTransaction,
  /** actorId null: the system did it (a scheduled job, a command). eventId null: a platform change (roles at /admin). */
  entry: { eventId: string | null; actorId: string | null; action: string; entityType: string; entityId: string; data?: Record<string, unknown>; ipAddress?: string | null },
) {
  return db.auditLogEntry.create({
    data: {
      eventId: entry.eventId,
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      data: (entry.data ?? undefined) as never,
      ipAddress: entry.ipAddress ?? null,
    },
    select: { id: true },
  })
}

/** Who asked for an export: every download is in the event's audit log. */
export type ExportDownloader = { userId: string; ipAddress: string | null }

/** Records a download of personal data: the file, how many rows of what, and the filters it was made with. */
export function recordExportDownload(
  db: Db,
  input: { eventId: string; downloadedBy: ExportDownloader; file: string; rows: Partial<Record<'meetings' | 'registrations', number>>; filters?: string },
) {
  return recordAudit(db, {
    eventId: input.eventId,
    actorId: input.downloadedBy.userId,
    action: 'export.downloaded',
    entityType: 'Event',
    entityId: input.eventId,
    data: { file: input.file, ...input.rows, ...(input.filters ? { filters: input.filters } : {}) },
    ipAddress: input.downloadedBy.ipAddress,
  })
}

/**
 * Records that a person opened something sensitive. Reloads and revalidations within ten
 * minutes count as the same look, so the log says who looked, not how often the page refreshed.
 */
export async function recordView(
  db: Db,
  entry: { eventId: string; actorId: string; action: string; entityType: string; entityId: string; ipAddress?: string | null },
  now = new Date(),
) {
  const recent = await db.auditLogEntry.findFirst({
    where: { eventId: entry.eventId, actorId: entry.actorId, action: entry.action, entityId: entry.entityId, createdAt: { gt: new Date(now.getTime() - 10 * 60_000) } },
    select: { id: true },
  })
  if (!recent) await recordAudit(db, entry)
}

export async function listAuditLog(db: Db, eventId: string, query: AuditQuery, timeZone: string) {
  // Days are the event's: "from 24 March" starts at midnight in its zone (01:00 where clocks skip midnight).
  const dayStart = (key: string | null, days = 0) => (key ? startOfCalendarDay(addDaysToDateKey(key, days), timeZone) : null)
  const from = dayStart(query.from)
  const until = dayStart(query.to, 1)
  const where = {
    eventId,
    ...(query.category ? { action: { startsWith: `${query.category}.` } } : {}),
    ...(query.actor ? { actorId: query.actor === 'system' ? null : query.actor } : {}),
    ...(from || until ? { createdAt: { ...(from ? { gte: from } : {}), ...(until ? { lt: until } : {}) } } : {}),
  }
  const total = await db.auditLogEntry.count({ where })
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
  const page = Math.min(query.page, pageCount)
  const entries = await db.auditLogEntry.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: { id: true, action: true, entityType: true, entityId: true, data: true, ipAddress: true, createdAt: true, actor: { select: { name: true, email: true } } },
  })
  return {
    total,
    page,
    pageCount,
    entries: entries.map(({ actor, data, ...entry }) => ({
      ...entry,
      label: auditActionLabels[entry.action] ?? entry.action,
      // People are erased, never deleted: an entry without an actor was written by a scheduled job.
      actor: actor ? actor.name || actor.email : 'Muster (scheduled)',
      details: describeDetails(data),
    })),
  }
}

/** The entry's details as short "Label: value" text; nested values are summarised, never dumped. */
function describeDetails(data: unknown) {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null
  const entries = Object.entries(data as Record<string, unknown>)
  // "Was" and "Now" first, in that order, whatever order the database kept.
  const rank = (key: string) => ['fromStatus', 'toStatus', 'fromRole', 'toRole'].indexOf(key) >>> 0
  entries.sort(([a], [b]) => rank(a) - rank(b))
  const parts = entries.map(([key, value]) => {
    const label = auditDetailLabels[key] ?? key
    if (value === null || value === undefined) return `${label}: none`
    if (typeof value === 'string') return `${label}: ${(/^[A-Z_]+$/.test(value) ? value.toLowerCase().replace(/_/g, ' ') : value).slice(0, 160)}`
    if (typeof value === 'number' || typeof value === 'boolean') return `${label}: ${String(value)}`
    return `${label}: ${Array.isArray(value) ? `${value.length} items` : 'changed'}`
  })
  return parts.length ? parts.slice(0, 6).join(' · ') : null
}

/** Everyone who appears in the event's log as having acted, for the person filter; "system" when jobs acted too. */
export async function listAuditActors(db: Db, eventId: string) {
  const actors = await db.auditLogEntry.groupBy({ by: ['actorId'], where: { eventId }, _count: { _all: true } })
  const people = await db.user.findMany({
    where: { id: { in: actors.flatMap((row) => (row.actorId ? [row.actorId] : [])) } },
    orderBy: [{ name: 'asc' }, { email: 'asc' }],
    select: { id: true, name: true, email: true },
  })
  return {
    people: people.map((person) => ({ id: person.id, label: person.name || person.email })),
    system: actors.some((row) => row.actorId === null),
  }
}
