import { fireEvent, render, waitFor } from '@testing-library/react'
import type { DataRequestDetail, MyDataRequest, PrivacyNotice } from '../../domain/privacy'
import PrivacyPage from '../../src/pages/privacy/index'
import PrivacyDeskPage from '../../src/pages/staff/privacy/index'
import { callsTo, findIn, makeMe, mockCloud, ok } from '../support/app-fixtures'

const NOTICE: PrivacyNotice = {
  town: { name: '白沙镇', region: '重庆市江津区' },
  hotlines: [{ label: '反诈专线', number: '96110' }],
  retention: { visitYears: 4, tipYears: 2, exportDays: 30 },
}

const input = (container: HTMLElement, name: string) => container.querySelector(`#input-${name} input, input#input-${name}, #input-${name}`) as HTMLInputElement
const type = (container: HTMLElement, name: string, value: string) => fireEvent.input(input(container, name), { target: { value }, detail: { value } })

describe('个人信息与隐私 (resident)', () => {
  it('says in plain words how long this town keeps what, and who to call', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe()), 'privacy.notice': () => ok(NOTICE), 'privacy.myRequests': () => ok([]) })
    const { container } = render(<PrivacyPage />)
    const notice = await findIn(container, '#privacy-notice')
    expect(notice.textContent).toContain('保存 4 年')
    expect(notice.textContent).toContain('只有本镇派出所民警能看到举报人的身份')
    expect(notice.textContent).toContain('96110')
  })

  it('asks to delete a household’s data, checked before sending, and shows it waiting', async () => {
    const sent: MyDataRequest = { id: 'dr-1', subject: 'household', kind: 'erase', status: 'pending', createdAt: '2026-11-30T02:00:00.000Z', handledAt: null, reply: '', erased: null, answer: null }
    const cloud = mockCloud({
      'account.signIn': () => ok(makeMe()),
      'privacy.notice': () => ok(NOTICE),
      'privacy.myRequests': () => ok([]),
      'account.townVillages': () => ok([{ id: 'v-1', name: '新华村' }]),
      'privacy.submitRequest': () => ok(sent),
    })
    const { container } = render(<PrivacyPage />)
    fireEvent.click(await findIn(container, '#data-request-new'))
    fireEvent.click(await findIn(container, '#data-request-kind-erase'))
    expect(container.textContent).toContain('不能恢复')
    fireEvent.click(await findIn(container, '#data-request-submit'))
    await waitFor(() => expect(container.querySelector('#field-villageId-error')?.textContent).toContain('请选择所在村（社区）'))
    expect(callsTo(cloud, 'submitRequest')).toHaveLength(0)

    fireEvent.click(await findIn(container, '#data-request-village-v-1'))
    type(container, 'name', '赵大姐')
    type(container, 'phone', '13900001111')
    fireEvent.click(await findIn(container, '#data-request-submit'))
    await findIn(container, '#data-request-dr-1')
    expect(container.querySelector('#data-request-dr-1-status')?.textContent).toContain('待办理')
    const [call] = callsTo(cloud, 'submitRequest')
    expect(call.payload).toMatchObject({ subject: 'household', kind: 'erase', villageId: 'v-1', name: '赵大姐', phone: '13900001111' })
    expect(call.requestId).toBeDefined()
  })

  it('shows the copy office sent, with the visits', async () => {
    const answered: MyDataRequest = {
      id: 'dr-2', subject: 'household', kind: 'see', status: 'answered', createdAt: '2026-11-20T02:00:00.000Z', handledAt: '2026-11-21T02:00:00.000Z', reply: '已核实', erased: null,
      answer: { keptUntil: '2026-12-21', tips: [], households: [{ villageName: '新华村', address: '新华村3组88号', headName: '赵大姐', phone: '13900001111', visits: [{ visitedOn: '2026-10-01', unitName: '新华村村委会', staff: ['王秀英'], items: ['propaganda'], otherContent: '', residentName: '赵大姐', phone: '13900001111', signatureKind: 'signed', hasSignatureImage: true, hasPhoto: false, hasLocation: false }] }] },
    }
    mockCloud({ 'account.signIn': () => ok(makeMe()), 'privacy.notice': () => ok(NOTICE), 'privacy.myRequests': () => ok([answered]) })
    const { container } = render(<PrivacyPage />)
    const card = await findIn(container, '#data-request-dr-2')
    expect(card.textContent).toContain('已答复')
    expect(card.textContent).toContain('新华村3组88号')
    expect(card.textContent).toContain('2026-10-01 新华村村委会（王秀英）')
    expect(card.textContent).toContain('保存到 2026-12-21')
  })
})

