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

const rolesGrantedBy: Record<EventRole, readonly EventRole[]> = {
  OWNER: ['OWNER', 'ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'],
  ORGANISER: ['ORGANISER', 'VETTING_OFFICER', 'CHECK_IN'],
  VETTING_OFFICER: ['VETTING_OFFICER'],
  CHECK_IN: ['CHECK_IN'],
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
