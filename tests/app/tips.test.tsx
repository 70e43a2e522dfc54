import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { MyTip, SubmittedTip, TipDetail } from '../../domain/tips'
import MyTipsPage from '../../src/pages/my-tips/index'
import TipDetailPage from '../../src/pages/staff/tip-detail/index'
import TipsPage from '../../src/pages/tips/index'
import { toolsFor } from '../../src/features/work/tools'
import { callsTo, makeMe, mockCloud, ok, TODAY, type Handler } from '../support/app-fixtures'
import { storage, taroMock } from '../support/taro-mock'

// The 举报 tab, 我的举报 and the police detail as they ship, against a mocked
// wx.cloud: what the tipster sees and what each tap sends.

const ME = makeMe(['resident'], { town: { id: 'town-1', name: '白沙镇', region: '重庆市江津区', hotlines: [{ label: '反诈专线', number: '96110' }, { label: '白沙派出所', number: '023-47722220' }] } })

const SENT: SubmittedTip = {
  reference: 'JB-20261130-0007',
  receipt: 'ABCDEFGHJKMNPQRS',
  status: 'submitted',
  createdAt: '2026-11-30T02:00:00.000Z',
  anonymous: true,
  urgent: false,
  evidenceExpected: 0,
}

function serve(handlers: Record<string, Handler> = {}) {
  return mockCloud({
    'account.signIn': () => ok(ME),
    'tips.form': () => ok({ villages: [{ id: 'v-1', name: '新华村' }] }),
    ...handlers,
  })
}

function click(container: HTMLElement, selector: string) {
  const found = container.querySelector(selector)
  if (!found) throw new Error(`${selector} is not on the page`)
  fireEvent.click(found)
}

function type(container: HTMLElement, selector: string, value: string) {
  const found = container.querySelector(selector) as HTMLElement
  const field = (found.tagName === 'INPUT' || found.tagName === 'TEXTAREA' ? found : found.querySelector('input, textarea')) as HTMLInputElement
  if (field.tagName === 'TEXTAREA') fireEvent.change(field, { target: { value } })
  else fireEvent.input(field, { target: { value } })
}

function valueOf(container: HTMLElement, selector: string): string {
  const found = container.querySelector(selector) as HTMLElement
  return ((found.tagName === 'INPUT' ? found : found.querySelector('input')) as HTMLInputElement).value
}

function find(container: HTMLElement, selector: string): Promise<HTMLElement> {
  return waitFor(() => {
    const found = container.querySelector(selector)
    if (!found) throw new Error(`${selector} is not there yet`)
    return found as HTMLElement
  })
}

const errorOf = (container: HTMLElement, field: string) => container.querySelector(`#field-${field}-error`)?.textContent ?? null

/** A plausible anonymous tip, typed in as a tipster would. */
async function fillAnonymousTip(container: HTMLElement) {
  click(container, '#tip-transfer-none')
  await find(container, '#tip-kind-brushing')
  click(container, '#tip-kind-brushing')
  type(container, '#tip-story', '有人在QQ群拉我刷单，先垫钱再返利，我没有转账。')
  click(container, '#identifier-add')
  click(container, '#identifier-0-kind-qq')
  type(container, '#identifier-0-value', '123456789')
  click(container, '#tip-contact-anonymous')
}

