import { cleanEvidenceImage, NotAnImageError } from '../../cloudfunctions/tips/image'
import { signaturePng } from '../../local/seed/signature-png'
import { parseInput } from '../../domain/validate'
import { identifierSchema, normaliseSuspectPhone, passesLuhn } from '../../domain/tip-identifiers'
import {
  canMove,
  formatReceipt,
  happenedOnProblem,
  moveProblem,
  receiptSchema,
  rewardProblem,
  submitTipSchema,
  TIP_STATUSES,
  TIP_TRANSITIONS,
  tipReference,
  updateTipSchema,
  weekOf,
  type TipStatus,
} from '../../domain/tips'
import { CAMERA_MAKE, JPEG_A, withCameraExif } from '../support/tip-images'

const identifier = (kind: string, value: string) => parseInput(identifierSchema, { kind, value })

describe('suspect identifiers, each by its kind', () => {
  it('takes phone numbers as people write them, in one spelling', () => {
    expect(normaliseSuspectPhone('138 1234 5678')).toBe('13812345678')
    expect(normaliseSuspectPhone('+86 138-1234-5678')).toBe('13812345678')
    expect(normaliseSuspectPhone('023-4765 1042')).toBe('02347651042')
    expect(normaliseSuspectPhone('(0852) 1234 5678')).toBe('085212345678')
    expect(normaliseSuspectPhone('00852 6123 4567')).toBe('+85261234567')
    expect(normaliseSuspectPhone('+63 912 345 6789')).toBe('+639123456789')
    expect(normaliseSuspectPhone('400-123-4567')).toBe('4001234567')
    expect(normaliseSuspectPhone('95588')).toBe('95588')
    expect(normaliseSuspectPhone('96110')).toBe('96110')
    for (const wrong of ['1234', '2381234567', '1381234567', '138123456789', '+86 12', 'abc', '0123']) expect(normaliseSuspectPhone(wrong)).toBeNull()
  })

  it('checks a bank card with Luhn’s digit', () => {
    expect(passesLuhn('4111111111111111')).toBe(true)
    expect(passesLuhn('6222021234567890128')).toBe(true)
    expect(passesLuhn('6222021234567890123')).toBe(false)
    expect(passesLuhn('4111111111111112')).toBe(false)
    expect(identifier('bankCard', '6222 0212 3456 7890 128')).toEqual({ ok: true, value: { kind: 'bankCard', value: '6222021234567890128' } })
    expect(identifier('bankCard', '6222 0212 3456 7890 123')).toMatchObject({ ok: false, error: { field: 'value', message: expect.stringContaining('校验不通过') } })
    expect(identifier('bankCard', '1234 5678')).toMatchObject({ ok: false, error: { message: '银行卡号应为12至19位数字' } })
  })

  it('takes WeChat ids (or the phone they are bound to), QQ numbers and links by their own rules', () => {
    expect(identifier('wechat', 'wxid_fraud01')).toMatchObject({ ok: true })
    expect(identifier('wechat', '13812345678')).toMatchObject({ ok: true })
    expect(identifier('wechat', '骗子小王')).toMatchObject({ ok: false, error: { message: expect.stringContaining('微信号是6至20位') } })
    expect(identifier('wechat', 'ab')).toMatchObject({ ok: false })
    expect(identifier('qq', '12345')).toMatchObject({ ok: true })
    expect(identifier('qq', '1234 5678 9')).toEqual({ ok: true, value: { kind: 'qq', value: '123456789' } })
    expect(identifier('qq', '012345')).toMatchObject({ ok: false, error: { message: 'QQ号是5至12位数字，不以0开头' } })
    for (const url of ['www.example.com', 'https://pay-example.cn/a?b=1', 'http://1.2.3.4:8080/x', 'xn--fiqs8s.com']) expect([url, identifier('url', url).ok]).toEqual([url, true])
    for (const url of ['不是网址', 'http://', 'example', 'javascript:alert(1)']) expect([url, identifier('url', url).ok]).toEqual([url, false])
    expect(identifier('other', '支付宝 abc@163.com')).toMatchObject({ ok: true })
    expect(identifier('fax', '123')).toMatchObject({ ok: false, error: { message: '请选择号码或账号的类型' } })
  })

  it('names the wrong one by its place in the tip', () => {
    const tip = {
      transfer: 'none',
      kind: 'other',
      story: '有人打电话说我中奖了要交税',
      happenedOn: '2026-03-01',
      contact: { mode: 'anonymous' },
      identifiers: [
        { kind: 'phone', value: '13812345678' },
        { kind: 'qq', value: '123456' },
        { kind: 'phone', value: '12' },
      ],
    }
    expect(parseInput(submitTipSchema, tip)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'identifiers.2.value', message: expect.stringContaining('电话号码格式不对') } })
  })
})

