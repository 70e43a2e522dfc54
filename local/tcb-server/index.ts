// A local CloudBase: the database and storage wire protocol of @cloudbase/node-sdk
// on one SQLite file, so the real SDK runs unchanged against it. See README.md.
import fs from 'fs'
import http from 'http'
import path from 'path'
import type { AddressInfo } from 'net'
import { loadStorageRules, type StorageRules } from '../rules'
import { createHandler } from './http'
import { newToken } from './ids'
import { Usage, UsageReport } from './operators'
import type { TcbCredentials } from './signature'
import { ClientUpload, ClientUploadResult, Storage } from './storage'
import { CollectionSpec, IndexSpec, Store } from './store'
import { TransactionManager } from './transactions'

export type { CollectionSpec, IndexSpec } from './store'
export type { UsageReport } from './operators'
export type { ClientUpload, ClientUploadResult } from './storage'
export type { TcbCredentials } from './signature'
export { newCredentials } from './signature'
export { ErrorCode } from './errors'

export interface TcbServerOptions {
  dataDir: string
  env?: string
  /** Base for temporary download URLs (what browsers load), e.g. http://127.0.0.1:10086 */
  publicUrl?: string
  /** When set, POST /admin answers only requests the SDK signed with these (TC3-HMAC-SHA256, as CloudBase). */
  credentials?: TcbCredentials
  /** The bucket's storage rule for client uploads; default database/storage-rules.json. */
  storageRules?: StorageRules
}

export interface TcbServer {
  /** Handles a request if its path is the server's (/admin, /storage/... with every method); returns false otherwise. For tests and tools: a public port mounts startTcbServerThread's handle, which serves downloads only. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean
  /** Standalone: listens on host (default 127.0.0.1) and port (0 = any); sets publicUrl if unset; resolves with serviceUrl = `${base}/admin`. */
  listen(port?: number, host?: string): Promise<{ port: number; baseUrl: string; serviceUrl: string }>
  setPublicUrl(url: string): void
  /** wx.cloud.uploadFile's stand-in: stores the file if the storage rule's write allows this uploader, and records them as its owner. */
  uploadAsClient(upload: ClientUpload): Promise<ClientUploadResult>
  /** Creates missing collections and their indexes; idempotent. */
  ensureCollections(specs: CollectionSpec[]): void
  /** True when no collection holds a document (used to decide whether to seed demo data). */
  isEmpty(): boolean
  /** Every action, query operator, update operator and aggregate stage seen since start, and which of them were unsupported. */
  usage(): UsageReport
  close(): Promise<void>
}

const REPO_ROOT = path.resolve(__dirname, '..', '..')

/** Reads database/collections.json: { collections: { <name>: { indexes: [...] } } }. */
export function loadCollectionSpecs(file = path.join(REPO_ROOT, 'database', 'collections.json')): CollectionSpec[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: Record<string, { indexes?: IndexSpec[] }> }
  return Object.entries(parsed.collections ?? {}).map(([name, spec]) => ({ name, indexes: spec.indexes ?? [] }))
}

export function createTcbServer(options: TcbServerOptions): TcbServer {
  const env = options.env ?? 'local'
  let publicUrl = options.publicUrl?.replace(/\/$/, '')
  /** The server's own port, once it listens: where the SDK PUTs uploads. */
  let ownUrl: string | undefined
  const storageRules = options.storageRules ?? loadStorageRules()
  const store = new Store(options.dataDir)
  const usage = new Usage()
  const transactions = new TransactionManager(store)
  const requirePublicUrl = () => {
    if (!publicUrl) throw new Error('tcb-server: publicUrl is not set (pass it, call setPublicUrl, or listen())')
    return publicUrl
  }
  const storage = new Storage(
    path.join(options.dataDir, 'storage'),
    env,
    store.meta('storage-secret', newToken),
    requirePublicUrl,
    () => ownUrl ?? requirePublicUrl(),
    store,
    storageRules,
  )
  const handle = createHandler({ env, db: { store, usage, transactions }, storage, credentials: options.credentials })
  let server: http.Server | undefined

  return {
    handle,
    setPublicUrl(url) {
      publicUrl = url.replace(/\/$/, '')
    },
    uploadAsClient: async (upload) => storage.uploadAsClient(upload),
    listen(port = 0, host = '127.0.0.1') {
      const s = http.createServer((req, res) => {
        if (!handle(req, res)) {
          res.writeHead(404, { 'content-type': 'text/plain' })
          res.end('not found')
        }
      })
      // Longer than the SDK's 4.8 s idle keep-alive, so it never reuses a socket we just closed.
      s.keepAliveTimeout = 10_000
      server = s
      return new Promise((resolve, reject) => {
        s.once('error', reject)
        s.listen(port, host, () => {
          const { port: bound } = s.address() as AddressInfo
          const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`
          publicUrl ??= baseUrl
          ownUrl = baseUrl
          resolve({ port: bound, baseUrl, serviceUrl: `${baseUrl}/admin` })
        })
      })
    },
    ensureCollections: (specs) => store.ensureCollections(specs),
    isEmpty: () => store.isEmpty(),
    usage: () => usage.report(),
    async close() {
      if (server) {
        const s = server
        server = undefined
        await new Promise<void>((resolve) => {
          s.close(() => resolve())
          s.closeAllConnections()
        })
      }
      store.close()
    },
  }
}
