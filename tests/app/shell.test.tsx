import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Role } from '../../domain/roles'
import HomePage from '../../src/pages/home/index'
import { makeMe, mockCloud, ok } from '../support/app-fixtures'
import { taroMock } from '../support/taro-mock'

function tabTexts(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('.tab-bar__item')).map((item) => item.textContent ?? '')
}

async function renderSignedInAs(roles: Role[]) {
  mockCloud({ 'account.signIn': () => ok(makeMe(roles)) })
  const view = render(<HomePage />)
  await screen.findByText('王秀英，您好！')
  return view
}

describe('the app shell', () => {
  it('shows a resident 首页, 学习, 举报, 我的 and no 工作', async () => {
    const { container } = await renderSignedInAs(['resident'])
    expect(tabTexts(container)).toEqual(['首页', '学习', '举报', '我的'])
  })

  it.each<Role[]>([['resident', 'cadre'], ['resident', 'office'], ['resident', 'police'], ['resident', 'unit_head']])(
    'shows 工作 to a user who is %s and %s',
    async (...roles) => {
      const { container } = await renderSignedInAs(roles)
      expect(tabTexts(container)).toEqual(['首页', '学习', '举报', '工作', '我的'])
    },
  )

  it('signs in once, with a requestId, through wx.cloud', async () => {
    const callFunction = mockCloud({ 'account.signIn': () => ok(makeMe()) })
    render(<HomePage />)
    await screen.findByText('王秀英，您好！')
    expect(callFunction).toHaveBeenCalledTimes(1)
    const [options] = callFunction.mock.calls[0] as [{ name: string; data: { action: string; requestId: string } }]
    expect(options.name).toBe('account')
    expect(options.data.action).toBe('signIn')
    expect(options.data.requestId).toMatch(/^[A-Za-z0-9_-]{16,}$/)
  })

  it('moves to another tab by replacing the page, and stays put on the current tab', async () => {
    const { container } = await renderSignedInAs(['resident', 'cadre'])
    fireEvent.click(container.querySelector('#tab-work') as HTMLElement)
    expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/work/index' })
    fireEvent.click(container.querySelector('#tab-home') as HTMLElement)
    expect(taroMock.redirectTo).toHaveBeenCalledTimes(1)
  })

  it('shows the network error and signs in again on 重试', async () => {
    let attempts = 0
    const callFunction = mockCloud({
      'account.signIn': () => (++attempts === 1 ? new Error('request:fail timeout') : ok(makeMe())),
    })
    const { container } = render(<HomePage />)
    await screen.findByText('网络不通，请检查网络后重试')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('王秀英，您好！')
    // The first signIn may have reached the server: the retry is the same write.
    const ids = callFunction.mock.calls.map(([options]) => (options as { data: { requestId: string } }).data.requestId)
    expect(ids).toHaveLength(2)
    expect(ids[1]).toBe(ids[0])
    await waitFor(() => expect(container.textContent).not.toContain('网络不通'))
  })
})
