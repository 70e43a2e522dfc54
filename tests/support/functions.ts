import type { Database } from '../../cloudfunctions/_lib/cloud'
import type { Reply } from '../../domain/errors'
import { invoke, type FunctionMain } from '../../local/runtime/invoke'
import { seedDemoTown } from '../../local/seed/seed'
import { startLocalTcb } from './local-tcb'

export type Harness = Awaited<ReturnType<typeof startFunctionHarness>>

/**
 * A fresh local CloudBase (server + SQLite in a temp dir) holding the demo
 * town, and a way to call a function's main as the runtime would, as a
 * given WeChat user.
 */
export async function startFunctionHarness() {
  const local = await startLocalTcb()
  // Read by cloudfunctions/_lib/cloud.ts on its first call in this test file.
  process.env.TCB_SERVICE_URL = local.serviceUrl
  const db: Database = local.app.database()
  await seedDemoTown(db)
  let counter = 0
  return {
    local,
    db,
    newRequestId: () => `test-${Date.now().toString(36)}-${(counter += 1)}`,
    call: <T = unknown>(name: string, main: FunctionMain, openid: string | null, event: unknown) =>
      invoke(name, main, event, { openid }) as Promise<Reply<T>>,
    async count(collectionName: string, where: Record<string, unknown> = {}) {
      const { total } = await db.collection(collectionName).where(where).count()
      return Number(total)
    },
    stop: () => local.stop(),
  }
}
