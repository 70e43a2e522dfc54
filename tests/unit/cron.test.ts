import { CronError, nextFiring, parseCron } from '../../local/runtime/cron'

describe('7-field timer cron, read in Asia/Shanghai', () => {
  it('fires a weekday 09:00 trigger at 01:00 UTC on the next weekday', () => {
    const schedule = parseCron('0 0 9 * * MON-FRI *')
    // Friday 2026-11-27 10:00 Shanghai -> Monday 2026-11-30 09:00 Shanghai.
    expect(nextFiring(schedule, new Date('2026-11-27T02:00:00Z'))?.toISOString()).toBe('2026-11-30T01:00:00.000Z')
  })

  it('fires a nightly trigger at 03:30 Shanghai time', () => {
    const schedule = parseCron('0 30 3 * * * *')
    expect(nextFiring(schedule, new Date('2026-11-27T12:00:00Z'))?.toISOString()).toBe('2026-11-27T19:30:00.000Z')
  })

  it('supports steps, lists and a fixed year', () => {
    expect(nextFiring(parseCron('*/15 * * * * * *'), new Date('2026-01-01T00:00:07Z'))?.toISOString()).toBe('2026-01-01T00:00:15.000Z')
    expect(nextFiring(parseCron('0 0 12 1,15 * * 2027'), new Date('2026-11-27T00:00:00Z'))?.toISOString()).toBe('2027-01-01T04:00:00.000Z')
    expect(nextFiring(parseCron('0 0 0 1 1 * 2020'), new Date('2026-01-01T00:00:00Z'))).toBeNull()
  })

  it('refuses a 5- or 6-field cron and out-of-range values, saying which field', () => {
    expect(() => parseCron('0 9 * * 1')).toThrow(CronError)
    expect(() => parseCron('0 0 25 * * * *')).toThrow(/hour/)
    expect(() => parseCron('0 0 9 * * FUNDAY *')).toThrow(/weekday/)
  })
})
