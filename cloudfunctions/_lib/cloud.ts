import * as tcb from '@cloudbase/node-sdk'

// The one place that knows where the database is. In a deployed function the
// runtime injects the endpoint and credentials (SYMBOL_CURRENT_ENV); the local
// runtime sets TCB_SERVICE_URL to its own server that speaks the same protocol.
// Nothing else in the functions can tell the two apart.
export type CloudApp = ReturnType<typeof tcb.init>
export type Database = ReturnType<CloudApp['database']>

let app: CloudApp | undefined

export function cloudApp(): CloudApp {
  if (!app) {
    const serviceUrl = process.env.TCB_SERVICE_URL
    app = serviceUrl
      ? tcb.init({
          env: process.env.TCB_ENV || 'local',
          serviceUrl,
          secretId: process.env.TCB_SECRET_ID,
          secretKey: process.env.TCB_SECRET_KEY,
          timeout: 15000,
        })
      : tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  }
  return app
}

export function database(): Database {
  return cloudApp().database()
}

/** The caller's WeChat identity, from the trusted runtime context only. */
export function contextOpenid(context: unknown): string | null {
  if (!context || typeof context !== 'object') return null
  const wx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0])
  const openid = (wx as { WX_OPENID?: unknown }).WX_OPENID
  return typeof openid === 'string' && openid.length > 0 ? openid : null
}
