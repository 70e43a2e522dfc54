import { checkPlaces, hasPlace, mapPlaceHeader, placeKindOf, placeNameKey, placesProgress } from '../../domain/activities'
import { addDays } from '../../domain/dates'
import { draftErrors, emptyDraft, toPayload } from '../../src/features/activities/form/activity-draft'

describe('key places', () => {
  it('reads the kinds a village list writes, and names one place once whatever the spacing', () => {
    expect(placeKindOf('农贸市场')).toBe('market')
    expect(placeKindOf(' 小区/楼栋 ')).toBe('residential')
    expect(placeKindOf('信用社')).toBe('bank')
    expect(placeKindOf('游乐场')).toBeNull()
    expect(placeNameKey('market', '新华 集贸市场')).toBe(placeNameKey('market', '新华集贸市场'))
    expect(placeNameKey('market', '新华集贸市场')).not.toBe(placeNameKey('other', '新华集贸市场'))
  })

  it('checks every row and lists each problem by line', () => {
    const header = mapPlaceHeader(['类型', '名称', '地址'])
    const { rows, problems } = checkPlaces(
      [
        ['网吧', '星空网咖', '场镇'],
        ['', '', ''],
        ['游乐场', '欢乐谷', ''],
        ['网吧', '星空 网咖', ''],
        ['银行', 'x'.repeat(41), ''],
      ],
      header,
    )
    expect(rows.map((row) => row.line)).toEqual([2])
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'kind'],
      [5, 'name'],
      [6, 'name'],
    ])
  })
})

describe('coverage of places', () => {
  const campaign = { startDay: '2026-09-01', milestones: [{ day: '2026-12-31', targetPercent: 100 }] }
  const counters = {
    totals: [{ total: 4, byKind: { market: 2, bank: 2 } }, { total: 1, byKind: { market: 1 } }],
    coverage: [{ covered: 2, byKind: { market: 2 }, activities: 7, reached: 120 }],
  }

  it('is the share of listed places, per kind, with no status without a target', () => {
    expect(placesProgress(counters, campaign, '2026-11-30')).toEqual({
      total: 5,
      covered: 2,
      percent: 40,
      targetPercent: null,
      status: null,
      statusLabel: null,
      byKind: [
        { kind: 'market', label: '集贸市场', total: 3, covered: 2, percent: 66.7 },
        { kind: 'bank', label: '银行网点', total: 2, covered: 0, percent: 0 },
      ],
      activities: 7,
      reached: 120,
    })
  })

  it('is judged with the household words against a target', () => {
    expect(placesProgress(counters, { ...campaign, placeTargetPercent: 40 }, '2026-11-30')).toMatchObject({ status: 'met', statusLabel: '已达标' })
    expect(placesProgress(counters, { ...campaign, placeTargetPercent: 100 }, '2026-12-20')).toMatchObject({ status: 'far_behind' })
    expect(placesProgress(counters, { ...campaign, placeTargetPercent: 100 }, addDays('2026-09-01', 30)).statusLabel).toBe('进度正常')
  })
})

describe('the activity form', () => {
  it('asks for a place for banners and a place or a venue for talks', () => {
    expect(hasPlace({ kind: 'banner', venue: '院坝' })).toBe(false)
    expect(hasPlace({ kind: 'talk', venue: '院坝' })).toBe(true)
    expect(hasPlace({ kind: 'talk', placeId: 'p-1', newPlace: {} })).toBe(false)
  })

  it("gives the function's messages by field, and the payload it takes", () => {
    const draft = { ...emptyDraft('v-1', '2026-11-30'), kind: 'poster' as const, place: { mode: 'new' as const, kind: null, name: '', address: '' }, reached: 'x' }
    expect(draftErrors(draft)).toMatchObject({ placeKind: '请选择场所类型', reached: '人数或数量应为数字', photos: '张贴海报、悬挂横幅至少要拍1张照片' })
    const ready = { ...draft, place: { mode: 'listed' as const, placeId: 'p-1' }, reached: '6', photos: ['wxfile://a.jpg'], venue: 'ignored' }
    expect(draftErrors(ready)).toEqual({})
    expect(toPayload(ready)).toEqual({ villageId: 'v-1', kind: 'poster', placeId: 'p-1', heldOn: '2026-11-30', reached: 6, venue: '', note: '' })
  })
})
