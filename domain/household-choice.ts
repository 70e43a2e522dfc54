// The household a visit is for, as the form holds it: one from the register,
// or one registered on the spot with 组 + 门牌号 + 户主. The visits form and the
// households picker both speak this type, so neither copies the other's.

export type HouseholdChoice =
  | { kind: 'registered'; id: string; address: string; headName: string; phone: string }
  | { kind: 'new'; group: string; door: string; headName: string; phone: string }
  | null

/** Where the picker shows each problem (also the FormField ids). */
export const HOUSEHOLD_FIELDS = ['household', 'newHousehold-group', 'newHousehold-door', 'newHousehold-headName', 'newHousehold-phone'] as const
export type HouseholdField = (typeof HOUSEHOLD_FIELDS)[number]
export type HouseholdErrors = Partial<Record<HouseholdField, string>>

/** What a page's household slot gets from the visit form (the picker implements it). */
export interface HouseholdSlotProps {
  village: { id: string; name: string; kind: 'village' | 'community' }
  value: HouseholdChoice
  onChange: (value: HouseholdChoice) => void
  errors: HouseholdErrors
}
