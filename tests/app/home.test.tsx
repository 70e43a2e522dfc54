import { fireEvent, render, screen } from '@testing-library/react'
import HomePage from '../../src/pages/home/index'
import { makeMe, mockCloud, ok } from '../support/app-fixtures'
import { taroMock } from '../support/taro-mock'

describe('首页', () => {
  it("dials the town's hotline numbers with one tap each", async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe()) })
    const { container } = render(<HomePage />)
    await screen.findByText('王秀英，您好！')

    const buttons = Array.from(container.querySelectorAll('.call-button'))
    expect(buttons.map((button) => button.textContent)).toEqual(['镇反诈办023-47711110', '白沙派出所023-47722220'])
    fireEvent.click(buttons[1])
    expect(taroMock.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '023-47722220' })
    fireEvent.click(buttons[0])
    expect(taroMock.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '023-47711110' })
  })

  it('shows whatever numbers the town has, and none of its own', async () => {
    const me = makeMe()
    mockCloud({ 'account.signIn': () => ok({ ...me, town: { ...me.town!, hotlines: [{ label: '值班室', number: '13800000000' }] } }) })
    const { container } = render(<HomePage />)
    await screen.findByText('王秀英，您好！')
    expect(Array.from(container.querySelectorAll('.call-button__number')).map((n) => n.textContent)).toEqual(['13800000000'])
  })

  it('says plainly when the town has no hotline yet', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident'], { town: null })) })
    const { container } = render(<HomePage />)
    await screen.findByText('王秀英，您好！')
    expect(container.querySelectorAll('.call-button')).toHaveLength(0)
    expect(container.textContent).toContain('求助电话还没有登记')
  })

  it('shows what to do with a suspicious call, and links to the other tabs', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'cadre'])) })
    const { container } = render(<HomePage />)
    await screen.findByText('王秀英，您好！')
    expect(container.querySelector('#suspicious-call-guide')?.textContent).toContain('接到可疑电话怎么办')
    fireEvent.click(container.querySelector('#entry-tips') as HTMLElement)
    expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/tips/index' })
    expect(container.querySelector('#entry-work')).not.toBeNull()
  })

  it('shows progress while signing in', () => {
    mockCloud({ 'account.signIn': () => new Promise(() => undefined) })
    const { container } = render(<HomePage />)
    expect(container.textContent).toContain('正在登录…')
  })
})
