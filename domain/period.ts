import { daysBetween } from './dates'
import { day } from './fields'

// A period is from..to, both days included; its problems are reported on `to`.

export const periodEntries = { from: day('开始日期'), to: day('结束日期') }

interface Period {
  from: string
  to: string
}

export const isOrdered = (period: Period) => daysBetween(period.from, period.to) >= 0
export const TO_BEFORE_FROM = '结束日期不能早于开始日期'
export const fitsIn = (period: Period, maxDays: number) => daysBetween(period.from, period.to) < maxDays
export const tooLong = (maxDays: number) => `时间范围最长${maxDays}天，请缩短后重试`
