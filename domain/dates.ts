import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

// Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving), so a
// fixed offset is exact and avoids depending on Intl time-zone data, which
// mini-program JavaScript engines do not all ship.
const SHANGHAI_OFFSET_MINUTES = 8 * 60

/** A calendar day in Asia/Shanghai, written YYYY-MM-DD; it sorts as text. */
export type DayString = string

export function inShanghai(instant: Date | number | string = Date.now()): Dayjs {
  return dayjs(instant).utcOffset(SHANGHAI_OFFSET_MINUTES)
}

export function shanghaiDay(instant: Date | number = Date.now()): DayString {
  return inShanghai(instant).format('YYYY-MM-DD')
}

/** The instant a Shanghai day starts (00:00 +08:00). */
export function startOfShanghaiDay(day: DayString): Date {
  return new Date(`${day}T00:00:00+08:00`)
}

export function addDays(day: DayString, days: number): DayString {
  return dayjs.utc(`${day}T00:00:00Z`).add(days, 'day').format('YYYY-MM-DD')
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DayString, to: DayString): number {
  return dayjs.utc(`${to}T00:00:00Z`).diff(dayjs.utc(`${from}T00:00:00Z`), 'day')
}

export function isDayString(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  return dayjs.utc(`${value}T00:00:00Z`).format('YYYY-MM-DD') === value
}

export function formatShanghai(instant: Date | number, pattern = 'YYYY-MM-DD HH:mm'): string {
  return inShanghai(instant).format(pattern)
}

/** 2月28日 (with the year when it is not the year of `reference`). */
export function monthDay(day: DayString, reference?: DayString): string {
  const [year, month, date] = day.split('-').map(Number)
  const prefix = reference && reference.slice(0, 4) !== day.slice(0, 4) ? `${year}年` : ''
  return `${prefix}${month}月${date}日`
}

/** 2021年2月3日 */
export function chineseDate(day: DayString): string {
  const [year, month, date] = day.split('-').map(Number)
  return `${year}年${month}月${date}日`
}
