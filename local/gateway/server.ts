import { existsSync, statSync } from 'fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import { join, normalize, sep } from 'path'
import type { CloudApp } from '../../cloudfunctions/_lib/cloud'
import { findUserByOpenid } from '../../cloudfunctions/_lib/repos/users'
import { allows, loadFunctionRules, type FunctionRules } from '../rules'
import { invoke } from '../runtime/invoke'
import type { LoadedFunction } from '../runtime/load'
import type { ClientUpload, ClientUploadResult } from '../tcb-server'
import { BodyTooLarge, exceedsJsonDepth, localOpenid, readBody, safeDecode, sendFailure, sendJson, sendReply } from './http-util'
import { parseMultipart } from './multipart'
import { outboxPage, type OutboxEntry } from './outbox-page'
import { signInPage, type DemoUser } from './signin-page'
import { staticFiles } from './static-files'

/** A function call's body: the 1 MB payload limit plus room for the envelope. */
const MAX_CALL_BYTES = 1024 * 1024 + 16 * 1024
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
/** Deeper JSON is refused before it is parsed: no form nests more than a few levels. */
const MAX_JSON_DEPTH = 64

export interface GatewayOptions {
  functions: LoadedFunction[]
  /**
   * The local CloudBase as a client sees it: its signed, expiring file
   * download URLs (GET/HEAD /storage/...) and uploads checked against the
   * storage rule. Its database API is never reachable on this port.
   */
  tcb: {
    handle(req: IncomingMessage, res: ServerResponse): boolean
    uploadAsClient(upload: ClientUpload): Promise<ClientUploadResult>
  }
  /** Who may invoke which function without the platform (database/function-rules.json by default). */
  functionRules?: FunctionRules
  /** The SDK with the local server's key: the gateway looks up who is signed in. */
  admin: CloudApp
  /** The H5 build to serve, or null when it is not built. */
  staticDir: string | null
  demoUsers: DemoUser[]
}

