import { existsSync } from 'fs'
import type { AddressInfo } from 'net'
import { join, resolve } from 'path'
import * as tcb from '@cloudbase/node-sdk'
import { createGateway } from './gateway/server'
import { loadBuiltFunctions, type LoadedFunction } from './runtime/load'
import { startScheduler } from './runtime/scheduler'
import { ensureTipSecret } from './runtime/secrets'
import { DEMO_USERS, DEMO_TOWN } from './seed/demo-town'
import { DISTRICT_DEMO_USERS } from './seed/district'
import { seedDemoActivity, seedDemoTown } from './seed/seed'
import { loadCollectionSpecs } from './tcb-server'
import { startTcbServerThread } from './tcb-server/thread'

export const repoRoot = resolve(__dirname, '..')

export interface LocalOptions {
  port?: number
  /** 127.0.0.1 unless told otherwise: the sign-in header is trusted. */
  host?: string
  dataDir?: string
  functionsDir?: string
  staticDir?: string
  /** Seed the demo town when the database is empty (default true). */
  seed?: boolean
  /** Run timer triggers on their cron (default true). */
  scheduler?: boolean
}

export interface LocalApp {
  url: string
  port: number
  functions: LoadedFunction[]
  seeded: boolean
  stop(): Promise<void>
}

/** The whole product on one machine: database server, functions, gateway, timers. */
export async function startLocal(options: LocalOptions = {}): Promise<LocalApp> {
  const host = options.host ?? '127.0.0.1'
  const dataDir = resolve(options.dataDir ?? join(repoRoot, '.data'))
  const staticDir = resolve(options.staticDir ?? join(repoRoot, 'dist-h5'))

  // The SDK probes a cloud metadata host on every call unless told it runs in
  // Tencent Cloud; with serviceUrl set nothing else changes (see cloudbase.md).
  process.env.TENCENTCLOUD = 'true'
  // The tips function's secret, kept outside the database (local/runtime/secrets.ts).
  ensureTipSecret(dataDir)
  // The demo holds two towns: a new user joins the first, as a deployment of
  // several towns says in DEFAULT_TOWN_ID (README, Configuration).
  process.env.DEFAULT_TOWN_ID ??= DEMO_TOWN._id

  // The database server gets its own thread (the second core); the functions
  // and their SDK calls run on this one.
  const tcbServer = await startTcbServerThread({ dataDir, collections: loadCollectionSpecs() })

  // The functions' SDK (cloudfunctions/_lib/cloud.ts) reads where the database
  // is and this start's key on its first call: set them before anything can call.
  process.env.TCB_SERVICE_URL = tcbServer.serviceUrl
  process.env.TCB_SECRET_ID = tcbServer.credentials.secretId
  process.env.TCB_SECRET_KEY = tcbServer.credentials.secretKey
  const admin = tcb.init({ env: 'local', serviceUrl: tcbServer.serviceUrl, ...tcbServer.credentials })

  const functions = loadBuiltFunctions(options.functionsDir ?? join(repoRoot, 'build', 'cloudfunctions'))
  const gateway = createGateway({
    functions,
    tcb: tcbServer,
    admin,
    staticDir: existsSync(join(staticDir, 'index.html')) ? staticDir : null,
    demoUsers: [...DEMO_USERS, ...DISTRICT_DEMO_USERS].map(({ openid, name, role, detail }) => ({ openid, name, role, detail })),
  })

  await new Promise<void>((resolveListen, reject) => {
    gateway.once('error', reject)
    gateway.listen(options.port ?? 10086, host, () => resolveListen())
  })
  const port = (gateway.address() as AddressInfo).port
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`
  // Temporary file links are handed to browsers: they point at the public port.
  tcbServer.setPublicUrl(url)
  // Posters' QR codes open the H5 build here (cloudfunctions/_lib/codes.ts).
  process.env.LOCAL_APP_URL = url

  let seeded = false
  if (options.seed !== false && (await tcbServer.isEmpty())) {
    await seedDemoTown(admin.database())
    await seedDemoActivity(admin)
    seeded = true
  }

  const stopScheduler =
    options.scheduler === false
      ? () => undefined
      : startScheduler(functions, {
          onRun: (fn, trigger, result) => console.log(`[timer] ${fn}.${trigger}`, JSON.stringify(result)),
          onError: (fn, trigger, error) => console.error(`[timer] ${fn}.${trigger} failed`, error),
        })

  return {
    url,
    port,
    functions,
    seeded,
    async stop() {
      stopScheduler()
      await new Promise<void>((done) => gateway.close(() => done()))
      gateway.closeAllConnections()
      await tcbServer.close()
    },
  }
}
