// The matchmaking profile form's rules: one Zod schema the browser (Conform) and the server
// share. Whether capability and item ids exist is checked by profiles.server.ts. Pure.
import { z } from 'zod'
import { recordIdSchema } from '#app/lib/record-id.ts'

export const marketplaceKinds = ['OFFER', 'NEED', 'PARTNERSHIP'] as const
export type MarketplaceKind = (typeof marketplaceKinds)[number]

export const marketplaceKindLabels: Record<MarketplaceKind, string> = {
  OFFER: 'Offer',
  NEED: 'Need',
  PARTNERSHIP: 'Partnership request',
}

export const PROFILE_LIMITS = {
  headline: 120,
  about: 2000,
  tags: 10,
  tag: 40,
  capabilities: 30,
  items: 12,
  itemTitle: 120,
  itemDescription: 1000,
} as const

const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Keep it under ${max} characters`)

const id = recordIdSchema

/**
 * One post as the form sends it. The form always ends with an empty post to fill in, so a post
 * with neither title nor description (and no id) is ignored, and one ticked "remove" is dropped.
 */
const marketplaceItemInput = z.object({
  id: id.optional(),
  remove: z.boolean().optional(),
  kind: z.enum(marketplaceKinds, { error: 'Choose offer, need or partnership request' }).optional(),
  title: z.string().trim().max(PROFILE_LIMITS.itemTitle, `Keep it under ${PROFILE_LIMITS.itemTitle} characters`).optional(),
  description: z.string().trim().max(PROFILE_LIMITS.itemDescription, `Keep it under ${PROFILE_LIMITS.itemDescription} characters`).optional(),
  capabilityId: id.optional(),
})

type MarketplaceItemInput = z.output<typeof marketplaceItemInput>
/** A kept post; `remove` is always unset here, and stays in the type for the form's field list. */
export type MarketplaceItemValues = { id?: string; remove?: boolean; kind: MarketplaceKind; title: string; description: string; capabilityId?: string }

const isBlank = (item: MarketplaceItemInput) => !item.id && !item.title && !item.description
const isKept = (item: MarketplaceItemInput) => !item.remove && !isBlank(item)

const marketplaceItemsSchema = z
  .array(marketplaceItemInput)
  .max(PROFILE_LIMITS.items + 1, `Post at most ${PROFILE_LIMITS.items} offers, needs and partnership requests`)
  .optional()
  .superRefine((items, context) => {
    items?.forEach((item, index) => {
      if (!isKept(item)) return
      if (!item.kind) context.addIssue({ code: 'custom', path: [index, 'kind'], message: 'Choose offer, need or partnership request' })
      if (!item.title) context.addIssue({ code: 'custom', path: [index, 'title'], message: 'Enter a title' })
      if (!item.description) context.addIssue({ code: 'custom', path: [index, 'description'], message: 'Enter a description' })
    })
    if ((items ?? []).filter(isKept).length > PROFILE_LIMITS.items) {
      context.addIssue({ code: 'custom', message: `Post at most ${PROFILE_LIMITS.items} offers, needs and partnership requests` })
    }
  })
  .transform((items) => (items ?? []).filter(isKept) as MarketplaceItemValues[])

/** Free tags typed as one comma-separated line; stored as a list without duplicates. */
const freeTagsSchema = z
  .string()
  .max(PROFILE_LIMITS.tags * (PROFILE_LIMITS.tag + 2), `Keep it to ${PROFILE_LIMITS.tags} short tags`)
  .optional()
  .transform((text) => {
    const seen = new Set<string>()
    const tags: string[] = []
    for (const tag of (text ?? '').split(',').map((part) => part.trim().replace(/\s+/g, ' '))) {
      if (tag && !seen.has(tag.toLowerCase())) {
        seen.add(tag.toLowerCase())
        tags.push(tag)
      }
    }
    return tags
  })
  .refine((tags) => tags.length <= PROFILE_LIMITS.tags, `Use at most ${PROFILE_LIMITS.tags} tags`)
  .refine((tags) => tags.every((tag) => tag.length <= PROFILE_LIMITS.tag), `Keep each tag under ${PROFILE_LIMITS.tag} characters`)

export const profileFormSchema = z.object({
  optedIn: z.boolean().optional().transform((value) => value ?? false),
  headline: requiredText('a headline', PROFILE_LIMITS.headline),
  about: z.string().trim().max(PROFILE_LIMITS.about, `Keep it under ${PROFILE_LIMITS.about} characters`).optional(),
  technologyReadiness: z
    .number({ error: 'Enter a level from 1 to 9, or leave it empty' })
    .int('Enter a whole number from 1 to 9')
    .min(1, 'Technology readiness goes from 1 to 9')
    .max(9, 'Technology readiness goes from 1 to 9')
    .optional(),
  freeTags: freeTagsSchema,
  capabilityIds: z
    .array(id)
    .max(PROFILE_LIMITS.capabilities, `Choose at most ${PROFILE_LIMITS.capabilities} capabilities`)
    .optional()
    .transform((ids) => [...new Set(ids ?? [])]),
  items: marketplaceItemsSchema,
})

export type ProfileFormValues = z.output<typeof profileFormSchema>
