import { fireEvent, render, waitFor } from '@testing-library/react'
import type { HouseholdView, RosterPreview } from '../../domain/roster'
import { downloadRegister, readCachedRegister, searchHouseholds } from '../../src/features/households/register-cache'
import RosterPage from '../../src/pages/staff/roster/index'
import { callsTo, findIn, type Handler, makeMe, mockCloud, ok } from '../support/app-fixtures'
import { taroMock } from '../support/taro-mock'

const HOUSEHOLDS: HouseholdView[] = [
  { id: 'h-1', group: 3, address: '新华村3组12号', headName: '王大爷', phone: '13812341234' },
  { id: 'h-2', group: 3, address: '新华村3组14号', headName: '李秀兰', phone: '' },
  { id: 'h-3', group: 12, address: '新华村12组3号', headName: '张王氏', phone: '023-47651042' },
]

describe('searching the register on the phone', () => {
  const ids = (query: string) => searchHouseholds(HOUSEHOLDS, query).hits.map((household) => household.id)

  it('finds by part of the head’s name, names starting with it first', () => {
    expect(ids('王')).toEqual(['h-1', 'h-3'])
    expect(ids('秀兰')).toEqual(['h-2'])
  })

  it('finds by the address as people write it: 三组12, 3组 12号, 12组', () => {
    expect(ids('三组12')).toEqual(['h-1'])
    expect(ids('3组 12号')).toEqual(['h-1'])
    expect(ids('3组1')).toEqual(['h-1', 'h-2'])
    expect(ids('12组')).toEqual(['h-3'])
  })

  it('finds by four or more digits of the phone, not fewer', () => {
    expect(ids('1234')).toEqual(['h-1'])
    expect(ids('47651042')).toEqual(['h-3'])
    expect(ids('123')).toEqual([])
  })

  it('lists at most the limit and says how many more matched', () => {
    expect(searchHouseholds(HOUSEHOLDS, '新华村', 2)).toMatchObject({ more: 1 })
    expect(searchHouseholds(HOUSEHOLDS, '  ')).toEqual({ hits: [], more: 0 })
  })
})

describe('the register kept on the phone', () => {
  it('downloads every page and keeps the whole register', async () => {
    const cloud = mockCloud({
      'households.register': ({ payload }) =>
        ok(payload.offset === 0 ? { households: HOUSEHOLDS.slice(0, 2), nextOffset: 2 } : { households: HOUSEHOLDS.slice(2), nextOffset: null }),
    })
    const progress: number[] = []
    const reply = await downloadRegister('v-1', (loaded) => progress.push(loaded))
    expect(reply.ok).toBe(true)
    expect(progress).toEqual([2, 3])
    expect(callsTo(cloud, 'register').map((call) => call.payload)).toEqual([
      { villageId: 'v-1', offset: 0 },
      { villageId: 'v-1', offset: 2 },
    ])
    expect(readCachedRegister('v-1')?.households.map((household) => household.id)).toEqual(['h-1', 'h-2', 'h-3'])
    expect(readCachedRegister('v-2')).toBeNull()
  })

  it('keeps the previous copy when a refresh fails halfway', async () => {
    mockCloud({ 'households.register': () => ok({ households: HOUSEHOLDS, nextOffset: null }) })
    await downloadRegister('v-1')
    mockCloud({
      'households.register': ({ payload }) => (payload.offset === 0 ? ok({ households: [HOUSEHOLDS[0]], nextOffset: 1 }) : new Error('no signal')),
    })
    const reply = await downloadRegister('v-1')
    expect(reply.ok).toBe(false)
    expect(readCachedRegister('v-1')?.households).toHaveLength(3)
  })
})

const CLEAN: RosterPreview = { total: 120, toAdd: 118, alreadyRegistered: 2, problems: [], moreProblems: 0, missingHeaders: [] }

function renderRoster(handlers: Record<string, Handler>, roles: Parameters<typeof makeMe>[0] = ['resident', 'cadre']) {
  const cloud = mockCloud({
    'account.signIn': () => ok(makeMe(roles, roles.includes('cadre') ? { village: { id: 'v-1', name: '新华村' } } : {})),
    'households.register': () => ok({ households: HOUSEHOLDS, nextOffset: null }),
    // A cadre works with one village: the page opens on it.
    'account.directory': () => ok({ villages: [{ id: 'v-1', name: '新华村' }], units: [] }),
    ...handlers,
  })
  return { ...render(<RosterPage />), cloud }
}

