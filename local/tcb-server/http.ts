// HTTP envelope: POST /admin with a JSON body { action, envName, ... }; the reply
// is always HTTP 200 with { requestId, data } or { requestId, code, message }
// (a `code` makes the SDK throw). /storage/... carries file bytes. With
// credentials, /admin answers only requests signed with them, and checks the
// signature before it looks at the action.
import http from 'http'
import { DATABASE_ACTIONS, DbContext, Params } from './database'
import { isPlainObject } from './ejson'
import { ErrorCode, TcbServerError } from './errors'
import { checkSignatureHeaders, verifySignature, type TcbCredentials } from './signature'
import type { Storage } from './storage'

const MAX_BODY_BYTES = 64 * 1024 * 1024

export interface Routes {
  env: string
  db: DbContext
  storage: Storage
  credentials?: TcbCredentials
}

let sequence = 0

const send = (res: http.ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

const readBody = (req: http.IncomingMessage, callback: (body: Buffer | Error) => void): void => {
  const chunks: Buffer[] = []
  let size = 0
  let finished = false
  const done = (body: Buffer | Error) => {
    if (finished) return
    finished = true
    callback(body)
  }
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > MAX_BODY_BYTES) {
      done(new Error('request body too large'))
      req.resume()
      return
    }
    chunks.push(chunk)
  })
  req.on('end', () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
  req.on('error', (err) => done(err))
}

/** Runs one action synchronously: nothing else can interleave with its SQL. */
const dispatch = (routes: Routes, p: Params): { data: unknown; top?: Record<string, unknown> } => {
  const action = typeof p.action === 'string' ? p.action : ''
  if (typeof p.envName === 'string' && p.envName !== '' && p.envName !== routes.env) {
    throw new TcbServerError(ErrorCode.INVALID_ENV, `env "${p.envName}" not found: this local server serves env "${routes.env}"`)
  }
  const dbAction = DATABASE_ACTIONS[action]
  const storageAction = routes.storage.actions[action]
  routes.db.usage.action(action, Boolean(dbAction ?? storageAction))
  if (dbAction) return dbAction(routes.db, p, Date.now())
  if (storageAction) return { data: storageAction(p) }
  throw new TcbServerError(ErrorCode.INVALID_ACTION, `unsupported action "${action}" (local tcb-server)`)
}

const errorReply = (action: unknown, err: unknown): { code: string; message: string } => {
  if (err instanceof TcbServerError) return { code: err.code, message: err.message }
  const message = err instanceof Error ? err.message : String(err)
  const code = typeof action === 'string' && action.startsWith('database.') ? ErrorCode.REQUEST_FAILED : ErrorCode.SYS_ERR
  return { code, message }
}

export const createHandler = (routes: Routes) => (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
  const url = new URL(req.url ?? '/', 'http://local')
  if (url.pathname.startsWith('/storage/')) {
    routes.storage.handleHttp(req, res, url)
    return true
  }
  if (url.pathname !== '/admin' && url.pathname !== '/admin/') return false
  const requestId = url.searchParams.get('seqId') ?? `local-${++sequence}`
  if (req.method !== 'POST') {
    send(res, 405, { requestId, code: ErrorCode.INVALID_PARAM, message: 'POST only' })
    return true
  }
  const { credentials } = routes
  const unsigned = (why: string) => send(res, 200, { requestId, code: ErrorCode.SIGN_PARAM_INVALID, message: why })
  const early = credentials && checkSignatureHeaders(req, credentials, Math.floor(Date.now() / 1000))
  if (early) {
    req.resume()
    unsigned(early)
    return true
  }
  readBody(req, (body) => {
    if (body instanceof Error) return send(res, 413, { requestId, code: ErrorCode.INVALID_PARAM, message: body.message })
    let p: Params
    try {
      p = JSON.parse(body.toString('utf8')) as Params
    } catch {
      return send(res, 400, { requestId, code: ErrorCode.INVALID_PARAM, message: 'body is not JSON' })
    }
    if (!isPlainObject(p)) return send(res, 400, { requestId, code: ErrorCode.INVALID_PARAM, message: 'body is not a JSON object' })
    const refusal = credentials && verifySignature(req, p, credentials, Math.floor(Date.now() / 1000))
    if (refusal) return unsigned(refusal)
    try {
      const reply = dispatch(routes, p)
      send(res, 200, { requestId, ...reply.top, data: reply.data })
    } catch (err) {
      send(res, 200, { requestId, ...errorReply(p.action, err) })
    }
  })
  return true
}
