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

// A run of digits that could be a phone, an ID-card or a bank-card number:
// groups of 3 or more digits, optionally joined by a space or a dash (as
// people write 138 1234 1234 or 023-47651042), and an ID card's final X.
const DIGIT_RUN = /[0-9０-９]{3,}(?:[\s\-－][0-9０-９]{3,})*[Xx]?/g
const DIGIT = /[0-9０-９Xx]/
/** Shorter runs (a house number, an amount, a year) stay as typed. */
const MIN_MASKED_DIGITS = 7

/**
 * Free text shown in a list (其他内容, a reason) with every phone- or
 * ID-number-like run masked like a phone: a number typed into a note is as
 * personal as the phone field. 138 1234 1234 → 138 **** 1234.
 */
export function maskFreeText(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const digits = [...run].filter((ch) => DIGIT.test(ch)).length
    if (digits < MIN_MASKED_DIGITS) return run
    const keepStart = digits >= 11 ? 3 : 0
    const keepEnd = 4
    let seen = 0
    return [...run]
      .map((ch) => {
        if (!DIGIT.test(ch)) return ch
        seen += 1
        return seen <= keepStart || seen > digits - keepEnd ? ch : '*'
      })
      .join('')
  })
}
