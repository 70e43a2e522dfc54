import type { Database } from '../../cloudfunctions/_lib/cloud'
import type { Reply } from '../../domain/errors'
import { invoke, type FunctionMain } from '../../local/runtime/invoke'
import { ensureTipSecret } from '../../local/runtime/secrets'
import { seedDemoTown } from '../../local/seed/seed'
import { startLocalTcb } from './local-tcb'
import { assertNoPersonalDataLeak, PersonalDataReader } from './pii-scan'

type Usage = ReturnType<Awaited<ReturnType<typeof startLocalTcb>>['server']['usage']>

const seen = { actions: new Set<string>(), queryOperators: new Set<string>(), updateOperators: new Set<string>(), stages: new Set<string>() }
function recordUsage(usage: Usage): void {
  for (const key of Object.keys(seen) as (keyof typeof seen)[]) usage[key].forEach((name) => seen[key].add(name))
}

/** What the function tests of this file made the database do (all of it implemented). */
export function functionUsage(): Record<keyof typeof seen, string[]> {
  return Object.fromEntries(Object.entries(seen).map(([key, names]) => [key, [...names].sort()])) as Record<keyof typeof seen, string[]>
}

export type Harness = Awaited<ReturnType<typeof startFunctionHarness>>

export interface CallOptions {
  /**
   * Skips the personal-data scan of this reply; the value says why (e.g. the
   * test plants a number on purpose). Every other reply is scanned.
   */
  skipPiiScan?: string
}

/**
 * A fresh local CloudBase (server + SQLite in a temp dir) holding the demo
 * town, and a way to call a function's main as the runtime would, as a
 * given WeChat user.
 */
export async function startFunctionHarness() {
  const local = await startLocalTcb()
  // Read by cloudfunctions/_lib/cloud.ts on its first call in this test file.
  process.env.TCB_SERVICE_URL = local.serviceUrl
  // The tips function's secret, outside the database as `npm start` keeps it.
  ensureTipSecret(local.dataDir)
  const db: Database = local.app.database()
  await seedDemoTown(db)
  const personalData = new PersonalDataReader(local.dataDir)
  let counter = 0
  return {
    local,
    db,
    personalData,
    newRequestId: () => `test-${Date.now().toString(36)}-${(counter += 1)}`,
    /**
     * Also the personal-data scanner: a reply carrying a full phone or an
     * ID-number-like run the caller may not see fails the test (pii-scan.ts).
     */
    async call<T = unknown>(name: string, main: FunctionMain, openid: string | null, event: unknown, options: CallOptions = {}): Promise<Reply<T>> {
      if (options.skipPiiScan !== undefined && !options.skipPiiScan.trim()) throw new Error('skipPiiScan needs a reason')
      const reply = await invoke(name, main, event, { openid })
      if (options.skipPiiScan === undefined) {
        const action = (event as { action?: unknown } | null)?.action
        assertNoPersonalDataLeak(`${name}.${String(action)} for ${openid ?? '(no openid)'}`, reply, { openid, event, reader: personalData })
      }
      return reply as Reply<T>
    },
    async count(collectionName: string, where: Record<string, unknown> = {}) {
      const { total } = await db.collection(collectionName).where(where).count()
      return Number(total)
    },
    /** Also the recorder: every action, operator and stage the functions sent must be implemented by the local server. */
    async stop() {
      const usage = local.server.usage()
      personalData.close()
      await local.stop()
      if (usage.unsupported.length > 0) {
        throw new Error(`the functions used what the local CloudBase does not implement: ${usage.unsupported.join(', ')}`)
      }
      recordUsage(usage)
    },
  }
}
