import http from 'http'
import path from 'path'
import { Worker } from 'worker_threads'
import type { ClientUpload, ClientUploadResult, CollectionSpec } from '.'
import { newCredentials, type TcbCredentials } from './signature'

export interface TcbServerThread {
  /** The SDK's serviceUrl: straight to the server's thread, on its own 127.0.0.1 port. */
  serviceUrl: string
  /** Fresh for every start: the only key /admin accepts. Init the SDK with them (and set TCB_SECRET_ID / TCB_SECRET_KEY for the functions). */
  credentials: TcbCredentials
  /**
   * For the public port: forwards only GET and HEAD of /storage/<bucket>/...
   * (the signed, expiring download URLs browsers load); returns false for
   * everything else, /admin and uploads included.
   */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean
  setPublicUrl(url: string): void
  /** wx.cloud.uploadFile's stand-in, governed by the storage rule; see TcbServer.uploadAsClient. */
  uploadAsClient(upload: ClientUpload): Promise<ClientUploadResult>
  isEmpty(): Promise<boolean>
  close(): Promise<void>
}

/** The bucket of createTcbServer's default env, 'local' (the worker's). */
const BUCKET = 'local-storage'

export interface TcbServerThreadOptions {
  dataDir: string
  collections: CollectionSpec[]
  /** The storage rule for client uploads; default database/storage-rules.json. */
  storageRulesFile?: string
}

/** Starts local/tcb-server on a worker thread, listening on 127.0.0.1 at a free port. */
export async function startTcbServerThread(options: TcbServerThreadOptions): Promise<TcbServerThread> {
  const credentials = newCredentials()
  const worker = new Worker(path.join(__dirname, 'worker-entry.js'), {
    workerData: { dataDir: options.dataDir, host: '127.0.0.1', collections: options.collections, credentials, storageRulesFile: options.storageRulesFile },
  })
  const port = await new Promise<number>((resolve, reject) => {
    const failed = (error: Error) => {
      void worker.terminate()
      reject(error)
    }
    const onMessage = (message: { type: string; port?: number; message?: string }) => {
      if (message.type === 'failed') failed(new Error(String(message.message)))
      if (message.type === 'ready') resolve(Number(message.port))
      if (message.type === 'failed' || message.type === 'ready') {
        worker.off('message', onMessage)
        worker.off('error', failed)
      }
    }
    worker.on('message', onMessage)
    worker.once('error', failed)
  })

  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  let nextId = 0
  worker.on('message', (message: { type: string; id: number; value?: unknown; error?: string }) => {
    if (message.type !== 'reply') return
    const waiting = pending.get(message.id)
    pending.delete(message.id)
    if (message.error !== undefined) waiting?.reject(new Error(message.error))
    else waiting?.resolve(message.value)
  })
  const abandon = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error)
    pending.clear()
  }
  worker.on('error', abandon)
  worker.on('exit', (code) => abandon(new Error(`tcb-server thread exited (${code})`)))
  const ask = <T>(command: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ ...command, id })
    })

  const agent = new http.Agent({ keepAlive: true })

  return {
    serviceUrl: `http://127.0.0.1:${port}/admin`,
    credentials,
    handle(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false
      // Normalised (dot segments resolved) before the check, and forwarded as checked.
      const url = new URL(req.url ?? '/', 'http://local')
      if (!url.pathname.startsWith(`/storage/${BUCKET}/`)) return false
      const upstream = http.request(
        { host: '127.0.0.1', port, method: req.method, path: `${url.pathname}${url.search}`, headers: { accept: req.headers.accept ?? '*/*' }, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502)
        res.end()
      })
      req.resume()
      upstream.end()
      return true
    },
    setPublicUrl: (url) => worker.postMessage({ type: 'setPublicUrl', url }),
    uploadAsClient: (upload) => ask<ClientUploadResult>({ type: 'uploadAsClient', upload }),
    isEmpty: async () => Boolean(await ask<boolean>({ type: 'isEmpty' })),
    async close() {
      await ask({ type: 'close' })
      agent.destroy()
      await worker.terminate()
    },
  }
}
