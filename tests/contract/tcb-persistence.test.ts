// Persistence of the local CloudBase: one SQLite file in WAL mode that keeps
// every acknowledged write across a clean restart and across kill -9.
import { spawn } from 'child_process'
import fs from 'fs'
import http from 'http'
import type { AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import readline from 'readline'
import tcb from '@cloudbase/node-sdk'
import { createTcbServer, newCredentials, TcbServer } from '../../local/tcb-server'
import { localSdkConfig } from '../support/local-tcb'

const dirs: string[] = []
const servers: TcbServer[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcb-persist-'))
  dirs.push(dir)
  return dir
}
const open = async (dataDir: string) => {
  const credentials = newCredentials()
  const server = createTcbServer({ dataDir, credentials })
  servers.push(server)
  const { serviceUrl } = await server.listen(0)
  return { server, db: tcb.init(localSdkConfig(serviceUrl, credentials)).database() }
}

afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined)
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

test('documents, indexes and the database file survive a clean restart', async () => {
  const dataDir = tempDir()
  const first = await open(dataDir)
  expect(first.server.isEmpty()).toBe(true)
  first.server.ensureCollections([{ name: 'kept', indexes: [{ name: 'k_1', keys: { k: 1 }, unique: true }] }])
  await first.db.collection('kept').add([{ _id: 'a', k: 1, at: new Date(5) }, { _id: 'b', k: 2 }])
  expect(first.server.isEmpty()).toBe(false)
  await first.server.close()
  expect(fs.existsSync(path.join(dataDir, 'local.db'))).toBe(true)

  const second = await open(dataDir)
  second.server.ensureCollections([{ name: 'kept', indexes: [{ name: 'k_1', keys: { k: 1 }, unique: true }] }])
  expect((await second.db.collection('kept').doc('a').get()).data).toEqual([{ _id: 'a', k: 1, at: new Date(5) }])
  expect((await second.db.collection('kept').where({ k: 2 }).count()).total).toBe(1)
  await expect(second.db.collection('kept').add({ k: 1 })).rejects.toMatchObject({ message: expect.stringContaining('E11000') })
  expect(second.server.isEmpty()).toBe(false)
})

test('every write acknowledged before kill -9 is there after restart', async () => {
  const dataDir = tempDir()
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'tcb-writer.ts'), dataDir], {
    cwd: path.join(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const acked: { id: string; seq: number }[] = []
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout })
    lines.on('line', (line) => {
      const [, id, seq] = line.split(' ')
      acked.push({ id, seq: Number(seq) })
      if (acked.length === 300) {
        child.kill('SIGKILL')
        resolve()
      }
    })
    child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)))
  })
  await exited

  const { db } = await open(dataDir)
  const { total } = await db.collection('acked').count()
  expect(total).toBeGreaterThanOrEqual(acked.length)
  for (const { id, seq } of acked) {
    const { data } = await db.collection('acked').doc(id).get()
    expect(data[0]?.seq).toBe(seq)
    if (seq % 3 === 0) expect(data[0]?.touched).toBe(seq)
  }
}, 30_000)

test('ensureCollections is idempotent and makes the indexes exactly the declared ones', async () => {
  const dataDir = tempDir()
  const { server, db } = await open(dataDir)
  const spec = (unique: boolean) => [{ name: 'evolving', indexes: [{ name: 'k_1', keys: { k: 1 as const }, unique }] }]
  server.ensureCollections(spec(false))
  server.ensureCollections(spec(false))
  await db.collection('evolving').add([{ k: 1 }, { k: 1 }])
  // Turning a field unique over duplicate data fails loudly instead of half-applying.
  expect(() => server.ensureCollections(spec(true))).toThrow(/cannot create index evolving.k_1/)
  await db.collection('evolving').where({ k: 1 }).remove()
  server.ensureCollections(spec(true))
  await db.collection('evolving').add({ k: 2 })
  await expect(db.collection('evolving').add({ k: 2 })).rejects.toMatchObject({ message: expect.stringContaining('index: k_1') })
  server.ensureCollections([{ name: 'evolving', indexes: [] }])
  await db.collection('evolving').add({ k: 2 })
  expect((await db.collection('evolving').where({ k: 2 }).count()).total).toBe(2)
})

test('handle() serves its own paths and leaves the rest to the gateway that mounts it', async () => {
  const credentials = newCredentials()
  const server = createTcbServer({ dataDir: tempDir(), credentials })
  servers.push(server)
  server.ensureCollections([{ name: 'mounted', indexes: [] }])
  const gateway = http.createServer((req, res) => {
    if (server.handle(req, res)) return
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.end('gateway')
  })
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
  try {
    const base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`
    server.setPublicUrl(base)
    const app = tcb.init(localSdkConfig(`${base}/admin`, credentials))
    await app.database().collection('mounted').add({ _id: 'm' })
    expect((await app.database().collection('mounted').doc('m').get()).data).toEqual([{ _id: 'm' }])
    const { fileID } = await app.uploadFile({ cloudPath: 'via-gateway.txt', fileContent: Buffer.from('ok') })
    const { fileList } = await app.getTempFileURL({ fileList: [fileID] })
    expect(fileList[0].tempFileURL.startsWith(`${base}/storage/`)).toBe(true)
    expect(await (await fetch(fileList[0].tempFileURL)).text()).toBe('ok')
    expect(await (await fetch(`${base}/api/fn/x`)).text()).toBe('gateway')
  } finally {
    gateway.closeAllConnections()
    await new Promise<void>((resolve) => gateway.close(() => resolve()))
  }
})
