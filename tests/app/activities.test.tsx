import { fireEvent, render, waitFor } from '@testing-library/react'
import type { ActivityDetail, ActivityListItem } from '../../domain/activities'
import ActivitiesPage from '../../src/pages/staff/activities/index'
import { callsTo, findIn, makeMe, mockCloud, ok } from '../support/app-fixtures'

const ROW: ActivityListItem = {
  id: 'act-1',
  villageId: 'v-1',
  kind: 'talk',
  kindLabel: '宣讲/院坝会',
  placeName: '',
  heldOn: '2026-11-29',
  reached: 30,
  photos: 0,
  authorName: '王秀英',
  status: 'active',
  createdAt: '2026-11-29T08:00:00.000Z',
  editable: true,
}
const DETAIL: ActivityDetail = { ...ROW, fiveIn: null, placeId: null, placeKind: null, venue: '3组院坝', note: '讲刷单诈骗', photoUrls: [], voidReason: '', corrections: [] }

const input = (container: HTMLElement, name: string) => container.querySelector(`#input-${name} input, input#input-${name}, #input-${name}`) as HTMLInputElement
const type = (container: HTMLElement, name: string, value: string) => fireEvent.input(input(container, name), { target: { value }, detail: { value } })

describe('宣传台账: 更正', () => {
  it('corrects the count with a reason, asks for the reason first, and keeps what the record is', async () => {
    const cloud = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'cadre'])),
      'account.directory': () => ok({ villages: [{ id: 'v-1', name: '新华村' }], units: [] }),
      'activities.places': () => ok({ places: [] }),
      'activities.list': () => ok({ items: [ROW], nextCursor: null }),
      'activities.get': () => ok(DETAIL),
      'activities.correct': () => ok({ ...DETAIL, reached: 45 }),
    })
    const { container } = render(<ActivitiesPage />)
    fireEvent.click(await findIn(container, '#activity-correct-act-1'))
    await findIn(container, '#activity-correct-form-act-1')
    expect(input(container, 'correct-reached').value).toBe('30')
    type(container, 'correct-reached', '45')
    fireEvent.click(await findIn(container, '#activity-correct-save-act-1'))
    await waitFor(() => expect(container.querySelector('#field-correct-reason-error')?.textContent).toContain('更正原因'))
    expect(callsTo(cloud, 'correct')).toHaveLength(0)

    type(container, 'correct-reason', '人数记错了')
    fireEvent.click(await findIn(container, '#activity-correct-save-act-1'))
    await waitFor(() => expect(callsTo(cloud, 'correct')).toHaveLength(1))
    expect(callsTo(cloud, 'correct')[0].payload).toEqual({ activityId: 'act-1', kind: 'talk', heldOn: '2026-11-29', reached: 45, venue: '3组院坝', note: '讲刷单诈骗', reason: '人数记错了' })
    // Saved: the form closes and the list is read again.
    await waitFor(() => expect(container.querySelector('#activity-correct-form-act-1')).toBeNull())
    expect(callsTo(cloud, 'list').length).toBeGreaterThanOrEqual(2)
  })
})
