import { fieldAccepted, fitField, fitFields, messageTime } from '../../domain/messages'
import { wechatChannel, wechatRequest, type OpenApi } from '../../cloudfunctions/_lib/notify/wechat'

describe('subscribe message fields', () => {
  it('shortens a thing to 20 characters with an ellipsis, and counts Chinese characters as one', () => {
    expect(fitField('thing', '新华村入户宣传覆盖率已达到百分之三十，请继续努力完成目标')).toBe('新华村入户宣传覆盖率已达到百分之三十，…')
    expect([...fitField('thing', '新华村入户宣传覆盖率已达到百分之三十，请继续努力完成目标')]).toHaveLength(20)
    expect(fitField('thing', '石梁村')).toBe('石梁村')
  })

  it('keeps only up to five Chinese characters in a phrase', () => {
    expect(fitField('phrase', '已受理 OK')).toBe('已受理')
    expect(fitField('phrase', '已转九六一一零处理')).toBe('已转九六一')
  })

  it('keeps a reference number within what character_string allows', () => {
    expect(fitField('character_string', 'JB-20261130-0042')).toBe('JB-20261130-0042')
    expect(fitField('character_string', '编号JB-1')).toBe('JB-1')
  })

  it('writes times in Asia/Shanghai as WeChat expects them', () => {
    expect(messageTime(Date.UTC(2026, 10, 30, 1, 0))).toBe('2026年11月30日 09:00')
    expect(fieldAccepted('time', messageTime(Date.UTC(2026, 10, 30, 1, 0)))).toBe(true)
  })

  it('refuses what WeChat would refuse (errcode 47003)', () => {
    expect(fieldAccepted('thing', '')).toBe(false)
    expect(fieldAccepted('thing', 'x'.repeat(21))).toBe(false)
    expect(fieldAccepted('phrase', 'abc')).toBe(false)
    expect(fieldAccepted('date', '2026-12-31')).toBe(false)
    expect(fieldAccepted('date', '2026年12月31日')).toBe(true)
  })

  it('fits every field of a template in one go', () => {
    expect(fitFields('tipStatus', { reference: 'JB-20261130-0042', status: '已受理', note: '民警已联系您核实情况，请保持电话畅通，谢谢配合', updatedAt: '2026年11月30日 09:00' })).toEqual({
      reference: 'JB-20261130-0042',
      status: '已受理',
      note: '民警已联系您核实情况，请保持电话畅通，…',
      updatedAt: '2026年11月30日 09:00',
    })
  })
})

describe('the WeChat sender', () => {
  const config = { articleAlert: { id: 'tmpl-alert', keys: { title: 'thing1', summary: 'thing2', publishedAt: 'time3' } } }
  const message = { openid: 'o-resident', template: 'articleAlert' as const, page: 'pages/learn/article?id=a1', fields: { title: '警惕刷单返利', summary: '先垫付后返利都是骗局', publishedAt: '2026年11月30日 09:00' } }

  it('sends exactly the request subscribeMessage.send takes, under the account’s field keys', async () => {
    const send = jest.fn().mockResolvedValue({ errCode: 0 })
    const openapi: OpenApi = { subscribeMessage: { send } }
    expect(await wechatChannel(() => openapi, config).deliver({} as never, message)).toEqual({ outcome: 'sent' })
    expect(send).toHaveBeenCalledWith({
      touser: 'o-resident',
      templateId: 'tmpl-alert',
      page: 'pages/learn/article?id=a1',
      data: { thing1: { value: '警惕刷单返利' }, thing2: { value: '先垫付后返利都是骗局' }, time3: { value: '2026年11月30日 09:00' } },
      miniprogramState: 'formal',
      lang: 'zh_CN',
    })
  })

  it('reads a refusal (43101) apart from other failures', async () => {
    const refuse: OpenApi = { subscribeMessage: { send: jest.fn().mockRejectedValue(Object.assign(new Error('user refuse to accept the msg'), { errCode: 43101 })) } }
    expect(await wechatChannel(() => refuse, config).deliver({} as never, message)).toEqual({ outcome: 'refused', code: '43101' })
    const broken: OpenApi = { subscribeMessage: { send: jest.fn().mockRejectedValue(Object.assign(new Error('argument invalid'), { errCode: 47003 })) } }
    expect(await wechatChannel(() => broken, config).deliver({} as never, message)).toMatchObject({ outcome: 'failed', code: '47003' })
  })

  it('sends nothing for a template the account has not configured', async () => {
    const send = jest.fn()
    expect(wechatRequest({ ...message, template: 'reminder' }, config)).toBeNull()
    expect(await wechatChannel(() => ({ subscribeMessage: { send } }), config).deliver({} as never, { ...message, template: 'reminder' })).toMatchObject({ outcome: 'failed', code: 'NOT_CONFIGURED' })
    expect(send).not.toHaveBeenCalled()
  })
})
