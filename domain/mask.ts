/** 张* / 欧阳** : the family name stays so a cadre can recognise the entry. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return ''
  const keep = chars.length >= 4 ? 2 : 1
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(chars.length - keep, 1))
}

/** Keeps the village and group, hides the house number: 新华村3组** */
export function maskAddress(address: string): string {
  const match = /^(.*?(?:\d+组|\d+栋|\d+幢))/.exec(address)
  if (match && match[1].length < address.length) return `${match[1]}**`
  const chars = [...address]
  const keep = Math.max(Math.ceil(chars.length / 2), 1)
  return chars.slice(0, keep).join('') + '**'
}
