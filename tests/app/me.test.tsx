import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import MePage from '../../src/pages/me/index'
import { callsTo, makeMe, mockCloud, ok } from '../support/app-fixtures'
import { taroMock } from '../support/taro-mock'

function typeInto(container: HTMLElement, selector: string, value: string) {
  const input = container.querySelector(selector) as HTMLInputElement
  fireEvent.input(input, { target: { value } })
}

async function renderMePage(handlers: Parameters<typeof mockCloud>[0] = {}) {
  const callFunction = mockCloud({ 'account.signIn': () => ok(makeMe()), ...handlers })
  const view = render(<MePage />)
  await screen.findByText('王秀英')
  return { ...view, callFunction }
}

describe('我的', () => {
  it('shows name, roles and town', async () => {
    const { container } = await renderMePage()
    expect(container.querySelector('#profile-roles')?.textContent).toBe('群众')
    expect(container.textContent).toContain('重庆市江津区白沙镇')
  })

  describe('redeeming an invite code', () => {
    it("shows the schema's Chinese error next to the field and does not call the server", async () => {
      const { container, callFunction } = await renderMePage()
      typeInto(container, '#redeem-invite input', 'K7X')
      fireEvent.click(screen.getByText('确认开通'))
      const error = container.querySelector('#field-code-error')
      expect(error?.textContent).toBe('邀请码是8位字母和数字')
      expect(error?.closest('#field-code')?.querySelector('input')).not.toBeNull()
      expect(callsTo(callFunction, 'redeemInvite')).toHaveLength(0)

      typeInto(container, '#redeem-invite input', 'K7XM-3QP0')
      fireEvent.click(screen.getByText('确认开通'))
      expect(container.querySelector('#field-code-error')?.textContent).toBe('邀请码有误，请核对后重新输入')
    })

    it("shows the server's refusal for the code next to the field", async () => {
      const { container } = await renderMePage({
        'account.redeemInvite': () => ({ ok: false, error: { code: 'NOT_FOUND', message: '邀请码不存在或已失效', field: 'code' } }),
      })
      typeInto(container, '#redeem-invite input', 'k7xm 3qpa')
      fireEvent.click(screen.getByText('确认开通'))
      await waitFor(() => expect(container.querySelector('#field-code-error')?.textContent).toBe('邀请码不存在或已失效'))
    })

    it('grants the role: the new role shows and 工作 appears in the tab bar', async () => {
      const { container, callFunction } = await renderMePage({
        'account.redeemInvite': () => ok(makeMe(['resident', 'cadre'], { village: { id: 'v-1', name: '李家村' } })),
      })
      expect(container.querySelector('#tab-work')).toBeNull()
      typeInto(container, '#redeem-invite input', 'k7xm-3qpa')
      fireEvent.click(screen.getByText('确认开通'))
      await waitFor(() => expect(container.querySelector('#tab-work')).not.toBeNull())
      expect(container.querySelector('#profile-roles')?.textContent).toBe('群众、村社干部/网格员')
      expect(container.textContent).toContain('李家村')
      expect(container.querySelector('#redeem-success')?.textContent).toContain('已开通：村社干部/网格员')
      expect(callsTo(callFunction, 'redeemInvite')[0].payload).toEqual({ code: 'k7xm-3qpa' })
    })

    it('retries a write whose reply never came with the same requestId', async () => {
      let attempts = 0
      const { container, callFunction } = await renderMePage({
        'account.redeemInvite': () => (++attempts === 1 ? new Error('request:fail') : ok(makeMe(['resident', 'police']))),
      })
      typeInto(container, '#redeem-invite input', 'K7XM3QPA')
      fireEvent.click(screen.getByText('确认开通'))
      await screen.findByText('网络不通，请检查网络后重试')
      fireEvent.click(screen.getByText('重试'))
      await waitFor(() => expect(container.querySelector('#tab-work')).not.toBeNull())
      const [first, second] = callsTo(callFunction, 'redeemInvite')
      expect(second.requestId).toBe(first.requestId)
    })

    it('shows progress on the button while the server checks the code', async () => {
      const { container } = await renderMePage({ 'account.redeemInvite': () => new Promise(() => undefined) })
      typeInto(container, '#redeem-invite input', 'K7XM3QPA')
      fireEvent.click(screen.getByText('确认开通'))
      const label = await screen.findByText('正在核对…')
      const button = label.closest('.big-button') as HTMLElement
      expect(button.className).toContain('taro-btn-loading')
      expect(button.className).toContain('taro-btn-disabled')
    })
  })

  it('saves a new name with the same schema the server uses', async () => {
    const { container, callFunction } = await renderMePage({
      'account.updateProfile': ({ payload }) => ok(makeMe(['resident'], { name: String(payload.name) })),
    })
    fireEvent.click(screen.getByText('修改姓名'))
    typeInto(container, '#field-name input', '   ')
    fireEvent.click(screen.getByText('保存'))
    expect(container.querySelector('#field-name-error')?.textContent).toBe('请填写姓名')
    expect(callsTo(callFunction, 'updateProfile')).toHaveLength(0)

    typeInto(container, '#field-name input', '王桂兰')
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(container.querySelector('#profile-name')?.textContent).toBe('王桂兰'))
    expect(callsTo(callFunction, 'updateProfile')[0].payload).toEqual({ name: '王桂兰' })
  })

  it('offers 切换演示用户 only in the local H5 build', async () => {
    const weapp = await renderMePage()
    expect(weapp.container.textContent).not.toContain('切换演示用户')
    weapp.unmount()

    process.env.TARO_ENV = 'h5'
    taroMock.getStorageSync = jest.fn((_key: string) => 'demo-openid')
    taroMock.request = jest.fn(async () => ({ statusCode: 200, data: ok(makeMe()) }))
    const h5 = render(<MePage />)
    await screen.findByText('王秀英')
    expect(h5.container.querySelector('#demo-user-switch')?.textContent).toContain('切换演示用户')
  })
})
