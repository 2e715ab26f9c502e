// An outbox message's delivery status as a badge (development mailbox).
import type { OutboxStatus } from '#prisma/generated/sqlite/enums.ts'

const statusBadges: Record<OutboxStatus, { label: string; className: string }> = {
  PENDING: { label: 'Pending', className: 'badge' },
  SENDING: { label: 'Sending', className: 'badge' },
  SENT: { label: 'Sent', className: 'badge badge--success' },
  CAPTURED: { label: 'Captured', className: 'badge badge--success' },
  FAILED: { label: 'Failed', className: 'badge badge--danger' },
}

export function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  const badge = statusBadges[status]
  return <span className={badge.className}>{badge.label}</span>
}
