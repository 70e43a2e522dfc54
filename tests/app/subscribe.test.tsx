import { fireEvent, render, waitFor } from '@testing-library/react'
import { SubscribeButton } from '../../src/components/subscribe-button'
import type { MessageSettings } from '../../domain/messages'
import { callsTo, mockCloud, ok } from '../support/app-fixtures'
import { taroMock } from '../support/taro-mock'

const settings = (remaining: number): MessageSettings => ({
  templates: [
    { key: 'articleAlert', id: 'tmpl-alert', title: '防骗预警提醒', remaining },
    { key: 'reminder', id: 'tmpl-reminder', title: '入户进度督导提醒', remaining: 0 },
  ],
})

describe('订阅提醒', () => {
  it('asks WeChat for the template on a tap and tells the server only what the user accepted', async () => {
    const cloud = mockCloud({ 'account.messageSettings': () => ok(settings(0)), 'account.grantMessages': () => ok(settings(1)) })
    taroMock.requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-alert': 'accept' })
    const { container } = render(<SubscribeButton template='articleAlert' label='订阅防骗预警' />)
    await waitFor(() => expect(container.textContent).toContain('现在不会收到微信提醒'))
    fireEvent.click(container.querySelector('.big-button') as HTMLElement)
    await waitFor(() => expect(container.textContent).toContain('已订阅'))
    expect(taroMock.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tmpl-alert'] }))
    const [grant] = callsTo(cloud, 'grantMessages')
    expect(grant.payload).toEqual({ templates: ['articleAlert'] })
    expect(grant.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  it('records nothing when the user declines', async () => {
    const cloud = mockCloud({ 'account.messageSettings': () => ok(settings(2)), 'account.grantMessages': () => ok(settings(3)) })
    taroMock.requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-alert': 'reject' })
    const { container } = render(<SubscribeButton template='articleAlert' label='订阅防骗预警' />)
    await waitFor(() => expect(container.textContent).toContain('还可以收到 2 条提醒'))
    fireEvent.click(container.querySelector('.big-button') as HTMLElement)
    await waitFor(() => expect(container.textContent).toContain('没有订阅'))
    expect(callsTo(cloud, 'grantMessages')).toHaveLength(0)
  })
})
