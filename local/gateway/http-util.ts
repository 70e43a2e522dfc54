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
