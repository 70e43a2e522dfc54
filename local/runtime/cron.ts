// CloudBase timer triggers use a 7-field cron: second minute hour day month
// weekday year. Times are read in Asia/Shanghai, as CloudBase does.

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

interface FieldRule {
  name: string
  min: number
  max: number
  names?: string[]
  /** Index of names[0]: months are 1-based, weekdays 0-based. */
  nameBase?: number
}

const FIELDS: FieldRule[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'weekday', min: 0, max: 6, names: WEEKDAYS, nameBase: 0 },
  { name: 'year', min: 1970, max: 2199 },
]

export interface CronSchedule {
  source: string
  fields: Set<number>[]
  /** Whether day and weekday were restricted (not * or ?). */
  dayRestricted: boolean
  weekdayRestricted: boolean
}

export class CronError extends Error {}

export function parseCron(source: string): CronSchedule {
  const parts = source.trim().split(/\s+/)
  if (parts.length !== 7) throw new CronError(`定时触发器要 7 个字段（秒 分 时 日 月 星期 年），这里有 ${parts.length} 个：${source}`)
  const fields = parts.map((part, index) => parseField(part, FIELDS[index]))
  return {
    source,
    fields,
    dayRestricted: !isWildcard(parts[3]),
    weekdayRestricted: !isWildcard(parts[5]),
  }
}

function isWildcard(part: string): boolean {
  return part === '*' || part === '?'
}

function parseField(part: string, rule: FieldRule): Set<number> {
  const values = new Set<number>()
  for (const item of part.split(',')) {
    const [rangePart, stepPart] = item.split('/')
    const step = stepPart === undefined ? 1 : Number(stepPart)
    if (!Number.isInteger(step) || step < 1) throw new CronError(`${rule.name} 字段的步长无效：${item}`)
    let from: number
    let to: number
    if (rangePart === '*' || rangePart === '?') {
      from = rule.min
      to = rule.max
    } else if (rangePart.includes('-')) {
      const [a, b] = rangePart.split('-')
      from = parseValue(a, rule)
      to = parseValue(b, rule)
    } else {
      from = parseValue(rangePart, rule)
      to = stepPart === undefined ? from : rule.max
    }
    if (from > to) throw new CronError(`${rule.name} 字段的范围无效：${item}`)
    for (let value = from; value <= to; value += step) values.add(value)
  }
  return values
}

function parseValue(text: string, rule: FieldRule): number {
  const upper = text.toUpperCase()
  if (rule.names?.includes(upper)) return rule.names.indexOf(upper) + (rule.nameBase ?? 0)
  if (!/^\d+$/.test(text)) throw new CronError(`${rule.name} 字段的值无效：${text}`)
  const value = Number(text)
  if (value < rule.min || value > rule.max) throw new CronError(`${rule.name} 字段超出范围 ${rule.min}-${rule.max}：${text}`)
  return value
}

/** The first firing strictly after `after`, or null if there is none (e.g. a past year). */
export function nextFiring(schedule: CronSchedule, after: Date): Date | null {
  const [seconds, minutes, hours, days, months, weekdays, years] = schedule.fields
  // Walk a clock shifted to Shanghai time, read with the UTC getters.
  let t = Math.floor((after.getTime() + SHANGHAI_OFFSET_MS) / 1000) * 1000 + 1000
  const limit = t + 5 * 366 * 24 * 60 * 60 * 1000
  while (t < limit) {
    const d = new Date(t)
    if (!years.has(d.getUTCFullYear())) {
      t = Date.UTC(d.getUTCFullYear() + 1, 0, 1)
      continue
    }
    if (!months.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
      continue
    }
    if (!dayMatches(schedule, days, weekdays, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
      continue
    }
    if (!hours.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1)
      continue
    }
    if (!minutes.has(d.getUTCMinutes())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes() + 1)
      continue
    }
    if (!seconds.has(d.getUTCSeconds())) {
      t += 1000
      continue
    }
    return new Date(t - SHANGHAI_OFFSET_MS)
  }
  return null
}

// As in classic cron: when both day and weekday are restricted, either may match.
function dayMatches(schedule: CronSchedule, days: Set<number>, weekdays: Set<number>, d: Date): boolean {
  const dayOk = days.has(d.getUTCDate())
  const weekdayOk = weekdays.has(d.getUTCDay())
  if (schedule.dayRestricted && schedule.weekdayRestricted) return dayOk || weekdayOk
  return dayOk && weekdayOk
}
