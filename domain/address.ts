// 入户标准地址: one household, one key. People write the same door many ways
// ("三组12号", "3组 12号", "3社12", "新华村3组12號"); the key makes them one, so
// the register never holds a household twice.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }

/** 十二 -> 12, 二十三 -> 23, 一百零五 -> 105, 三〇一 (read digit by digit) -> 301. */
export function chineseNumeral(text: string): number {
  if (![...text].some((ch) => ch in UNITS)) {
    return Number([...text].map((ch) => DIGITS[ch]).join(''))
  }
  let total = 0
  let digit = 0
  for (const ch of text) {
    if (ch in DIGITS) digit = DIGITS[ch]
    else {
      total += (digit || 1) * UNITS[ch]
      digit = 0
    }
  }
  return total + digit
}

export interface AddressContext {
  townName?: string
  villageName?: string
}

export interface NormalisedAddress {
  /** Compared for duplicates within a village, e.g. `3组12号`. */
  key: string
  /** 组 (村民小组) number when the address has one. */
  group: number | null
  /** The standard address as printed on the record: village + key. */
  label: string
}

export function normaliseAddress(raw: string, context: AddressContext = {}): NormalisedAddress | null {
  let text = raw.normalize('NFKC').replace(/[\s,，、.。·]/g, '')
  for (const prefix of [context.townName, context.villageName]) {
    if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length)
  }
  text = text
    .replace(/[零〇一二两三四五六七八九十百千]+/g, (run) => String(chineseNumeral(run)))
    .replace(/號/g, '号')
    .replace(/(\d+)(?:村民小组|小组|社|队)/g, '$1组')
    .replace(/(\d+)(?:号楼|幢|栋)/g, '$1栋')
    .replace(/(\d+)(?:号房|室)/g, '$1室')
    .replace(/^(\d+组)(\d+)$/, '$1$2号')
    .replace(/^0+(\d)/, '$1')
  if (!text || !/\d/.test(text)) return null
  const group = /^(\d+)组/.exec(text)
  return {
    key: text,
    group: group ? Number(group[1]) : null,
    label: `${context.villageName ?? ''}${text}`,
  }
}

/**
 * A household's address from the form's or the roster's two parts: 组 and
 * 门牌号. The door may repeat the group ("二组8号"); a group that contradicts
 * the 组 given is an error rather than a guess.
 */
export function householdAddress(
  group: number | null | undefined,
  door: string,
  context: AddressContext,
): { address: NormalisedAddress } | { problem: string } {
  const alone = normaliseAddress(door, context)
  if (!alone) return { problem: `门牌号“${door}”里没有号数，如“12号”或“2栋1单元301”` }
  if (alone.group !== null) {
    if (group && alone.group !== group) return { problem: `门牌号写的是${alone.group}组，与所选的${group}组不一致` }
    return { address: alone }
  }
  const withGroup = group ? normaliseAddress(`${group}组${alone.key}`, context) : alone
  return withGroup ? { address: withGroup } : { problem: `门牌号“${door}”无法识别` }
}

export interface AddressVillage {
  name: string
  kind: 'village' | 'community'
}

export const GROUP_REQUIRED = '请填写所在的组'

export interface AddressProblem {
  field: 'group' | 'door'
  message: string
}

/**
 * The standard address of a door in a village, from 组 and 门牌号 as the form,
 * the register and the roster file give them. A 村's households are counted by
 * 组, so their address must name one (in the 组 field or in the door itself,
 * "3组12号"); a 社区's need not. The form, the functions and the roster import
 * all ask this one function; it names every problem, group first.
 */
export function villageHouseholdAddress(
  village: AddressVillage,
  group: number | null | undefined,
  door: string,
  townName = '',
): { address: NormalisedAddress } | { problems: AddressProblem[] } {
  const parsed = householdAddress(group, door, { townName, villageName: village.name })
  const doorGroup = 'address' in parsed ? parsed.address.group : normaliseAddress(door, { townName, villageName: village.name })?.group ?? null
  const problems: AddressProblem[] = []
  if (village.kind === 'village' && !group && doorGroup === null) problems.push({ field: 'group', message: GROUP_REQUIRED })
  if ('problem' in parsed) problems.push({ field: 'door', message: parsed.problem })
  if (problems.length > 0 || 'problem' in parsed) return { problems }
  return parsed
}
