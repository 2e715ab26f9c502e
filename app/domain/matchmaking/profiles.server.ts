// Matchmaking profiles: a person's own profile to edit, saving it (capabilities and
// marketplace items with it) in one transaction, and one participant's profile as others see
// it. Callers check access first (getMatchmakingAccess). The meeting counters on the profile
// belong to the meetings module and are never written here.
import { busyTransactionOptions, type Db } from '#app/lib/db-client.server.ts'
import type { ProfileFormValues } from './profile-form.ts'
import { getMatchSnapshot, reasonsFor } from './recommendations.server.ts'
import { groupCapabilities, type TaxonomyCapability } from './taxonomy.ts'
import { DomainError } from '#app/lib/domain-error.ts'
import { b2bParticipantProfileWhere } from './participants.ts'

export async function listCapabilities(db: Db): Promise<TaxonomyCapability[]> {
  return db.capability.findMany({
    orderBy: [{ position: 'asc' }, { label: 'asc' }],
    select: { id: true, label: true, category: true, parentId: true, position: true },
  })
}

const itemSelect = { id: true, kind: true, title: true, description: true, capabilityId: true } as const

export async function getOwnProfile(db: Db, { eventId, userId }: { eventId: string; userId: string }) {
  const profile = await db.matchmakingProfile.findUnique({
    where: { eventId_userId: { eventId, userId } },
    select: {
      optedIn: true,
      updatedAt: true,
      headline: true,
      about: true,
      technologyReadiness: true,
      freeTags: true,
      capabilities: { select: { capabilityId: true } },
      marketItems: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: itemSelect },
    },
  })
  if (!profile) return null
  return {
    optedIn: profile.optedIn,
    updatedAt: profile.updatedAt.toISOString(),
    headline: profile.headline,
    about: profile.about,
    technologyReadiness: profile.technologyReadiness,
    freeTags: tagsOf(profile.freeTags),
    capabilityIds: profile.capabilities.map((capability) => capability.capabilityId),
    items: profile.marketItems,
  }
}

/** The person's profile (null before the first save) and the taxonomy to choose from. */
export async function getProfileEditor(db: Db, { eventId, userId }: { eventId: string; userId: string }) {
  const [profile, capabilities] = await Promise.all([getOwnProfile(db, { eventId, userId }), listCapabilities(db)])
  return { profile, capabilityGroups: groupCapabilities(capabilities) }
}

function tagsOf(json: unknown) {
  return Array.isArray(json) ? json.filter((tag): tag is string => typeof tag === 'string') : []
}

/**
 * Creates or replaces the person's profile for the event: fields, capabilities and items.
 * Items keep their id when edited; items left out are removed. Capability ids must be in the
 * taxonomy and item ids must be the person's own, or nothing is written (an 'invalid' DomainError on the field).
 * Concurrent saves by the same person are serialised on the profile row (the upsert locks it
 * first), so the last one wins whole.
 */
