// The platform roles' names and words, shared by the administration page and the server.
export const platformRoles = ['ADMIN', 'EVENT_CREATOR'] as const
export type PlatformRole = (typeof platformRoles)[number]

export const platformRoleLabels: Record<PlatformRole, string> = {
  ADMIN: 'Platform administrator',
  EVENT_CREATOR: 'Event creator',
}

/** "a platform administrator", "an event creator": for sentences. */
export const platformRoleInSentence: Record<PlatformRole, string> = {
  ADMIN: 'a platform administrator',
  EVENT_CREATOR: 'an event creator',
}
