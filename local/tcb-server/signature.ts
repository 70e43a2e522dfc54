// The database API's authentication: node-sdk 3.18.3 signs every request with
// TC3-HMAC-SHA256 over the method, URL, its signed headers and the body's
// top-level parameters (tcbapirequester.ts getHeaders, through
// @cloudbase/signature-nodejs), and declares the signature valid for 600 s
// (X-Signature-Expires). We recompute the signature with the same package and
// the server's own key; anything that does not match is refused.
import { sign } from '@cloudbase/signature-nodejs'
import { randomBytes, timingSafeEqual } from 'crypto'
import type http from 'http'

export interface TcbCredentials {
  secretId: string
  secretKey: string
}

/** The SDK's X-Signature-Expires. */
export const SIGNATURE_TTL_S = 600
/** Same machine, same clock: a signature from the future is at most a rounding away. */
const FUTURE_SKEW_S = 60

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/tcb\/tc3_request,(?: SignedParams=[^,]*,)? SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), Signature=[0-9a-f]{64}$/

/** A fresh random key pair, shaped like a Tencent Cloud API key. */
export const newCredentials = (): TcbCredentials => ({
  secretId: `AKID${randomBytes(16).toString('hex')}`,
  secretKey: randomBytes(24).toString('base64url'),
})

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The headers of the request, before its body is read: null when they can be signed, else why not. */
export function checkSignatureHeaders(req: http.IncomingMessage, credentials: TcbCredentials, nowS: number): string | null {
  const authorization = req.headers.authorization
  if (!authorization) return 'missing Authorization: requests must be signed with the server\'s secretId/secretKey (TC3-HMAC-SHA256)'
  const match = AUTHORIZATION.exec(authorization)
  if (!match) return 'malformed Authorization'
  if (!same(match[1], credentials.secretId)) return 'unknown secretId'
  const timestamp = Number(req.headers['x-timestamp'])
  if (!Number.isInteger(timestamp)) return 'missing or malformed X-Timestamp'
  if (timestamp + SIGNATURE_TTL_S < nowS) return `signature expired (signed at ${timestamp}, valid ${SIGNATURE_TTL_S} s)`
  if (timestamp > nowS + FUTURE_SKEW_S) return 'X-Timestamp is in the future'
  return null
}

/** The whole check, once the body is parsed: null when the signature is the one our key makes, else why not. */
export function verifySignature(req: http.IncomingMessage, params: Record<string, unknown>, credentials: TcbCredentials, nowS: number): string | null {
  const refusal = checkSignatureHeaders(req, credentials, nowS)
  if (refusal) return refusal
  const authorization = String(req.headers.authorization)
  const [, , , signedHeaderList] = AUTHORIZATION.exec(authorization) as RegExpExecArray
  const headers: Record<string, string> = {}
  for (const name of signedHeaderList.split(';')) {
    const value = req.headers[name]
    if (typeof value !== 'string') return `signed header ${name} is missing`
    headers[name] = value
  }
  if (!headers.host || !headers['content-type']) return 'host and content-type must be signed'
  let expected: string
  try {
    expected = sign({
      ...credentials,
      // The SDK signs with its own spelling of the method: lowercase.
      method: (req.method ?? '').toLowerCase(),
      url: `http://${headers.host}${req.url ?? ''}`,
      headers,
      params,
      withSignedParams: true,
      timestamp: Number(req.headers['x-timestamp']),
    }).authorization
  } catch (error) {
    return `cannot verify the signature: ${(error as Error).message}`
  }
  return same(expected, authorization) ? null : 'signature does not match'
}
