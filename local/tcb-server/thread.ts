import http from 'http'
import path from 'path'
import { Worker } from 'worker_threads'
import type { CollectionSpec } from '.'

export interface TcbServerThread {
  /** The SDK's serviceUrl: straight to the server's thread. */
  serviceUrl: string
  /** Forwards /admin and /storage/... requests (file URLs handed to browsers) to the server's thread. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean
  setPublicUrl(url: string): void
  isEmpty(): Promise<boolean>
  close(): Promise<void>
}

/** Starts local/tcb-server on a worker thread, listening on 127.0.0.1 at a free port. */
export async function startTcbServerThread(options: { dataDir: string; collections: CollectionSpec[] }): Promise<TcbServerThread> {
  const worker = new Worker(path.join(__dirname, 'worker-entry.js'), {
    workerData: { dataDir: options.dataDir, host: '127.0.0.1', collections: options.collections },
  })
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (message.type === 'failed') reject(new Error(String(message.message)))
        else if (message.type === type) {
          worker.off('message', onMessage)
          resolve(message)
        }
      }
      worker.on('message', onMessage)
      worker.once('error', reject)
    })
  const { port } = (await next('ready')) as { port: number }
  const agent = new http.Agent({ keepAlive: true })

  return {
    serviceUrl: `http://127.0.0.1:${port}/admin`,
    handle(req, res) {
      const pathname = (req.url ?? '').split('?')[0]
      if (pathname !== '/admin' && !pathname.startsWith('/storage/')) return false
      const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502)
        res.end()
      })
      req.pipe(upstream)
      return true
    },
    setPublicUrl: (url) => worker.postMessage({ type: 'setPublicUrl', url }),
    async isEmpty() {
      const answer = next('isEmpty')
      worker.postMessage({ type: 'isEmpty' })
      return Boolean((await answer).value)
    },
    async close() {
      const closed = next('closed')
      worker.postMessage({ type: 'close' })
      await closed
      agent.destroy()
      await worker.terminate()
    },
  }
}