export async function saveOwnProfile(db: Db, { eventId, userId, values }: { eventId: string; userId: string; values: ProfileFormValues }) {
  const capabilityIds = [...new Set([...values.capabilityIds, ...values.items.flatMap((item) => (item.capabilityId ? [item.capabilityId] : []))])]
  const known = new Set(
    (await db.capability.findMany({ where: { id: { in: capabilityIds } }, select: { id: true } })).map((capability) => capability.id),
  )
  if (values.capabilityIds.some((id) => !known.has(id))) {
    throw new DomainError('invalid', 'Choose capabilities from the list', { field: 'capabilityIds' })
  }
  const badItem = values.items.findIndex((item) => item.capabilityId !== undefined && !known.has(item.capabilityId))
  if (badItem >= 0) throw new DomainError('invalid', 'Choose a capability from the list', { field: `items[${badItem}].capabilityId` })

  const fields = {
    optedIn: values.optedIn,
    headline: values.headline,
    about: values.about ?? null,
    technologyReadiness: values.technologyReadiness ?? null,
    freeTags: values.freeTags,
  }
  return db.$transaction(async (tx) => {
    const profile = await tx.matchmakingProfile.upsert({
      where: { eventId_userId: { eventId, userId } },
      create: { eventId, userId, ...fields },
      update: fields,
      select: { id: true },
    })
    const existing = new Set((await tx.marketplaceItem.findMany({ where: { profileId: profile.id }, select: { id: true } })).map((item) => item.id))
    const foreignItem = values.items.findIndex((item) => item.id !== undefined && !existing.has(item.id))
    // Thrown inside the transaction, so the profile fields written above roll back too.
    if (foreignItem >= 0) throw new DomainError('invalid', 'This item is not yours to edit. Reload the page and try again.', { field: `items[${foreignItem}].title` })

    await tx.profileCapability.deleteMany({ where: { profileId: profile.id } })
    if (values.capabilityIds.length) {
      await tx.profileCapability.createMany({ data: values.capabilityIds.map((capabilityId) => ({ profileId: profile.id, capabilityId })) })
    }
    const kept = new Set(values.items.flatMap((item) => (item.id ? [item.id] : [])))
    await tx.marketplaceItem.deleteMany({ where: { profileId: profile.id, id: { notIn: [...kept] } } })
    for (const item of values.items) {
      const data = { kind: item.kind, title: item.title, description: item.description, capabilityId: item.capabilityId ?? null }
      if (item.id) await tx.marketplaceItem.update({ where: { id: item.id }, data, select: { id: true } })
      else await tx.marketplaceItem.create({ data: { ...data, eventId, profileId: profile.id }, select: { id: true } })
    }
    return { profileId: profile.id }
  }, busyTransactionOptions)
}

/**
 * One participant's profile as another participant or an organiser sees it; null for anyone
 * who is not a participant (no approved registration, or not opted in). No email, no answers.
 */
export async function getParticipantProfile(db: Db, { eventId, userId }: { eventId: string; userId: string }) {
  const organisationSelect = { id: true, name: true, kind: true, country: true, size: true, website: true, description: true } as const
  const profile = await db.matchmakingProfile.findFirst({
    where: { ...b2bParticipantProfileWhere(eventId), userId },
    select: {
      userId: true,
      headline: true,
      about: true,
      technologyReadiness: true,
      freeTags: true,
      user: {
        select: {
          name: true,
          jobTitle: true,
          // The organisation of their registration for this event, as its officers vetted it; never the account's.
          registrations: { where: { eventId }, take: 1, select: { organisation: { select: organisationSelect } } },
        },
      },
      capabilities: { select: { capability: { select: { id: true, label: true, category: true } } } },
      marketItems: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { ...itemSelect, capability: { select: { label: true } } } },
    },
  })
  if (!profile) return null
  return {
    userId: profile.userId,
    name: profile.user.name,
    jobTitle: profile.user.jobTitle,
    organisation: profile.user.registrations[0]?.organisation ?? null,
    headline: profile.headline,
    about: profile.about,
    technologyReadiness: profile.technologyReadiness,
    freeTags: tagsOf(profile.freeTags),
    capabilities: profile.capabilities.map((entry) => entry.capability).sort((a, b) => a.label.localeCompare(b.label, 'en')),
    items: profile.marketItems.map(({ capability, ...item }) => ({ ...item, capabilityLabel: capability?.label ?? null })),
  }
}

export type ParticipantProfile = NonNullable<Awaited<ReturnType<typeof getParticipantProfile>>>

/** A participant's profile with why they may interest the viewer; null when they are not a participant. */
export async function getProfileForViewer(db: Db, { eventId, userId, viewerUserId }: { eventId: string; userId: string; viewerUserId: string }) {
  const [profile, snapshot] = await Promise.all([getParticipantProfile(db, { eventId, userId }), getMatchSnapshot(db, eventId)])
  if (!profile) return null
  return { profile, reasons: reasonsFor(snapshot, viewerUserId, userId) }
}