describe('举报 tab', () => {
  it('still leads with one-tap calls, and first asks whether money has left', async () => {
    serve()
    const { container } = render(<TipsPage />)
    await find(container, '#tip-form')
    const calls = Array.from(container.querySelectorAll('#hotlines .call-button__number')).map((node) => node.textContent)
    expect(calls).toEqual(['96110', '023-47722220'])
    expect(container.querySelector('#tip-kind-brushing')).toBeNull()
    expect(container.textContent).toContain('钱已经转出去了吗？')
    expect(container.textContent).not.toContain('即将上线')
  })

  it('puts the call to stop a transfer of the last hours before the form, and keeps the form after', async () => {
    serve()
    const { container } = render(<TipsPage />)
    await find(container, '#tip-form')
    click(container, '#tip-transfer-recent')
    const urgent = await find(container, '#tip-urgent')
    expect(urgent.textContent).toContain('先打电话止付')
    expect(urgent.textContent).toContain('转账记录')
    expect(Array.from(urgent.querySelectorAll('.call-button__number')).map((node) => node.textContent)).toEqual(['96110', '110'])
    expect(container.querySelector('#tip-kind-brushing')).toBeNull()
    fireEvent.click(urgent.querySelectorAll('.call-button')[1])
    expect(taroMock.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '110' })
    click(container, '#tip-urgent-continue')
    await find(container, '#tip-kind-brushing')
    // The numbers stay on screen while the form is filled in.
    expect(container.querySelector('#tip-urgent')).not.toBeNull()
    expect(container.querySelector('#tip-amount')).not.toBeNull()
  })

  it('keeps what is typed on the phone: a closed app comes back to the same draft', async () => {
    serve()
    const first = render(<TipsPage />)
    await find(first.container, '#tip-form')
    await fillAnonymousTip(first.container)
    const saved = storage.get('tip-draft-v1') as { story: string; requestId: string; identifiers: unknown[] }
    expect(saved).toMatchObject({ story: '有人在QQ群拉我刷单，先垫钱再返利，我没有转账。', identifiers: [{ kind: 'qq', value: '123456789' }] })
    first.unmount()

    serve()
    const { container } = render(<TipsPage />)
    await find(container, '#tip-story')
    expect((container.querySelector('#tip-story') as HTMLTextAreaElement).value).toBe('有人在QQ群拉我刷单，先垫钱再返利，我没有转账。')
    expect(valueOf(container, '#identifier-0-value')).toBe('123456789')
  })

  it('shows every problem next to its field, an identifier’s by its row', async () => {
    serve()
    const { container } = render(<TipsPage />)
    await find(container, '#tip-form')
    click(container, '#tip-transfer-none')
    await find(container, '#tip-submit')
    click(container, '#identifier-add')
    click(container, '#identifier-0-kind-bankCard')
    type(container, '#identifier-0-value', '6222 0212 3456 7890 123')
    click(container, '#tip-submit')
    await waitFor(() => expect(errorOf(container, 'kind')).toBe('请选择诈骗类型'))
    expect(errorOf(container, 'story')).toBe('请填写事情经过')
    type(container, '#tip-story', '骗子')
    await waitFor(() => expect(errorOf(container, 'story')).toContain('至少写5个字'))
    expect(errorOf(container, 'identifier-0')).toContain('银行卡号校验不通过')
    expect(errorOf(container, 'contact')).toBe('请选择匿名举报，或留下联系方式')
    expect(callsTo(taroMock.cloud.callFunction as jest.Mock, 'submit')).toHaveLength(0)
  })

  it('sends an anonymous tip once under the draft’s requestId and shows its receipt code once, to copy', async () => {
    const cloud = serve({ 'tips.submit': () => ok(SENT) })
    const { container } = render(<TipsPage />)
    await find(container, '#tip-form')
    await fillAnonymousTip(container)
    const requestId = (storage.get('tip-draft-v1') as { requestId: string }).requestId
    click(container, '#tip-submit')
    const receipt = await find(container, '#tip-receipt')
    expect(receipt.textContent).toBe('ABCD-EFGH-JKMN-PQRS')
    const [call] = callsTo(cloud, 'submit')
    expect(call.requestId).toBe(requestId)
    expect(call.payload).toEqual({
      transfer: 'none',
      kind: 'brushing',
      story: '有人在QQ群拉我刷单，先垫钱再返利，我没有转账。',
      happenedOn: TODAY,
      identifiers: [{ kind: 'qq', value: '123456789' }],
      amountLost: 0,
      evidenceCount: 0,
      contact: { mode: 'anonymous' },
    })
    // Kept for 我的举报; the draft is gone; an anonymous tipster is offered no WeChat message.
    expect(storage.get('tip-receipts-v1')).toEqual([expect.objectContaining({ receipt: 'ABCDEFGHJKMNPQRS', reference: 'JB-20261130-0007' })])
    expect(storage.has('tip-draft-v1')).toBe(false)
    expect(container.querySelector('#tip-subscribe')).toBeNull()
    click(container, '#tip-copy-receipt')
    expect(taroMock.setClipboardData).toHaveBeenCalledWith({ data: 'ABCD-EFGH-JKMN-PQRS' })
    // Noted: the card goes and a fresh form (a new requestId) is there.
    click(container, '#tip-done')
    await find(container, '#tip-form')
    expect(container.querySelector('#tip-receipt')).toBeNull()
  })

  it('keeps a tip that did not get through, and sends it again under the same requestId', async () => {
    const cloud = serve({ 'tips.submit': () => new Error('no signal') })
    const { container, unmount } = render(<TipsPage />)
    await find(container, '#tip-form')
    await fillAnonymousTip(container)
    click(container, '#tip-submit')
    const waiting = await find(container, '#tip-sending')
    await waitFor(() => expect(waiting.textContent).toContain('举报还没有发出'))
    expect(waiting.textContent).toContain('网络不通')
    const firstId = callsTo(cloud, 'submit')[0].requestId
    unmount()

    // Reopened with signal: it goes by itself.
    const again = serve({ 'tips.submit': () => ok(SENT) })
    const view = render(<TipsPage />)
    await find(view.container, '#tip-receipt')
    expect(callsTo(again, 'submit')[0].requestId).toBe(firstId)
  })

  it('sends each evidence image after the tip, one per call, and says how far it got', async () => {
    const cloud = serve({
      'tips.submit': () => ok({ ...SENT, evidenceExpected: 2 }),
      'tips.addEvidence': (call) => ok({ index: call.payload.index, expected: 2, received: Number(call.payload.index) + 1 }),
    })
    storage.set('tip-draft-v1', {
      requestId: 'draft-request-0001',
      transfer: 'none',
      urgentSeen: false,
      kind: 'brushing',
      story: '有人拉我刷单，截图在这里。',
      happenedOn: TODAY,
      identifiers: [],
      amountLost: '',
      images: ['data:image/jpeg;base64,/9j/AAAA', 'data:image/jpeg;base64,/9j/BBBB'],
      villageId: null,
      anonymous: true,
      contactName: '',
      contactPhone: '',
    })
    const { container } = render(<TipsPage />)
    await find(container, '#tip-submit')
    click(container, '#tip-submit')
    await waitFor(() => expect(container.querySelector('#tip-evidence-progress')?.textContent).toContain('证据图片已上传 2/2 张'))
    expect(callsTo(cloud, 'submit')[0].payload).toMatchObject({ evidenceCount: 2 })
    expect(callsTo(cloud, 'addEvidence').map((call) => call.payload)).toEqual([
      { receipt: 'ABCDEFGHJKMNPQRS', index: 0, image: '/9j/AAAA' },
      { receipt: 'ABCDEFGHJKMNPQRS', index: 1, image: '/9j/BBBB' },
    ])
  })

  it('asks a named tipster for a name and phone, and offers them progress messages', async () => {
    const cloud = serve({ 'tips.submit': () => ok({ ...SENT, anonymous: false }), 'account.messageSettings': () => ok({ templates: [{ key: 'tipStatus', id: 'local-tipStatus', title: '举报处理进度提醒', remaining: 0 }] }) })
    const { container } = render(<TipsPage />)
    await find(container, '#tip-form')
    await fillAnonymousTip(container)
    click(container, '#tip-contact-named')
    click(container, '#tip-submit')
    await waitFor(() => expect(errorOf(container, 'contact-phone')).toBe('请填写联系电话，或选择匿名举报'))
    // The profile's name is offered; the phone is theirs to give.
    expect(valueOf(container, '#tip-contact-name')).toBe('王秀英')
    type(container, '#tip-contact-phone', '13912345678')
    click(container, '#tip-submit')
    await find(container, '#tip-subscribe')
    expect(callsTo(cloud, 'submit')[0].payload.contact).toEqual({ mode: 'named', name: '王秀英', phone: '13912345678' })
  })
})

