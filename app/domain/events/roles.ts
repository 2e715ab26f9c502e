// Who may do what on an event. A role grants its own capabilities and those of the roles
// below it: an owner can do everything, an organiser everything but manage owners.
export const eventRoles = ['OWNER', 'ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'] as const
export type EventRole = (typeof eventRoles)[number]

export const eventRoleLabels: Record<EventRole, string> = {
  OWNER: 'Owner',
  ORGANISER: 'Organiser',
  VETTING_OFFICER: 'Vetting officer',
  CHECK_IN: 'Check-in staff',
}

/** What each role lets a person do, completing "lets you …" (the staff page and the staff email say it). */
export const eventRoleDuties: Record<EventRole, string> = {
  OWNER: 'run every part of the event, including who its owners are',
  ORGANISER: 'run the event: registrations, agenda, matchmaking, check-in and staff other than owners',
  VETTING_OFFICER: 'review registrations and approve, reject or wait-list them',
  CHECK_IN: 'check attendees in at the door',
}

const rolesGrantedBy: Record<EventRole, readonly EventRole[]> = {
  OWNER: ['OWNER', 'ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'],
  ORGANISER: ['ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'],
  VETTING_OFFICER: ['VETTING_OFFICER'],
  CHECK_IN: ['CHECK_IN'],
}

/**
 * The staff roles a person may grant, change and remove on an event: an owner (and a platform
 * administrator, who acts as one) any, an organiser every role below owner, anyone else none.
 */
export function staffRolesManagedBy(held: readonly EventRole[], isPlatformAdmin: boolean): readonly EventRole[] {
  if (isPlatformAdmin || held.includes('OWNER')) return eventRoles
  if (held.includes('ORGANISER')) return rolesGrantedBy.ORGANISER
  return []
}

/** True when any of the held roles grants one of the required roles. */
export function holdsAnyRole(held: readonly EventRole[], required: readonly EventRole[]) {
  return held.some((role) => rolesGrantedBy[role].some((granted) => required.includes(granted)))
}

/** The parts of an event's staff console a person may open, for its navigation. */
export function consoleAccess(held: readonly EventRole[], isPlatformAdmin: boolean) {
  const may = (role: EventRole) => isPlatformAdmin || holdsAnyRole(held, [role])
  return { overview: may('ORGANISER'), vetting: may('VETTING_OFFICER'), checkIn: may('CHECK_IN') }
}

/** Whether the console has any page for this person: staff of the event in some role, or a platform administrator. */
export function opensConsole(access: ConsoleAccess) {
  return access.overview || access.vetting || access.checkIn
}

export type ConsoleAccess = ReturnType<typeof consoleAccess>

/** The first console page a role may open: a vetting officer's is the queue, check-in staff's the door. */
export function consoleHomePath(slug: string, held: readonly EventRole[], isPlatformAdmin = false) {
  const access = consoleAccess(held, isPlatformAdmin)
  if (access.overview) return `/events/${slug}/manage`
  if (access.vetting) return `/events/${slug}/manage/vetting`
  if (access.checkIn) return `/events/${slug}/manage/check-in`
  return `/events/${slug}`
}
