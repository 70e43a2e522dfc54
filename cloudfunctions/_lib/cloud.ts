import * as tcb from '@cloudbase/node-sdk'
import type { MessageTemplate } from '../../domain/messages'
import type { CodeMaker } from './codes'
import type { MessageChannel } from './notify'
import { localTemplateIds, outboxChannel } from './notify/outbox'
import { configuredTemplateIds } from './notify/templates'
import { wechatChannel, type OpenApi } from './notify/wechat'

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

let channel: MessageChannel | undefined

/**
 * Where subscribe messages go: WeChat's cloud call in a deployed function, the
 * local outbox (shown at /local/outbox) when the functions run locally.
 */
export function messageChannel(): MessageChannel {
  channel ??= process.env.TCB_SERVICE_URL ? outboxChannel : wechatChannel(wechatOpenApi)
  return channel
}

/** The subscribe-message template ids users are asked to accept (wx.requestSubscribeMessage). */
export function messageTemplateIds(): Partial<Record<MessageTemplate, string>> {
  return process.env.TCB_SERVICE_URL ? localTemplateIds() : configuredTemplateIds()
}

let codes: CodeMaker | undefined

/**
 * What makes a poster's code: WeChat's mini-program code in a deployed
 * function, a QR code of the H5 link locally (LOCAL_APP_URL: where the local
 * gateway serves the app). The makers come from the caller (_lib/codes.ts),
 * so functions that make no code do not carry them.
 */
export function codeMaker(makers: { local(appUrl: string): CodeMaker; wechat(openapi: () => unknown): CodeMaker }): CodeMaker {
  codes ??= process.env.TCB_SERVICE_URL ? makers.local(process.env.LOCAL_APP_URL || 'http://127.0.0.1:10086') : makers.wechat(wechatOpenApi)
  return codes
}

let openapi: OpenApi | undefined

function wechatOpenApi(): OpenApi {
  if (!openapi) {
    // Installed by CloudBase from the function's package.json (scripts/build-functions.ts); never loaded locally.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only where WeChat's cloud call exists
    const cloud = require('wx-server-sdk') as { init(options: { env: unknown }): void; DYNAMIC_CURRENT_ENV: unknown; openapi: OpenApi }
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    openapi = cloud.openapi
  }
  return openapi
}
