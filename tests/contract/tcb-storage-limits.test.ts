// Storage answers as node-sdk's own tests against CloudBase expect them
// (test/storage/getDownloadUrls.test.ts, deleteFile.test.ts,
// getFileAuthority.test.ts): a fileID that names no file of this bucket is
// STORAGE_FILE_NONEXIST for that entry, more than 50 files in one call is
// INVALID_PARAM, and getFileAuthority answers what the storage rule lets the
// function's caller do with each file.
import { compileRule, STORAGE_VARIABLES } from '../../local/rules'
import { MAX_FILES_PER_CALL } from '../../local/tcb-server/storage'
import { rejection } from './helpers'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb

const OWNER_ONLY = 'auth != null && resource.openid == auth.openid'

beforeAll(async () => {
  local = await startLocalTcb({
    collections: [],
    storageRules: { read: compileRule(OWNER_ONLY, STORAGE_VARIABLES), write: compileRule(OWNER_ONLY, STORAGE_VARIABLES) },
  })
})
afterAll(() => local.stop())

const upload = async (cloudPath: string) => (await local.app.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).fileID

const NOT_OURS = [
  'cloud://local.tcbenv-mPIgjhnq/1535367916760.jpg', // node-sdk's test: another bucket of the env
  'cloud://other-env.other-env-storage/a.txt',
  'cloud://local.local-storage/',
  'cloud://local.local-storage/a//b.txt',
  'not-a-file-id',
]

describe('fileIDs that name no file of this bucket', () => {
  test('getTempFileURL reports STORAGE_FILE_NONEXIST for each, next to the files that exist', async () => {
    const fileID = await upload('limits/exists.txt')
    const { fileList } = await local.app.getTempFileURL({ fileList: [fileID, ...NOT_OURS] })
    expect(fileList.map((f: { fileID: string; code: string }) => [f.fileID, f.code])).toEqual([
      [fileID, 'SUCCESS'],
      ...NOT_OURS.map((id) => [id, 'STORAGE_FILE_NONEXIST']),
    ])
  })

  test('deleteFile reports STORAGE_FILE_NONEXIST for each and deletes the rest', async () => {
    const fileID = await upload('limits/delete-me.txt')
    const { fileList } = await local.app.deleteFile({ fileList: [...NOT_OURS, fileID] })
    expect(fileList.map((f: { code: string }) => f.code)).toEqual([...NOT_OURS.map(() => 'STORAGE_FILE_NONEXIST'), 'SUCCESS'])
  })

  test('downloadFile fails with STORAGE_FILE_NONEXIST', async () => {
    for (const fileID of NOT_OURS) expect((await rejection(local.app.downloadFile({ fileID }))).code).toBe('STORAGE_FILE_NONEXIST')
  })
})

describe('at most 50 files per call', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `cloud://local.local-storage/limits/missing-${i}.txt`)

  test('getTempFileURL and deleteFile take 50 files and refuse 51 with INVALID_PARAM', async () => {
    expect(MAX_FILES_PER_CALL).toBe(50)
    expect((await local.app.getTempFileURL({ fileList: ids(50) })).fileList).toHaveLength(50)
    expect((await local.app.deleteFile({ fileList: ids(50) })).fileList).toHaveLength(50)
    expect((await rejection(local.app.getTempFileURL({ fileList: ids(51) }))).code).toBe('INVALID_PARAM')
    expect((await rejection(local.app.deleteFile({ fileList: ids(51) }))).code).toBe('INVALID_PARAM')
  })

  test('a refused batch deletes nothing', async () => {
    const fileID = await upload('limits/kept.txt')
    await rejection(local.app.deleteFile({ fileList: [fileID, ...ids(50)] }))
    expect((await local.app.getTempFileURL({ fileList: [fileID] })).fileList[0].code).toBe('SUCCESS')
  })
})

describe('getFileAuthority', () => {
  const asCaller = async <T>(openid: string, call: () => Promise<T>): Promise<T> => {
    const saved = { keys: process.env.WX_CONTEXT_KEYS, openid: process.env.WX_OPENID }
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID'
    process.env.WX_OPENID = openid
    try {
      return await call()
    } finally {
      for (const [name, value] of [['WX_CONTEXT_KEYS', saved.keys], ['WX_OPENID', saved.openid]] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  }
  const authority = (openid: string, fileList: { path: string; type: string }[]) =>
    asCaller(openid, () => local.app.getFileAuthority({ fileList })) as Promise<{ data: { path: string; cosFileId: string; read: boolean; write: boolean }[] }>

  test("answers the storage rule's read and write for the caller, per file", async () => {
    const cloudPath = 'limits/alice/photo.png'
    const uploaded = await local.server.uploadAsClient({ openid: 'o-alice', cloudPath, content: Buffer.from('png') })
    expect(uploaded.ok).toBe(true)
    const fileID = `cloud://local.local-storage/${cloudPath}`
    const byAdmin = await upload('limits/admin.txt')

    const alice = await authority('o-alice', [
      { path: fileID, type: 'READ' },
      { path: byAdmin, type: 'READWRITE' },
    ])
    expect(alice.data).toEqual([
      { path: fileID, cosFileId: expect.any(String), read: true, write: true },
      { path: byAdmin, cosFileId: expect.any(String), read: false, write: false },
    ])
    const bob = await authority('o-bob', [{ path: fileID, type: 'WRITE' }])
    expect(bob.data).toEqual([{ path: fileID, cosFileId: expect.any(String), read: false, write: false }])
  })

  test('the SDK refuses it to an admin without a caller, before any request', async () => {
    const err = await rejection(local.app.getFileAuthority({ fileList: [{ path: 'limits/x.txt', type: 'READ' }] }))
    expect(err.message).toContain('admin do not need getCosFileAuthority')
  })
})
