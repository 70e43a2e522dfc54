import { parentPort, workerData } from 'worker_threads'
import { loadStorageRules } from '../rules'
import { createTcbServer, type ClientUpload, type CollectionSpec, type TcbCredentials } from '.'

// Runs the local CloudBase on its own thread, so its SQLite and protocol work
// uses the second core while the functions and their SDK calls use the first.

interface Start {
  dataDir: string
  host: string
  collections: CollectionSpec[]
  credentials: TcbCredentials
  storageRulesFile?: string
}

/** Commands that expect a reply carry an id; the reply is { type: 'reply', id, value } or { type: 'reply', id, error }. */
type Command =
  | { type: 'setPublicUrl'; url: string }
  | { type: 'isEmpty'; id: number }
  | { type: 'uploadAsClient'; id: number; upload: Omit<ClientUpload, 'content'> & { content: Uint8Array } }
  | { type: 'close'; id: number }

async function main() {
  const { dataDir, host, collections, credentials, storageRulesFile } = workerData as Start
  const server = createTcbServer({ dataDir, credentials, storageRules: loadStorageRules(storageRulesFile) })
  server.ensureCollections(collections)
  const { port } = await server.listen(0, host)
  const reply = async (id: number, run: () => Promise<unknown> | unknown) => {
    try {
      parentPort?.postMessage({ type: 'reply', id, value: await run() })
    } catch (error) {
      parentPort?.postMessage({ type: 'reply', id, error: String((error as Error)?.stack ?? error) })
    }
  }
  parentPort?.on('message', (command: Command) => {
    if (command.type === 'setPublicUrl') server.setPublicUrl(command.url)
    if (command.type === 'isEmpty') void reply(command.id, () => server.isEmpty())
    if (command.type === 'uploadAsClient') {
      // Buffers cross the thread boundary as plain Uint8Arrays.
      const { content } = command.upload
      void reply(command.id, () => server.uploadAsClient({ ...command.upload, content: Buffer.from(content.buffer, content.byteOffset, content.byteLength) }))
    }
    if (command.type === 'close') void reply(command.id, () => server.close())
  })
  parentPort?.postMessage({ type: 'ready', port })
}

main().catch((error) => {
  parentPort?.postMessage({ type: 'failed', message: String(error?.stack ?? error) })
})