const MY_TIP: MyTip = {
  reference: 'JB-20261130-0007',
  kind: 'brushing',
  status: 'accepted',
  anonymous: true,
  receipt: 'ABCDEFGHJKMNPQRS',
  createdAt: '2026-11-30T02:00:00.000Z',
  updatedAt: '2026-11-30T03:00:00.000Z',
  happenedOn: '2026-11-30',
  story: '有人拉我刷单。',
  identifiers: [],
  amountLost: 0,
  evidence: { expected: 2, received: 2 },
  reward: null,
  timeline: [
    { at: '2026-11-30T02:00:00.000Z', kind: 'submitted', status: 'submitted', note: '', reward: null },
    { at: '2026-11-30T03:00:00.000Z', kind: 'status', status: 'accepted', note: '已受理，正在核查', reward: null },
  ],
}

describe('我的举报', () => {
  it('finds the phone’s tips by their receipt codes and shows each step with the police’s note', async () => {
    storage.set('tip-receipts-v1', [{ receipt: 'ABCDEFGHJKMNPQRS', reference: 'JB-20261130-0007', savedAt: 1 }])
    const cloud = serve({ 'tips.mine': () => ok({ tips: [MY_TIP], unknownReceipts: [] }) })
    const { container } = render(<MyTipsPage />)
    const card = await find(container, '#my-tip-JB-20261130-0007')
    expect(callsTo(cloud, 'mine')[0].payload).toEqual({ receipts: ['ABCDEFGHJKMNPQRS'] })
    expect(card.querySelector('#my-tip-JB-20261130-0007-status')?.textContent).toBe('已受理')
    expect(card.textContent).toContain('已受理，正在核查')
    expect(card.textContent).toContain('已收到 2/2 张')
    // Forgotten on this phone: its code is no longer kept.
    click(container, '#my-tip-JB-20261130-0007-forget')
    expect(storage.get('tip-receipts-v1')).toEqual([])
  })

  it('looks a tip up by a receipt code typed in, however it is written', async () => {
    const cloud = serve({ 'tips.mine': (call) => ok({ tips: (call.payload.receipts as string[]).includes('ABCDEFGHJKMNPQRS') ? [MY_TIP] : [], unknownReceipts: [] }) })
    const { container } = render(<MyTipsPage />)
    await screen.findByText(/还没有举报记录/)
    type(container, '#receipt-input', 'abcd efgh jkmn pqr0')
    click(container, '#receipt-look-up')
    await waitFor(() => expect(errorOf(container, 'receipt')).toBe('回执码有误，请核对后重新输入'))
    type(container, '#receipt-input', 'abcd-efgh-jkmn-pqrs')
    click(container, '#receipt-look-up')
    await find(container, '#my-tip-JB-20261130-0007')
    expect(callsTo(cloud, 'mine').at(-1)?.payload).toEqual({ receipts: ['ABCDEFGHJKMNPQRS'] })
    expect(storage.get('tip-receipts-v1')).toEqual([expect.objectContaining({ receipt: 'ABCDEFGHJKMNPQRS' })])
  })
})