describe('a tip’s status', () => {
  const moves = (from: TipStatus) => TIP_STATUSES.filter((to) => canMove(from, to))

  it('moves only along 已提交 → 已受理 → 已转96110 / 已立案 / 不予受理 → 已办结', () => {
    expect(moves('submitted')).toEqual(['accepted', 'rejected'])
    expect(moves('accepted')).toEqual(['forwarded', 'filed', 'rejected', 'closed'])
    expect(moves('forwarded')).toEqual(['filed', 'closed'])
    expect(moves('filed')).toEqual(['closed'])
    expect(moves('rejected')).toEqual(['closed'])
    expect(moves('closed')).toEqual([])
  })

  it('never goes back, never stays, and nothing leaves 已办结', () => {
    const order: TipStatus[] = ['submitted', 'accepted', 'forwarded', 'filed', 'closed']
    for (const from of TIP_STATUSES) {
      expect(canMove(from, from)).toBe(false)
      for (const to of TIP_TRANSITIONS[from]) if (order.includes(from) && order.includes(to)) expect(order.indexOf(to)).toBeGreaterThan(order.indexOf(from))
      expect(canMove(from, 'submitted')).toBe(false)
    }
  })

  it('says which moves are open when one is refused', () => {
    expect(moveProblem('submitted', 'closed')).toBe('这条举报现在是「已提交」，只能改为「已受理」、「不予受理」')
    expect(moveProblem('closed', 'accepted')).toContain('已办结')
    expect(moveProblem('accepted', 'accepted')).toBe('这条举报已经是「已受理」')
    expect(moveProblem('accepted', 'filed')).toBeNull()
  })

  it('needs a reason, told to the tipster, to refuse a tip; and a status or a note at all', () => {
    expect(parseInput(updateTipSchema, { tipId: 'tp_1', status: 'rejected', note: '' })).toMatchObject({ ok: false, error: { field: 'note', message: '不予受理请写明原因（会告诉举报人）' } })
    expect(parseInput(updateTipSchema, { tipId: 'tp_1', status: 'rejected', note: '不属于诈骗', notePublic: false })).toMatchObject({ ok: false, error: { field: 'note' } })
    expect(parseInput(updateTipSchema, { tipId: 'tp_1', note: '' })).toMatchObject({ ok: false, error: { message: '请选择新的状态，或填写处理说明' } })
    expect(parseInput(updateTipSchema, { tipId: 'tp_1', status: 'rejected', note: '经核实为正常商业推广' })).toMatchObject({ ok: true })
  })

  it('takes a reward only for a tip the police took up, and a paid one is final', () => {
    expect(rewardProblem('submitted', null)).toContain('已受理')
    expect(rewardProblem('rejected', null)).toContain('已受理')
    expect(rewardProblem('accepted', null)).toBeNull()
    expect(rewardProblem('closed', 'proposed')).toBeNull()
    expect(rewardProblem('closed', 'paid')).toContain('已发放')
  })
})

