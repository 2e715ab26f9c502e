// The audit log's words and its page's query: pure, shared by the console page and the
// database side (audit.server.ts).
import { z } from 'zod'

export const AUDIT_PAGE_SIZE = 50

/** What each kind of entry says, in words; an unknown action is shown as it is stored. */
export const auditActionLabels: Record<string, string> = {
  'event.created': 'Created the event',
  'event.details_changed': 'Changed the event’s details',
  'event.venue_changed': 'Moved the event to a new venue and told its registrants',
  'event.cancelled': 'Cancelled the event and told everyone registered',
  'question.added': 'Added a registration question',
  'question.edited': 'Edited a registration question',
  'question.removed': 'Removed a registration question',
  'event.rescheduled': 'Moved the event to new dates or another time zone and told its registrants',
  'event.published': 'Published the event',
  'event.unpublished': 'Took the event back to draft',
  'event.registration_closed': 'Closed registration ahead of time',
  'event.capacity_changed': 'Changed the capacity',
  'event.retention_changed': 'Changed how long personal data is kept',
  'event.personal_data_purged': 'Purged answers and vetting notes after the retention period',
  'registration.viewed': 'Opened a vetting record',
  'registration.approved': 'Approved a registration',
  'registration.rejected': 'Rejected a registration',
  'registration.waitlisted': 'Put a registration on the waiting list',
  'registration.info_requested': 'Asked a registrant for more information',
  'export.downloaded': 'Downloaded an export',
  'session.created': 'Created a session',
  'session.edited': 'Edited a session',
  'session.changed': 'Changed a session and told attendees',
  'session.cancelled': 'Cancelled a session',
  'meeting.moved': 'Moved a meeting',
  'matchmaking.settings-changed': 'Changed matchmaking settings',
  'matchmaking.slot-length-changed': 'Changed the meeting length',
  'matchmaking.slots-generated': 'Generated meeting slots',
  'matchmaking.table-changed': 'Changed a meeting table',
  'matchmaking.table-count-changed': 'Changed the number of tables',
  'matchmaking.schedule-applied': 'Applied the meeting schedule',
  'staff.added': 'Added a person to the staff',
  'staff.invited': 'Invited an address to the staff',
  'staff.role-changed': 'Changed a staff role',
  'staff.removed': 'Removed a person from the staff',
  'staff.invitation-cancelled': 'Cancelled a staff invitation',
  'staff.invitation-accepted': 'Accepted a staff invitation by signing in',
  'message.sent': 'Sent a message to attendees',
  'message.cancelled': 'Cancelled a scheduled message',
}

/** The filter groups the page offers: an action's first word. */
export const auditCategories = ['registration', 'export', 'message', 'event', 'question', 'session', 'meeting', 'matchmaking', 'staff'] as const

/** The words for the keys entries' details use; others are shown as they are stored. */
export const auditDetailLabels: Record<string, string> = {
  fromStatus: 'Was',
  toStatus: 'Now',
  reason: 'Reason',
  file: 'File',
  meetings: 'Meetings',
  filters: 'Filters',
  recipients: 'Recipients',
  scheduledFor: 'Scheduled for',
  days: 'Days',
  capacity: 'Capacity',
  title: 'Title',
  registrations: 'Registrations',
  decisions: 'Decisions',
  retentionDays: 'Retention days',
  email: 'Email',
  role: 'Role',
  fromRole: 'Was',
  toRole: 'Now',
}

// A calendar day that exists ("2027-02-30" does not), or nothing.
const dayKey = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((key) => {
    const [year, month, day] = key.split('-').map(Number) as [number, number, number]
    const date = new Date(Date.UTC(year, month - 1, day))
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  })
  .nullable()
  .catch(null)

export const auditQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  category: z.enum(auditCategories).nullable().catch(null),
  /** Whose actions: a person's id, or "system" for scheduled jobs and commands. */
  actor: z.string().max(64).nullable().catch(null),
  /** The first and last day shown, in the event's zone, both included. */
  from: dayKey,
  to: dayKey,
})
export type AuditQuery = z.infer<typeof auditQuerySchema>

export function parseAuditQuery(searchParams: URLSearchParams): AuditQuery {
  const value = (name: string) => searchParams.get(name) || null
  return auditQuerySchema.parse({ page: searchParams.get('page') ?? 1, category: value('category'), actor: value('actor'), from: value('from'), to: value('to') })
}

/** The query as search parameters, for links that keep the filters (the pages). */
export function auditQueryParams(query: Omit<AuditQuery, 'page'>, page: number) {
  const params = new URLSearchParams()
  for (const name of ['category', 'actor', 'from', 'to'] as const) {
    const value = query[name]
    if (value) params.set(name, value)
  }
  params.set('page', String(page))
  return params
}
