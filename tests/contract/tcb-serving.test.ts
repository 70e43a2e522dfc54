// Files are served from the app's origin, so a download must never render:
// only raster images keep their type, everything else is an attachment of
// application/octet-stream (xlsx keeps its own type), and every storage
// response carries nosniff and a sandboxing CSP.
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb

beforeAll(async () => {
  local = await startLocalTcb({ collections: [] })
})
afterAll(() => local.stop())

const CSP = "default-src 'none'; sandbox"

/** Uploads through the admin SDK (which may write anywhere) and fetches the temporary URL. */
async function served(cloudPath: string, content = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', method = 'GET') {
  const { fileID } = await local.app.uploadFile({ cloudPath, fileContent: Buffer.from(content) })
  const { fileList } = await local.app.getTempFileURL({ fileList: [fileID] })
  const res = await fetch(encodeURI(fileList[0].tempFileURL), { method })
  return { status: res.status, headers: res.headers, body: await res.text() }
}

test.each([
  ['a.png', 'image/png'],
  ['b.JPG', 'image/jpeg'],
  ['c.jpeg', 'image/jpeg'],
  ['d.gif', 'image/gif'],
  ['e.webp', 'image/webp'],
])('%s is served inline as %s, with nosniff and the sandbox CSP', async (name, type) => {
  const res = await served(`img/${name}`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe(type)
  expect(res.headers.get('content-disposition')).toBeNull()
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('content-security-policy')).toBe(CSP)
})

test.each(['x.svg', 'x.html', 'x.htm', 'x.xml', 'x.js', 'x.pdf', 'x.txt', 'x.csv', 'noextension'])(
  'an uploaded %s is an octet-stream attachment, never a renderable type',
  async (name) => {
    const res = await served(`evil/${name}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/octet-stream')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toBe(CSP)
  },
)

test('xlsx keeps its type but is still an attachment, named in UTF-8 (RFC 5987)', async () => {
  const res = await served("exports/新华村 入户记录(2024)'s.xlsx", 'PK')
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(res.headers.get('content-disposition')).toBe(
    `attachment; filename="___ ____(2024)'s.xlsx"; filename*=UTF-8''%E6%96%B0%E5%8D%8E%E6%9D%91%20%E5%85%A5%E6%88%B7%E8%AE%B0%E5%BD%95%282024%29%27s.xlsx`,
  )
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
})

test('HEAD answers the same headers without a body', async () => {
  const res = await served('evil/head.svg', '<svg/>', 'HEAD')
  expect(res.headers.get('content-type')).toBe('application/octet-stream')
  expect(res.headers.get('content-disposition')).toContain('attachment')
  expect(res.body).toBe('')
})

test('refusals (bad signature, missing file) carry the same protective headers', async () => {
  const forged = await fetch(`${local.baseUrl}/storage/local-storage/evil/x.svg?t=9999999999&sign=00000000000000000000000000000000`)
  expect(forged.status).toBe(403)
  expect(forged.headers.get('x-content-type-options')).toBe('nosniff')
  expect(forged.headers.get('content-security-policy')).toBe(CSP)
})