describe('numbers, codes and dates', () => {
  it('numbers a tip JB-<day>-<n> and reads a receipt code however it is typed', () => {
    expect(tipReference('2026-11-30', 42)).toBe('JB-20261130-0042')
    expect(formatReceipt('abcdefghjkmnpqrs')).toBe('ABCD-EFGH-JKMN-PQRS')
    expect(parseInput(receiptSchema, ' abcd efgh-jkmn pqrs ')).toEqual({ ok: true, value: 'ABCDEFGHJKMNPQRS' })
    expect(parseInput(receiptSchema, 'ABCD-EFGH-JKMN-PQR0')).toMatchObject({ ok: false })
  })

  it('counts by the week’s Monday, and takes no fraud day in the future', () => {
    expect(weekOf('2026-11-30')).toBe('2026-11-30') // a Monday
    expect(weekOf('2026-12-06')).toBe('2026-11-30') // Sunday
    expect(weekOf('2026-12-01')).toBe('2026-11-30')
    expect(weekOf('2027-01-01')).toBe('2026-12-28')
    expect(happenedOnProblem('2026-12-01', '2026-11-30')).toBe('发生日期不能晚于今天')
    expect(happenedOnProblem('2026-11-30', '2026-11-30')).toBeNull()
    expect(happenedOnProblem('2010-01-01', '2026-11-30')).toContain('太早')
  })
})

describe('evidence images', () => {
  it('keeps a JPEG’s picture and orientation, and drops camera, GPS and colour-profile blocks', () => {
    const photo = withCameraExif(JPEG_A, 6)
    const clean = cleanEvidenceImage(photo)
    expect(clean).toMatchObject({ type: 'jpeg', width: 120, height: 80 })
    expect(clean.bytes.includes(CAMERA_MAKE)).toBe(false)
    expect(clean.bytes.includes('ICC_PROFILE')).toBe(false)
    expect(clean.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]))
    // APP0 (JFIF) first, then the orientation-only EXIF block.
    expect(clean.bytes.readUInt16BE(2)).toBe(0xffe0)
    const exif = clean.bytes.indexOf('Exif\u0000\u0000')
    expect(clean.bytes.readUInt16BE(exif - 4)).toBe(0xffe1)
    expect(clean.bytes.readUInt16BE(exif + 6 + 18)).toBe(6)
    // Cleaning is stable: the stored bytes are a fixed point.
    expect(cleanEvidenceImage(clean.bytes).bytes.equals(clean.bytes)).toBe(true)
  })

  it('drops whatever is glued on after the picture', () => {
    const glued = Buffer.concat([Buffer.from(JPEG_A, 'base64'), Buffer.from('PK\u0003\u0004secret.zip')])
    expect(cleanEvidenceImage(glued).bytes.includes('secret.zip')).toBe(false)
  })

  it('keeps a PNG but its text chunks', () => {
    const png = signaturePng(3, 40, 30)
    // After IHDR (8 bytes of signature + 25 of chunk), as image editors write it.
    const withText = Buffer.concat([png.subarray(0, 33), chunk('tEXt', Buffer.from('Author\u0000王秀英')), png.subarray(33)])
    const clean = cleanEvidenceImage(withText)
    expect(clean).toMatchObject({ type: 'png', width: 40, height: 30 })
    expect(clean.bytes.includes('Author')).toBe(false)
    expect(clean.bytes.equals(png)).toBe(true)
  })

  it('refuses what is not an image, a truncated one, or one claiming an absurd size', () => {
    expect(() => cleanEvidenceImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(NotAnImageError)
    expect(() => cleanEvidenceImage(Buffer.from('GIF89a......'))).toThrow(NotAnImageError)
    const jpeg = Buffer.from(JPEG_A, 'base64')
    expect(() => cleanEvidenceImage(jpeg.subarray(0, 200))).toThrow(NotAnImageError)
    const png = signaturePng(1, 20, 20)
    const huge = Buffer.from(png)
    huge.writeUInt32BE(100_000, 16)
    expect(() => cleanEvidenceImage(huge)).toThrow('implausible size')
    expect(() => cleanEvidenceImage(png.subarray(0, png.length - 12))).toThrow(NotAnImageError)
  })
})

/** A PNG chunk (the CRC is not checked by the cleaner, and not by this test). */
function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length)
  return Buffer.concat([length, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)])
}
