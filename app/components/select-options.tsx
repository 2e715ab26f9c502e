// The option lists several forms share, each written once: countries (one list, one spelling of
// every name), organisation kinds, and capabilities grouped by category.
import { organisationKindLabels, organisationKinds } from '#app/domain/registration/registration-form.ts'
import { countryOptions } from '#app/lib/countries.ts'

/** `empty` is the first option's text, the one that means "none chosen" or "any". */
export function CountryOptions({ empty }: { empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {countryOptions.map((country) => (
        <option key={country.value} value={country.value}>
          {country.label}
        </option>
      ))}
    </>
  )
}

export function OrganisationKindOptions({ empty }: { empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {organisationKinds.map((kind) => (
        <option key={kind} value={kind}>
          {organisationKindLabels[kind]}
        </option>
      ))}
    </>
  )
}

type CapabilityGroupOption = { category: string; capabilities: readonly { id: string; label: string }[] }

export function CapabilityOptions({ empty, groups }: { empty: string; groups: readonly CapabilityGroupOption[] }) {
  return (
    <>
      <option value="">{empty}</option>
      {groups.map((group) => (
        <optgroup key={group.category} label={group.category}>
          {group.capabilities.map((capability) => (
            <option key={capability.id} value={capability.id}>
              {capability.label}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  )
}
