// Who takes part in an event's B2B meetings, stated once: a person not erased, with an approved
// registration for the event and an opted-in matchmaking profile there. Two shapes of the same
// rule for Prisma: from the person's side and from the profile's.

export function b2bParticipantWhere(eventId: string) {
  return {
    erasedAt: null,
    registrations: { some: { eventId, status: 'APPROVED' as const } },
    matchmakingProfiles: { some: { eventId, optedIn: true } },
  }
}

export function b2bParticipantProfileWhere(eventId: string) {
  return {
    eventId,
    optedIn: true,
    user: { erasedAt: null, registrations: { some: { eventId, status: 'APPROVED' as const } } },
  }
}
