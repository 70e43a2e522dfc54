import { randomUUID } from 'crypto'
import { fail, type Reply } from '../../domain/errors'

export type FunctionMain = (event: unknown, context: unknown) => Promise<Reply<unknown>>

export interface InvokeIdentity {
  /** The caller's openid, or null for a timer trigger. */
  openid: string | null
  appid?: string
}

// Shaped like the context CloudBase gives a function: the caller's identity
// travels in `environment` (a JSON string), which tcb.getCloudbaseContext reads.
export function runtimeContext(functionName: string, identity: InvokeIdentity) {
  const wx = identity.openid
    ? { WX_OPENID: identity.openid, WX_APPID: identity.appid ?? 'local-appid', WX_UNIONID: '' }
    : {}
  return {
    request_id: randomUUID(),
    function_name: functionName,
    function_version: '$LATEST',
    namespace: 'local',
    memory_limit_in_mb: 256,
    time_limit_in_ms: 10000,
    environment: JSON.stringify({ ...wx, WX_CONTEXT_KEYS: Object.keys(wx).join(',') }),
  }
}

export async function invoke(
  functionName: string,
  main: FunctionMain,
  event: unknown,
  identity: InvokeIdentity,
): Promise<Reply<unknown>> {
  // A deep copy, as the platform serialises the event: no shared references.
  let copy: unknown
  try {
    copy = event === undefined ? {} : JSON.parse(JSON.stringify(event))
  } catch {
    // Nested deeper than a serialiser's stack (the gateway refuses such bodies first).
    return fail('INVALID_INPUT', '提交的内容格式不正确，请更新小程序后重试', 'payload')
  }
  return main(copy, runtimeContext(functionName, identity))
}
