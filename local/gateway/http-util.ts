import type { IncomingMessage, ServerResponse } from 'http'
import { fail, type Reply } from '../../domain/errors'

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new BodyTooLarge())
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

export function sendReply(res: ServerResponse, status: number, reply: Reply<unknown>): void {
  sendJson(res, status, reply)
}

export function sendFailure(res: ServerResponse, status: number, ...args: Parameters<typeof fail>): void {
  sendReply(res, status, fail(...args))
}

/** The local sign-in identity: a header only this gateway reads. */
export function localOpenid(req: IncomingMessage): string | null {
  const value = req.headers['x-local-openid']
  const openid = Array.isArray(value) ? value[0] : value
  return openid && /^[A-Za-z0-9_-]{1,64}$/.test(openid) ? openid : null
}

/** decodeURIComponent that answers null for malformed percent-encoding instead of throwing. */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

/** Whether JSON text nests arrays/objects deeper than `limit`: a scan, no parse, no recursion. */
export function exceedsJsonDepth(body: Buffer, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i]
    if (inString) {
      if (byte === 0x5c) i += 1 // backslash: skip the escaped character
      else if (byte === 0x22) inString = false
    } else if (byte === 0x22) inString = true
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1
      if (depth > limit) return true
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1
  }
  return false
}
