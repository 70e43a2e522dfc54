import { parentPort, workerData } from 'worker_threads'
import { createTcbServer, type CollectionSpec } from '.'

// Runs the local CloudBase on its own thread, so its SQLite and protocol work
// uses the second core while the functions and their SDK calls use the first.

interface Start {
  dataDir: string
  host: string
  collections: CollectionSpec[]
}

type Command = { type: 'setPublicUrl'; url: string } | { type: 'isEmpty' } | { type: 'close' }

async function main() {
  const { dataDir, host, collections } = workerData as Start
  const server = createTcbServer({ dataDir })
  server.ensureCollections(collections)
  const { port } = await server.listen(0, host)
  parentPort?.on('message', async (command: Command) => {
    if (command.type === 'setPublicUrl') server.setPublicUrl(command.url)
    if (command.type === 'isEmpty') parentPort?.postMessage({ type: 'isEmpty', value: server.isEmpty() })
    if (command.type === 'close') {
      await server.close()
      parentPort?.postMessage({ type: 'closed' })
    }
  })
  parentPort?.postMessage({ type: 'ready', port })
}

main().catch((error) => {
  parentPort?.postMessage({ type: 'failed', message: String(error?.stack ?? error) })
})