export function createGateway(options: GatewayOptions): Server {
  const functions = new Map(options.functions.map((fn) => [fn.name, fn]))
  const rules = options.functionRules ?? loadFunctionRules()
  const files = staticFiles()

  return createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[gateway]', error)
      if (!res.headersSent) sendFailure(res, 500, 'INTERNAL')
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://local')
    } catch {
      return sendFailure(res, 400, 'INVALID_INPUT', '网址格式不正确')
    }
    const path = url.pathname
    // Only file downloads of the local CloudBase are public; its /admin never is.
    if ((req.method === 'GET' || req.method === 'HEAD') && path.startsWith('/storage/') && options.tcb.handle(req, res)) return

    const fnMatch = /^\/api\/fn\/([^/]+)$/.exec(path)
    if (fnMatch) {
      const name = safeDecode(fnMatch[1])
      if (name === null) return sendFailure(res, 400, 'INVALID_INPUT', '网址格式不正确')
      return callFunction(req, res, name)
    }
    if (path === '/api/upload') return upload(req, res)
    if (path === '/api/local/users' && req.method === 'GET') return sendJson(res, 200, { users: options.demoUsers })
    if (path === '/local/signin' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      res.end(signInPage(options.demoUsers))
      return
    }
    if (path === '/local/outbox' && req.method === 'GET') return outbox(res, url.searchParams.get('openid'))
    if (path.startsWith('/api/')) return sendFailure(res, 404, 'NOT_FOUND', '没有这个接口')
    return serveStatic(req, res, path)
  }

  async function callFunction(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendFailure(res, 405, 'INVALID_INPUT', '请用 POST 调用云函数')
    const fn = functions.get(name)
    if (!fn) return sendFailure(res, 404, 'NOT_FOUND', `没有这个云函数：${name}`)
    let event: unknown
    try {
      const body = await readBody(req, MAX_CALL_BYTES)
      if (exceedsJsonDepth(body, MAX_JSON_DEPTH)) return sendFailure(res, 400, 'INVALID_INPUT', '提交的内容格式不正确（嵌套层次太深），请更新页面后重试', 'payload')
      event = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendFailure(res, 413, 'INVALID_INPUT', '提交的内容太大（超过 1MB），请删减后重试', 'payload')
      return sendFailure(res, 400, 'INVALID_INPUT', '请求不是有效的 JSON，请更新页面后重试')
    }
    // The platform's invoke rule, as CloudBase applies it before a function
    // runs: a timer-only function is out of every client's reach, so a forged
    // timer event runs nothing.
    const openid = localOpenid(req)
    if (!allows(rules.invoke(name), { auth: openid ? { openid } : null })) {
      if (!openid) return sendFailure(res, 200, 'UNAUTHENTICATED', '请先选择演示用户登录（打开 /local/signin）')
      return sendFailure(res, 200, 'FORBIDDEN', `云函数 ${name} 不能从小程序调用`)
    }
    sendReply(res, 200, await invoke(name, fn.main, event, { openid }))
  }

  /** What WeChat would have delivered: the local outbox of subscribe messages (one user's, with ?openid=). */
  async function outbox(res: ServerResponse, openid: string | null): Promise<void> {
    const db = options.admin.database()
    const where = openid ? { openid } : {}
    const { data } = await db.collection('outbox').where(where).orderBy('at', 'desc').limit(200).get()
    const entries = data as OutboxEntry[]
    const openids = [...new Set(entries.map((entry) => entry.openid))]
    const users = openids.length ? ((await db.collection('users').where({ openid: db.command.in(openids) }).limit(1000).get()).data as { openid: string; name: string }[]) : []
    const names = new Map(users.map((user) => [user.openid, user.name]))
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    res.end(outboxPage(entries.map((entry) => ({ ...entry, name: names.get(entry.openid) })), openid))
  }

  /** wx.cloud.uploadFile of the H5 build: a signed-in user, and the storage rule decides the path. */
  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendFailure(res, 405, 'INVALID_INPUT', '请用 POST 上传文件')
    const openid = localOpenid(req)
    if (!openid || !(await findUserByOpenid(options.admin.database(), openid))) {
      req.resume()
      return sendFailure(res, 401, 'UNAUTHENTICATED', '请先登录后再上传')
    }
    let body: Buffer
    try {
      body = await readBody(req, MAX_UPLOAD_BYTES + 64 * 1024)
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendFailure(res, 413, 'INVALID_INPUT', '文件太大（超过 5MB）', 'file')
      throw error
    }
    const type = req.headers['content-type'] ?? ''
    let cloudPath: string | undefined
    let content: Buffer | undefined
    if (type.startsWith('multipart/form-data')) {
      const form = parseMultipart(body, type)
      cloudPath = form?.fields.cloudPath
      content = form ? Object.values(form.files)[0]?.data : undefined
    } else {
      try {
        const json = JSON.parse(body.toString('utf8')) as { cloudPath?: unknown; base64?: unknown }
        cloudPath = typeof json.cloudPath === 'string' ? json.cloudPath : undefined
        content = typeof json.base64 === 'string' ? Buffer.from(json.base64, 'base64') : undefined
      } catch {
        return sendFailure(res, 400, 'INVALID_INPUT', '上传内容格式不正确')
      }
    }
    if (!cloudPath) return sendFailure(res, 400, 'INVALID_INPUT', '文件路径无效', 'cloudPath')
    if (!content || content.length === 0) return sendFailure(res, 400, 'INVALID_INPUT', '没有收到文件内容，请重试', 'file')
    const result = await options.tcb.uploadAsClient({ openid, cloudPath, content })
    if (!result.ok && result.reason === 'invalid-path') return sendFailure(res, 400, 'INVALID_INPUT', '文件路径无效', 'cloudPath')
    if (!result.ok) return sendFailure(res, 403, 'FORBIDDEN', '不能上传到这个位置，请更新页面后重试', 'cloudPath')
    sendJson(res, 200, { fileID: result.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!options.staticDir) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('H5 版本还没有构建：请运行 npm run build:h5 后重启')
      return
    }
    const root = options.staticDir
    const decoded = safeDecode(path === '/' ? '/index.html' : path)
    if (decoded === null) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('网址格式不正确')
      return
    }
    const relative = normalize(decoded)
    const file = join(root, relative)
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('没有这个页面')
      return
    }
    await files.send(req, res, file, relative)
  }
}
