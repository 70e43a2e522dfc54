import { addDays, daysBetween, isDayString, shanghaiDay, startOfShanghaiDay } from '../../domain/dates'

describe('dates in Asia/Shanghai', () => {
  it('counts an evening in UTC as the next day in Shanghai', () => {
    expect(shanghaiDay(new Date('2026-02-27T16:00:00Z'))).toBe('2026-02-28')
    expect(shanghaiDay(new Date('2026-02-27T15:59:59Z'))).toBe('2026-02-27')
  })

  it('starts a Shanghai day at 16:00 UTC the day before', () => {
    expect(startOfShanghaiDay('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z')
  })

  it('adds days across month ends and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(daysBetween('2026-02-01', '2026-12-31')).toBe(333)
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1)
  })

  it('accepts only real calendar days', () => {
    expect(isDayString('2026-02-28')).toBe(true)
    expect(isDayString('2026-02-30')).toBe(false)
    expect(isDayString('2026-2-3')).toBe(false)
  })
})
