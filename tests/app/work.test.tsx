import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { InviteView } from '../../domain/account'
import InvitesPage from '../../src/pages/staff/invites/index'
import WorkPage from '../../src/pages/work/index'
import { callsTo, findIn, makeInvite, makeMe, mockCloud, ok } from '../support/app-fixtures'
import { taroMock } from '../support/taro-mock'

/** Waits until `selector` matches inside `container`. */
const DIRECTORY = {
  villages: [
    { id: 'v-1', name: '李家村' },
    { id: 'v-2', name: '新街社区' },
  ],
  units: [{ id: 'u-1', name: '镇卫生院' }],
}

describe('工作', () => {
  it('lists the office tools, each opening its page', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'office'])) })
    const { container } = render(<WorkPage />)
    await screen.findByText('邀请码管理')
    expect(container.querySelector('#tool-visits')).toBeNull()
    const pages: Record<string, string> = {
      invites: '/pages/staff/invites/index',
      progress: '/pages/staff/progress/index',
      bulletins: '/pages/staff/bulletin/index',
      exports: '/pages/staff/archive/index',
    }
    for (const [key, url] of Object.entries(pages)) {
      expect(container.querySelector(`#tool-${key}`)?.textContent).not.toContain('即将上线')
      fireEvent.click(container.querySelector(`#tool-${key}`) as HTMLElement)
      expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url })
    }
  })

  it('gives the police the dashboard, the village records and the archive export, but no bulletin', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'police'])) })
    const { container } = render(<WorkPage />)
    await screen.findByText('进度看板')
    for (const key of ['progress', 'village-visits', 'exports']) expect(container.querySelector(`#tool-${key}`)).not.toBeNull()
    expect(container.querySelector('#tool-bulletins')).toBeNull()
  })

  it('gives a cadre 入户登记, which opens the visit form, and no invite tool', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'cadre'])) })
    const { container } = render(<WorkPage />)
    await screen.findByText('入户登记')
    fireEvent.click(container.querySelector('#tool-visits') as HTMLElement)
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/visit-new/index' })
    expect(container.querySelector('#tool-invites')).toBeNull()
  })

  it('tells a resident who reaches it how to get a work role', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident'])) })
    const { container } = render(<WorkPage />)
    await waitFor(() => expect(container.querySelector('#work-not-staff')?.textContent).toContain('邀请码'))
  })
})

describe('邀请码管理', () => {
  function renderInvites(extra: Parameters<typeof mockCloud>[0] = {}, invites: InviteView[] = []) {
    const callFunction = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'account.directory': () => ok(DIRECTORY),
      'account.listInvites': () => ok(invites),
      ...extra,
    })
    return { ...render(<InvitesPage />), callFunction }
  }

  it('requires a village for a cadre invite, with the message by the field', async () => {
    const { container, callFunction } = renderInvites()
    await screen.findByText('生成邀请码')
    fireEvent.click(screen.getByText('生成邀请码'))
    expect(container.querySelector('#field-role-error')?.textContent).toBe('请选择角色')

    fireEvent.click(within(container.querySelector('#field-role') as HTMLElement).getByText('村社干部/网格员'))
    fireEvent.click(screen.getByText('生成邀请码'))
    expect(container.querySelector('#field-villageId-error')?.textContent).toBe('村社干部的邀请码要选择所在村（社区）')
    expect(callsTo(callFunction, 'createInvite')).toHaveLength(0)
  })

  it('creates an invite and shows the code big, formatted and copyable', async () => {
    const { container, callFunction } = renderInvites({
      'account.createInvite': ({ payload }) => ok(makeInvite({ code: 'ABCD2345', note: String(payload.note) })),
    })
    await screen.findByText('生成邀请码')
    fireEvent.click(within(container.querySelector('#field-role') as HTMLElement).getByText('村社干部/网格员'))
    fireEvent.click(screen.getByText('新街社区'))
    fireEvent.click(screen.getByText('30天'))
    fireEvent.input(container.querySelector('#field-note input') as HTMLInputElement, { target: { value: '张书记' } })
    fireEvent.click(screen.getByText('生成邀请码'))

    const created = await findIn(container, '#invite-created')
    expect(callsTo(callFunction, 'createInvite')[0].payload).toEqual({ role: 'cadre', villageId: 'v-2', validDays: 30, note: '张书记' })
    expect(created.querySelector('.invite-code__text')?.textContent).toBe('ABCD-2345')
    fireEvent.click(within(created).getByText('复制'))
    expect(taroMock.setClipboardData).toHaveBeenCalledWith({ data: 'ABCD-2345' })
    expect(container.querySelector('#invite-ABCD2345')?.textContent).toContain('有效')
  })

  it('lists invites with their status and revokes an active one after confirmation', async () => {
    const { container, callFunction } = renderInvites(
      { 'account.revokeInvite': () => ok(makeInvite({ status: 'revoked' })) },
      [
        makeInvite(),
        makeInvite({ code: 'USED2345', status: 'used', usedAt: '2025-03-02T01:00:00.000Z' }),
        makeInvite({ code: 'OLDX2345', status: 'expired', role: 'unit_head', village: null, unit: { id: 'u-1', name: '镇卫生院' } }),
      ],
    )
    const row = await findIn(container, '#invite-K7XM3QPA')
    expect(row.querySelector('.invite-status')?.textContent).toBe('有效')
    expect(container.querySelector('#invite-USED2345 .invite-status')?.textContent).toBe('已使用')
    expect(container.querySelector('#invite-USED2345')?.textContent).toContain('使用时间：2025-03-02 09:00')
    expect(container.querySelector('#invite-OLDX2345 .invite-status')?.textContent).toBe('已过期')
    expect(container.querySelector('#invite-OLDX2345')?.textContent).toContain('镇卫生院')

    fireEvent.click(within(row).getByText('作废'))
    await waitFor(() => expect(row.querySelector('.invite-status')?.textContent).toBe('已作废'))
    expect(taroMock.showModal).toHaveBeenCalled()
    expect(callsTo(callFunction, 'revokeInvite')[0].payload).toEqual({ code: 'K7XM3QPA' })
    expect(within(row).queryByText('复制')).toBeNull()
  })

  it('keeps the invite when the confirmation is cancelled', async () => {
    taroMock.showModal = jest.fn(async () => ({ confirm: false, cancel: true }))
    const { container, callFunction } = renderInvites({}, [makeInvite()])
    const row = await findIn(container, '#invite-K7XM3QPA')
    fireEvent.click(within(row).getByText('作废'))
    await waitFor(() => expect(taroMock.showModal).toHaveBeenCalled())
    expect(callsTo(callFunction, 'revokeInvite')).toHaveLength(0)
  })

  it('shows a failed list with 重试 that loads it again', async () => {
    let attempts = 0
    const { container } = renderInvites({
      'account.listInvites': () => (++attempts === 1 ? { ok: false, error: { code: 'INTERNAL', message: '系统出了点问题，请稍后重试' } } : ok([makeInvite()])),
    })
    const section = await waitFor(() => {
      const found = container.querySelector('#invite-list-section') as HTMLElement
      expect(found.textContent).toContain('系统出了点问题')
      return found
    })
    fireEvent.click(within(section).getByText('重试'))
    await waitFor(() => expect(container.querySelector('#invite-K7XM3QPA')).not.toBeNull())
  })

  it('is closed to anyone but the office', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'cadre'])) })
    const { container } = render(<InvitesPage />)
    await waitFor(() => expect(container.querySelector('#invites-page-forbidden')).not.toBeNull())
  })
})
