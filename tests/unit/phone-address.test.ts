import { chineseNumeral, GROUP_REQUIRED, normaliseAddress, villageHouseholdAddress } from '../../domain/address'
import { maskAddress, maskFreeText, maskName } from '../../domain/mask'
import { maskPhone, normalisePhone } from '../../domain/phone'

describe('phone numbers', () => {
  it.each([
    ['138 1234 1234', '13812341234'],
    ['+86 138-1234-1234', '13812341234'],
    ['８６13812341234', '13812341234'],
    ['023-47651042', '023-47651042'],
    ['02347651042', '023-47651042'],
    ['(023)47651042', '023-47651042'],
    ['010 12345678', '010-12345678'],
    ['0851-1234567', '0851-1234567'],
  ])('normalises %s to %s', (raw, value) => {
    expect(normalisePhone(raw)?.value).toBe(value)
  })

  it.each(['12345678901', '1381234123', '47651042', '96110', 'abc', '023-123'])('refuses %s', (raw) => {
    expect(normalisePhone(raw)).toBeNull()
  })

  it('masks the middle of mobiles and the local part of landlines', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskPhone('023-47651042')).toBe('023-****1042')
    expect(maskPhone('')).toBe('')
  })
})

describe('standard addresses', () => {
  const ctx = { townName: '贾嗣镇', villageName: '新华村' }
  it('makes the many ways of writing one door the same key', () => {
    const keys = ['3组12号', '三组12号', '3组 12号', '新华村3组12號', '贾嗣镇新华村三社十二号', '３组１２', '3小组12号'].map(
      (raw) => normaliseAddress(raw, ctx)?.key,
    )
    expect(new Set(keys)).toEqual(new Set(['3组12号']))
    expect(normaliseAddress('三组12号', ctx)).toEqual({ key: '3组12号', group: 3, label: '新华村3组12号' })
  })

  it('keeps different doors apart', () => {
    expect(normaliseAddress('3组12号', ctx)?.key).not.toBe(normaliseAddress('3组21号', ctx)?.key)
    expect(normaliseAddress('13组2号', ctx)?.key).not.toBe(normaliseAddress('1组32号', ctx)?.key)
  })

  it('normalises community buildings and rooms', () => {
    const ctx2 = { villageName: '贾嗣社区' }
    expect(normaliseAddress('2幢1单元301室', ctx2)?.key).toBe('2栋1单元301室')
    expect(normaliseAddress('2号楼1单元301室', ctx2)?.key).toBe('2栋1单元301室')
    expect(normaliseAddress('二栋一单元三〇一室', ctx2)?.key).toBe('2栋1单元301室')
  })

  it('refuses an address without any number', () => {
    expect(normaliseAddress('新华村', ctx)).toBeNull()
    expect(normaliseAddress('   ', ctx)).toBeNull()
  })

  it('reads Chinese numerals', () => {
    expect(chineseNumeral('十')).toBe(10)
    expect(chineseNumeral('十二')).toBe(12)
    expect(chineseNumeral('二十三')).toBe(23)
    expect(chineseNumeral('一百零五')).toBe(105)
    expect(chineseNumeral('三〇一')).toBe(301)
  })
})

describe('masking names and addresses in lists', () => {
  it('keeps the family name', () => {
    expect(maskName('张三')).toBe('张*')
    expect(maskName('李小明')).toBe('李**')
    expect(maskName('欧阳娜娜')).toBe('欧阳**')
    expect(maskName('王')).toBe('王*')
  })
  it('keeps the village and group, hides the door', () => {
    expect(maskAddress('新华村3组12号')).toBe('新华村3组**')
    expect(maskAddress('贾嗣社区2栋1单元301室')).toBe('贾嗣社区2栋**')
  })
})

describe('numbers typed into free text', () => {
  it.each([
    ['请回电13812341234', '请回电138****1234'],
    ['手机 138 1234 1234 白天打', '手机 138 **** 1234 白天打'],
    ['座机023-47651042', '座机023-****1042'],
    ['身份证50038119900101123X', '身份证500***********123X'],
    ['卡号6222 0212 3456 7890 123', '卡号622* **** **** ***0 123'],
    ['本地号47651042', '本地号****1042'],
    ['１３８１２３４１２３４', '１３８****１２３４'],
  ])('masks %s', (text, masked) => {
    expect(maskFreeText(text)).toBe(masked)
  })

  it.each(['2026-11-30 回访', '3组12号', '损失5000元', '2栋1单元301室', '96110'])('leaves %s as typed', (text) => {
    expect(maskFreeText(text)).toBe(text)
  })
})

describe('a household address in a village', () => {
  const village = { name: '新华村', kind: 'village' as const }
  const community = { name: '贾嗣社区', kind: 'community' as const }

  it('needs a group in a 村: in the 组 field or in the door', () => {
    expect(villageHouseholdAddress(village, 3, '12号')).toEqual({ address: { key: '3组12号', group: 3, label: '新华村3组12号' } })
    expect(villageHouseholdAddress(village, null, '三组12号')).toMatchObject({ address: { key: '3组12号' } })
    expect(villageHouseholdAddress(village, null, '12号')).toEqual({ problems: [{ field: 'group', message: GROUP_REQUIRED }] })
  })

  it('names every problem, the group first', () => {
    expect(villageHouseholdAddress(village, null, '')).toEqual({ problems: [{ field: 'group', message: GROUP_REQUIRED }, { field: 'door', message: expect.stringContaining('没有号数') }] })
  })

  it('needs no group in a 社区', () => {
    expect(villageHouseholdAddress(community, null, '2栋1单元301')).toMatchObject({ address: { key: '2栋1单元301', group: null } })
  })
})