describe('户籍名册导入', () => {
  it('uploads the chosen file and lists each problem row with its line number; nothing to confirm', async () => {
    const { container, cloud } = renderRoster({
      'households.previewImport': () =>
        ok({
          total: 5,
          toAdd: 3,
          alreadyRegistered: 0,
          problems: [
            { line: 3, field: 'door', message: '缺少门牌号' },
            { line: 6, field: 'phone', message: '电话“12345”无效：请填写11位手机号，或带区号的座机号（如 023-47651042）' },
          ],
          moreProblems: 4,
          missingHeaders: [],
        }),
    })
    fireEvent.click(await findIn(container, '#roster-choose'))
    const problems = await findIn(container, '#roster-problems')

    const [upload] = taroMock.cloud.uploadFile.mock.calls[0] as [{ cloudPath: string; filePath: string }]
    expect(upload.filePath).toBe('wxfile://tmp/roster.xlsx')
    expect(upload.cloudPath).toMatch(/^imports\/v-1\/u_0123456789abcdef01234567\/[A-Za-z0-9_-]{22}\.xlsx$/)
    expect(callsTo(cloud, 'previewImport')[0].payload).toEqual({ villageId: 'v-1', fileID: `cloud://env.bucket/${upload.cloudPath}` })

    expect(problems.textContent).toContain('有 6 处问题')
    expect(container.querySelector('#roster-problem-0')?.textContent).toBe('第 3 行 · 门牌号：缺少门牌号')
    expect(container.querySelector('#roster-problem-1')?.textContent).toContain('第 6 行 · 联系电话：电话“12345”无效')
    expect(problems.textContent).toContain('还有 4 处问题没有列出')
    expect(container.querySelector('#roster-commit')).toBeNull()
  })

  it('names the missing header columns', async () => {
    const { container } = renderRoster({
      'households.previewImport': () => ok({ ...CLEAN, total: 0, toAdd: 0, alreadyRegistered: 0, missingHeaders: ['door', 'group'] }),
    })
    fireEvent.click(await findIn(container, '#roster-choose'))
    expect((await findIn(container, '#roster-missing-headers')).textContent).toContain('表头缺少：门牌号、组')
    expect(container.querySelector('#roster-commit')).toBeNull()
  })

  it('imports a clean file on confirmation, shows the result and refreshes the register on the phone', async () => {
    const { container, cloud } = renderRoster({
      'households.previewImport': () => ok(CLEAN),
      'households.commitImport': () => ok({ added: 118, alreadyRegistered: 2 }),
    })
    fireEvent.click(await findIn(container, '#roster-choose'))
    expect((await findIn(container, '#roster-to-add')).textContent).toContain('118')
    expect(container.querySelector('#roster-existing')?.textContent).toContain('2')
    await waitFor(() => expect(callsTo(cloud, 'register')).toHaveLength(1))

    fireEvent.click(await findIn(container, '#roster-commit'))
    expect((await findIn(container, '#roster-result')).textContent).toContain('新增 118 户')
    const [commit] = callsTo(cloud, 'commitImport')
    expect(commit.payload).toEqual(callsTo(cloud, 'previewImport')[0].payload)
    expect(commit.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    await waitFor(() => expect(callsTo(cloud, 'register')).toHaveLength(2))
  })

  it('refuses a file that is not .xlsx or .csv before uploading it', async () => {
    taroMock.chooseMessageFile = jest.fn(async () => ({ tempFiles: [{ path: 'wxfile://tmp/a.doc', name: '名册.doc', size: 10 }] }))
    const { container } = renderRoster({})
    fireEvent.click(await findIn(container, '#roster-choose'))
    await waitFor(() => expect(container.textContent).toContain('“名册.doc”不是 .xlsx 或 .csv 文件'))
    expect(taroMock.cloud.uploadFile).not.toHaveBeenCalled()
  })

  it('lets the office choose the village first', async () => {
    const { container, cloud } = renderRoster(
      {
        'account.directory': () => ok({ villages: [{ id: 'v-1', name: '新华村' }, { id: 'v-2', name: '新街社区' }], units: [] }),
        'households.previewImport': () => ok(CLEAN),
      },
      ['resident', 'office'],
    )
    fireEvent.click(await findIn(container, '#village-v-2'))
    fireEvent.click(await findIn(container, '#roster-choose'))
    await findIn(container, '#roster-preview')
    expect(callsTo(cloud, 'previewImport')[0].payload).toMatchObject({ villageId: 'v-2' })
  })

  it('is closed to residents and unit heads', async () => {
    const { container } = renderRoster({}, ['resident', 'unit_head'])
    await findIn(container, '#roster-page-forbidden')
  })
})
