// Storage calls of the real node-sdk against the local server: upload,
// overwrite, temporary URLs fetched over HTTP, download, delete, missing files,
// and paths that try to leave the storage folder.
import fs from 'fs'
import path from 'path'
import { post, rejection } from './helpers'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb

beforeAll(async () => {
  local = await startLocalTcb({ collections: [] })
})
afterAll(() => local.stop())

const upload = (cloudPath: string, text: string) => local.app.uploadFile({ cloudPath, fileContent: Buffer.from(text) })

test('uploadFile stores the bytes under <dataDir>/storage and returns a cloud:// fileID', async () => {
  const { fileID } = await upload('photos/2024/visit.jpg', 'jpeg bytes')
  expect(fileID).toBe('cloud://local.local-storage/photos/2024/visit.jpg')
  expect(fs.readFileSync(path.join(local.dataDir, 'storage', 'photos/2024/visit.jpg'), 'utf8')).toBe('jpeg bytes')
})

test('getTempFileURL gives a URL on the server that serves the file (as a download unless it is an image)', async () => {
  const { fileID } = await upload('docs/看板 1.txt', '你好')
  const { fileList } = await local.app.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })
  expect(fileList[0].code).toBe('SUCCESS')
  expect(fileList[0].tempFileURL.startsWith(`${local.baseUrl}/storage/`)).toBe(true)
  const res = await fetch(encodeURI(fileList[0].tempFileURL))
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/octet-stream')
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="__ 1.txt"; filename*=UTF-8''%E7%9C%8B%E6%9D%BF%201.txt`)
  expect(await res.text()).toBe('你好')
})

test('a temporary URL with a forged signature is refused', async () => {
  const { fileID } = await upload('secret.txt', 'x')
  const { fileList } = await local.app.getTempFileURL({ fileList: [fileID] })
  const forged = fileList[0].tempFileURL.replace(/sign=[0-9a-f]+/, 'sign=00000000000000000000000000000000')
  expect((await fetch(forged)).status).toBe(403)
})

test('uploading to the same cloudPath overwrites the file', async () => {
  const { fileID } = await upload('same/path.txt', 'first')
  await upload('same/path.txt', 'second')
  const { fileContent } = await local.app.downloadFile({ fileID })
  expect(fileContent?.toString()).toBe('second')
})

test('getTempFileURL reports STORAGE_FILE_NONEXIST for a missing file, per entry', async () => {
  const { fileID } = await upload('exists.txt', 'x')
  const { fileList } = await local.app.getTempFileURL({ fileList: [fileID, 'cloud://local.local-storage/missing.txt'] })
  expect(fileList.map((f: { code: string }) => f.code)).toEqual(['SUCCESS', 'STORAGE_FILE_NONEXIST'])
})

test('downloadFile of a missing file fails with STORAGE_FILE_NONEXIST', async () => {
  const err = await rejection(local.app.downloadFile({ fileID: 'cloud://local.local-storage/nothing-here.bin' }))
  expect(err.code).toBe('STORAGE_FILE_NONEXIST')
})

test('deleteFile removes the file; a second delete reports it missing', async () => {
  const { fileID } = await upload('to-delete.txt', 'x')
  expect((await local.app.deleteFile({ fileList: [fileID] })).fileList).toEqual([{ fileID, code: 'SUCCESS' }])
  expect((await local.app.deleteFile({ fileList: [fileID] })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
  expect((await local.app.getTempFileURL({ fileList: [fileID] })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
})

test('cloud paths that could escape the storage folder are refused', async () => {
  for (const cloudPath of ['../escape.txt', 'a/../../escape.txt', '/abs.txt', 'a//b.txt', 'a\\b.txt']) {
    const reply = await post(local.serviceUrl, { action: 'storage.getUploadMetadata', path: cloudPath, method: 'put' }, { credentials: local.credentials })
    expect(reply.code).toBe('INVALID_PARAM')
  }
  expect((await rejection(upload('../escape.txt', 'x'))).code).toBe('INVALID_PARAM')
  const { fileList } = await local.app.getTempFileURL({ fileList: ['cloud://local.local-storage/../local.db'] })
  expect(fileList[0].code).toBe('STORAGE_FILE_NONEXIST')
  expect((await fetch(`${local.baseUrl}/storage/local-storage/..%2Flocal.db?t=9999999999&sign=x`)).status).toBe(400)
  expect(fs.existsSync(path.join(local.dataDir, 'escape.txt'))).toBe(false)
})

test('a PUT without the authorization issued by getUploadMetadata is refused', async () => {
  const res = await fetch(`${local.baseUrl}/storage/local-storage/sneaky.txt`, { method: 'PUT', body: 'x' })
  expect(res.status).toBe(403)
  expect(fs.existsSync(path.join(local.dataDir, 'storage', 'sneaky.txt'))).toBe(false)
})
