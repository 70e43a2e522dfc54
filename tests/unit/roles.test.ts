import { can } from '../../domain/access'
import { hasAnyRole } from '../../domain/roles'
import { tabsFor } from '../../src/components/tabs'

describe('roles', () => {
  it('shows residents four tabs, without 工作', () => {
    expect(tabsFor(['resident']).map((tab) => tab.text)).toEqual(['首页', '学习', '举报', '我的'])
  })

  it.each([['cadre'], ['unit_head'], ['office'], ['police']] as const)('shows %s the 工作 tab', (role) => {
    expect(tabsFor(['resident', role]).map((tab) => tab.text)).toEqual(['首页', '学习', '举报', '工作', '我的'])
  })

  it('opens an action to a role only when the user holds it', () => {
    expect(hasAnyRole(['resident', 'cadre'], ['office'])).toBe(false)
    expect(hasAnyRole(['resident', 'cadre'], ['office', 'cadre'])).toBe(true)
    expect(hasAnyRole(['resident'], 'anyone')).toBe(true)
  })

  it('grants each capability from the one access table', () => {
    expect(can(['resident', 'unit_head'], 'readVisits')).toBe(true)
    expect(can(['resident', 'unit_head'], 'exportArchive')).toBe(false)
    expect(can(['resident', 'police'], 'maintainRegister')).toBe(false)
    expect(can(['resident'], 'watchProgress')).toBe(false)
  })
})
