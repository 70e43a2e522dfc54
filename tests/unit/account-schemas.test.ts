import { createInviteSchema, formatInviteCode, generateInviteCode, INVITE_ALPHABET, redeemInviteSchema } from '../../domain/account'
import { callSchema } from '../../domain/fields'
import { fieldErrors, parseInput } from '../../domain/validate'

describe('invite codes', () => {
  it('accepts a code typed in lower case with a dash or spaces', () => {
    expect(parseInput(redeemInviteSchema, { code: 'k7xm-3qpa' })).toEqual({ ok: true, value: { code: 'K7XM3QPA' } })
    expect(parseInput(redeemInviteSchema, { code: ' K7XM 3QPA ' })).toEqual({ ok: true, value: { code: 'K7XM3QPA' } })
  })

  it('refuses a code of the wrong length, naming the field in Chinese', () => {
    expect(parseInput(redeemInviteSchema, { code: 'ABC' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '邀请码是8位字母和数字', field: 'code' },
    })
  })

  it('refuses look-alike characters that codes never contain', () => {
    const result = parseInput(redeemInviteSchema, { code: 'K7XM3QP0' })
    expect(result.ok).toBe(false)
  })

  it('generates codes only from the unambiguous alphabet', () => {
    let i = 0
    const code = generateInviteCode((n) => (i++ * 7) % n)
    expect(code).toHaveLength(8)
    expect([...code].every((ch) => INVITE_ALPHABET.includes(ch))).toBe(true)
    expect(formatInviteCode('K7XM3QPA')).toBe('K7XM-3QPA')
  })

  it('requires a village for a cadre invite and a unit for a unit-head invite', () => {
    expect(fieldErrors(createInviteSchema, { role: 'cadre' })).toEqual({ villageId: '村社干部的邀请码要选择所在村（社区）' })
    expect(fieldErrors(createInviteSchema, { role: 'unit_head' })).toEqual({ unitId: '单位负责人的邀请码要选择单位' })
    expect(parseInput(createInviteSchema, { role: 'office' })).toEqual({
      ok: true,
      value: { role: 'office', validDays: 7, note: '' },
    })
  })

  it('keeps HTML in a note as text and limits its length', () => {
    const note = '<script>alert(1)</script>'
    expect(parseInput(createInviteSchema, { role: 'police', note })).toMatchObject({ ok: true, value: { note } })
    expect(fieldErrors(createInviteSchema, { role: 'police', note: '长'.repeat(51) })).toEqual({ note: '备注不能超过50个字' })
  })
})

describe('the call envelope', () => {
  it('refuses a body that is not an object with a Chinese message', () => {
    const result = parseInput(callSchema, 'hello')
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求格式不正确，请更新小程序后重试' } })
  })
})