const DETAIL: TipDetail = {
  id: 'tp_1',
  reference: 'JB-20261130-0007',
  kind: 'investment',
  status: 'submitted',
  urgent: true,
  transfer: 'recent',
  amountLost: 5000,
  createdAt: '2026-11-30T02:00:00.000Z',
  villageName: '新华村',
  anonymous: false,
  evidence: { expected: 1, received: 1 },
  excerpt: '炒股App提不了现',
  story: '炒股App提不了现',
  happenedOn: '2026-11-30',
  identifiers: [{ kind: 'url', value: 'fraud.example.com' }],
  reward: null,
  timeline: [{ at: '2026-11-30T02:00:00.000Z', kind: 'submitted', status: 'submitted', note: '', reward: null, public: true, by: '' }],
  next: ['accepted', 'rejected'],
  hasContact: true,
}

describe('a tip for police', () => {
  it('shows the contact and the evidence only on a tap each (the server records it), and moves the tip with a note', async () => {
    taroMock.routerParams = { id: 'tp_1' }
    const cloud = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'police'])),
      'tips.get': () => ok(DETAIL),
      'tips.reveal': (call) =>
        ok(call.payload.what === 'contact' ? { what: 'contact', contact: { name: '王秀英', phone: '13912345678' } } : { what: 'evidence', images: [{ index: 0, url: 'http://127.0.0.1/e0.jpg' }] }),
      'tips.update': (call) => ok({ ...DETAIL, status: call.payload.status, next: ['forwarded', 'filed', 'rejected', 'closed'] }),
    })
    const { container } = render(<TipDetailPage />)
    await find(container, '#tip-detail-reference')
    expect(container.textContent).toContain('请勿在手机上直接打开')
    expect(container.textContent).not.toContain('13912345678')
    expect(callsTo(cloud, 'reveal')).toHaveLength(0)
    click(container, '#tip-reveal-contact')
    await find(container, '#tip-contact')
    expect(container.querySelector('#tip-contact')?.textContent).toContain('13912345678')
    click(container, '#tip-reveal-evidence')
    await find(container, '#tip-evidence')
    expect(callsTo(cloud, 'reveal').map((call) => call.payload.what)).toEqual(['contact', 'evidence'])

    click(container, '#tip-next-rejected')
    click(container, '#tip-step-save')
    await waitFor(() => expect(errorOf(container, 'note')).toBe('不予受理请写明原因（会告诉举报人）'))
    click(container, '#tip-next-accepted')
    type(container, '#tip-note', '已联系银行止付')
    await act(async () => click(container, '#tip-step-save'))
    await waitFor(() => expect(container.querySelector('#tip-detail-status')?.textContent).toBe('已受理'))
    expect(callsTo(cloud, 'update')[0].payload).toEqual({ tipId: 'tp_1', status: 'accepted', note: '已联系银行止付', notePublic: true })
  })
})

describe('the 工作 tools of tips', () => {
  it('gives police the queue and the counts, office the counts only, and nobody else either', () => {
    const keys = (roles: Parameters<typeof toolsFor>[0]) => toolsFor(roles).map((tool) => tool.key).filter((key) => key.startsWith('tip'))
    expect(keys(['resident', 'police'])).toEqual(['tips', 'tip-stats'])
    expect(keys(['resident', 'office'])).toEqual(['tip-stats'])
    expect(keys(['resident', 'cadre'])).toEqual([])
    expect(keys(['resident', 'unit_head'])).toEqual([])
  })
})
