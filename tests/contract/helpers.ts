// Shared by the tcb-server contract tests: they all talk to the server through
// the real @cloudbase/node-sdk, plus a raw POST for what the SDK cannot send.
import { sign } from '@cloudbase/signature-nodejs'
import type { TcbCredentials } from '../../local/tcb-server'

/** The rejection of `promise`, asserting that it rejects. */
export async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise
  } catch (err) {
    return err as { code?: string; message: string }
  }
  throw new Error('expected the call to fail, but it succeeded')
}

export interface PostOptions {
  /** Signs as node-sdk 3.18.3 does (TC3-HMAC-SHA256); unsigned without. */
  credentials?: TcbCredentials
  /** The signature's time in seconds (default: now - 1, as the SDK). */
  timestamp?: number
  /** Sent instead of the signed body, to test tampering. */
  sendBody?: Record<string, unknown>
}

/** A wire-level call, as the SDK would make it, for requests the SDK never builds. */
export async function post(serviceUrl: string, body: Record<string, unknown>, options: PostOptions = {}): Promise<Record<string, unknown>> {
  const url = `${serviceUrl}?env=local&seqId=raw`
  const params = { envName: 'local', ...body }
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'user-agent': 'contract-test', host: new URL(url).host }
  if (options.credentials) {
    const { authorization, timestamp } = sign({
      ...options.credentials,
      method: 'post',
      url,
      params,
      headers,
      withSignedParams: true,
      timestamp: options.timestamp ?? Math.floor(Date.now() / 1000) - 1,
    })
    Object.assign(headers, { authorization, 'x-timestamp': timestamp, 'x-signature-expires': 600 })
  }
  delete headers.host // fetch sends the URL's host itself
  const res = await fetch(url, {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, String(value)])),
    body: JSON.stringify(options.sendBody ? { envName: 'local', ...options.sendBody } : params),
  })
  return (await res.json()) as Record<string, unknown>
}