describe('个人信息保护 (office)', () => {
  const detail: DataRequestDetail = {
    id: 'dr-3', subject: 'household', kind: 'erase', status: 'pending', createdAt: '2026-11-30T02:00:00.000Z',
    requester: { name: '赵大姐', villageName: '新华村', phone: '13900001111', door: '3组88号' }, note: '', tips: 0, handledAt: null, handledByName: null, reply: '', erased: null,
    candidates: [{ id: 'h-1', villageName: '新华村', address: '新华村3组88号', headName: '赵大姐', phone: '13900001111', visits: 2, lastVisitedOn: '2026-10-01', matches: ['phone', 'name'], erased: false }],
  }

  it('erases only the households office picked, after a second tap to confirm', async () => {
    const cloud = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'privacy.requests': () => ok({ requests: [detail], nextCursor: null }),
      'privacy.request': () => ok(detail),
      'privacy.retention': () => ok({ settings: NOTICE.retention, lastPurge: null }),
      'privacy.handleRequest': () => ok({ ...detail, status: 'erased' }),
    })
    const { container } = render(<PrivacyDeskPage />)
    fireEvent.click(await findIn(container, '#desk-dr-3'))
    fireEvent.click(await findIn(container, '#candidate-h-1'))
    fireEvent.click(await findIn(container, '#decision-erase'))
    fireEvent.click(await findIn(container, '#handle-submit'))
    await findIn(container, '#erase-confirm')
    expect(callsTo(cloud, 'handleRequest')).toHaveLength(0)
    fireEvent.click(await findIn(container, '#handle-submit'))
    await waitFor(() => expect(callsTo(cloud, 'handleRequest')).toHaveLength(1))
    expect(callsTo(cloud, 'handleRequest')[0].payload).toEqual({ dataRequestId: 'dr-3', decision: 'erase', householdIds: ['h-1'], reply: '' })
  })

  it('marks a request that has waited more than 15 days, and not a fresh one', async () => {
    const late = { ...detail, id: 'dr-4', createdAt: new Date(Date.now() - 16 * 24 * 3600_000).toISOString() }
    const fresh = { ...detail, createdAt: new Date().toISOString() }
    mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'privacy.requests': () => ok({ requests: [late, fresh], nextCursor: null }),
      'privacy.retention': () => ok({ settings: NOTICE.retention, lastPurge: null }),
    })
    const { container } = render(<PrivacyDeskPage />)
    expect((await findIn(container, '#desk-dr-4')).textContent).toContain('已超过15天，请尽快办理')
    expect((await findIn(container, '#desk-dr-3')).textContent).not.toContain('已超过')
  })

  it('warns before shortening a retention period, and names a wrong one under its field', async () => {
    const cloud = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'privacy.requests': () => ok({ requests: [], nextCursor: null }),
      'privacy.retention': () => ok({ settings: NOTICE.retention, lastPurge: { at: '2026-11-30T19:30:00.000Z', towns: 1, visits: 120, households: 40, tips: 2, exports: 3, answers: 0, files: 130, unfinished: false } }),
    })
    const { container } = render(<PrivacyDeskPage />)
    expect((await findIn(container, '#retention-last-purge')).textContent).toContain('删除了 120 条入户记录')
    type(container, 'retention-visitYears', '2')
    await waitFor(() => expect(container.textContent).toContain('缩短期限后'))
    type(container, 'retention-visitYears', '20')
    fireEvent.click(await findIn(container, '#retention-save'))
    await waitFor(() => expect(container.querySelector('#field-retention-visitYears-error')?.textContent).toContain('不能大于10'))
    expect(callsTo(cloud, 'saveRetention')).toHaveLength(0)
  })

  it('is closed to everyone but office', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'cadre'])) })
    const { container } = render(<PrivacyDeskPage />)
    await findIn(container, '#privacy-desk-page-forbidden')
  })
})
