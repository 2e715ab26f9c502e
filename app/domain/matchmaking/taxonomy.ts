// The capability taxonomy as people read it: grouped by category, in the organisers' order,
// children under their parent. Pure, shared by server and browser.

export type TaxonomyCapability = { id: string; label: string; category: string; parentId: string | null; position: number }

export type CapabilityGroup = { category: string; capabilities: (TaxonomyCapability & { depth: number })[] }

/** Categories in the order of their first capability; within one, parents before their children. */
export function groupCapabilities(capabilities: readonly TaxonomyCapability[]): CapabilityGroup[] {
  const byPosition = [...capabilities].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label, 'en'))
  const known = new Set(byPosition.map((capability) => capability.id))
  const childrenOf = new Map<string, TaxonomyCapability[]>()
  for (const capability of byPosition) {
    if (capability.parentId && known.has(capability.parentId)) {
      childrenOf.set(capability.parentId, [...(childrenOf.get(capability.parentId) ?? []), capability])
    }
  }
  const groups = new Map<string, CapabilityGroup>()
  const place = (capability: TaxonomyCapability, depth: number) => {
    let group = groups.get(capability.category)
    if (!group) {
      group = { category: capability.category, capabilities: [] }
      groups.set(capability.category, group)
    }
    group.capabilities.push({ ...capability, depth })
    for (const child of childrenOf.get(capability.id) ?? []) place(child, depth + 1)
  }
  for (const capability of byPosition) {
    if (!capability.parentId || !known.has(capability.parentId)) place(capability, 0)
  }
  return [...groups.values()]
}
