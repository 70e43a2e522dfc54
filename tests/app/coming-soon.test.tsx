import { fireEvent, render, screen } from '@testing-library/react'
import LearnPage from '../../src/pages/learn/index'
import TipsPage from '../../src/pages/tips/index'
import { makeMe, mockCloud, ok } from '../support/app-fixtures'
import { taroMock } from '../support/taro-mock'

describe('features not built yet', () => {
  it('学习 says 即将上线 and shows no articles', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe()) })
    const { container } = render(<LearnPage />)
    expect(container.textContent).toContain('即将上线')
    expect(container.querySelectorAll('.article')).toHaveLength(0)
    await screen.findByText('学习')
  })

  it('举报 offers the real hotlines and says online reporting is coming', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe()) })
    const { container } = render(<TipsPage />)
    await screen.findByText('镇反诈办')
    expect(container.textContent).toContain('网上举报')
    expect(container.textContent).toContain('即将上线')
    fireEvent.click(container.querySelector('.call-button') as HTMLElement)
    expect(taroMock.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '023-47711110' })
  })
})
