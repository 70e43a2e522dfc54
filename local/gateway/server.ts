import { createReadStream, existsSync, statSync } from 'fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import { extname, join, normalize, sep } from 'path'
import type { CloudApp } from '../../cloudfunctions/_lib/cloud'
import { invoke } from '../runtime/invoke'
import type { LoadedFunction } from '../runtime/load'
import { BodyTooLarge, localOpenid, readBody, sendFailure, sendJson, sendReply } from './http-util'
import { parseMultipart } from './multipart'
import { signInPage, type DemoUser } from './signin-page'

/** A function call's body: the 1 MB payload limit plus room for the envelope. */
const MAX_CALL_BYTES = 1024 * 1024 + 16 * 1024
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
const CLOUD_PATH = /^[A-Za-z0-9][A-Za-z0-9_\-/.]{0,200}$/

export interface GatewayOptions {
  functions: LoadedFunction[]
  /** The local CloudBase's own routes (/admin, /storage/...), served on the gateway's port too. */
  tcb: { handle(req: IncomingMessage, res: ServerResponse): boolean }
  /** SDK instance pointed at the local server: uploads take the same path as in production. */
  storage: () => CloudApp
  /** The H5 build to serve, or null when it is not built. */
  staticDir: string | null
  demoUsers: DemoUser[]
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

export function createGateway(options: GatewayOptions): Server {
  const functions = new Map(options.functions.map((fn) => [fn.name, fn]))

  return createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[gateway]', error)
      if (!res.headersSent) sendFailure(res, 500, 'INTERNAL')
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.tcb.handle(req, res)) return
    const url = new URL(req.url ?? '/', 'http://local')
    const path = url.pathname

    const fnMatch = /^\/api\/fn\/([^/]+)$/.exec(path)
    if (fnMatch) return callFunction(req, res, decodeURIComponent(fnMatch[1]))
    if (path === '/api/upload') return upload(req, res)
    if (path === '/api/local/users' && req.method === 'GET') return sendJson(res, 200, { users: options.demoUsers })
    if (path === '/local/signin' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      res.end(signInPage(options.demoUsers))
      return
    }
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
      event = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendFailure(res, 413, 'INVALID_INPUT', '提交的内容太大（超过 1MB），请删减后重试', 'payload')
      return sendFailure(res, 400, 'INVALID_INPUT', '请求不是有效的 JSON，请更新页面后重试')
    }
    // Every client call carries an identity, as wx.cloud.callFunction always
    // does; only the scheduler invokes a function without one (timers).
    const openid = localOpenid(req)
    if (!openid) return sendFailure(res, 200, 'UNAUTHENTICATED', '请先选择演示用户登录（打开 /local/signin）')
    sendReply(res, 200, await invoke(name, fn.main, event, { openid }))
  }

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendFailure(res, 405, 'INVALID_INPUT', '请用 POST 上传文件')
    if (!localOpenid(req)) return sendFailure(res, 401, 'UNAUTHENTICATED')
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
    if (!cloudPath || !CLOUD_PATH.test(cloudPath) || cloudPath.includes('..')) {
      return sendFailure(res, 400, 'INVALID_INPUT', '文件路径无效', 'cloudPath')
    }
    if (!content || content.length === 0) return sendFailure(res, 400, 'INVALID_INPUT', '没有收到文件内容，请重试', 'file')
    const result = await options.storage().uploadFile({ cloudPath, fileContent: content })
    sendJson(res, 200, { fileID: result.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (!options.staticDir) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('H5 版本还没有构建：请运行 npm run build:h5 后重启')
      return
    }
    const root = options.staticDir
    const relative = normalize(decodeURIComponent(path === '/' ? '/index.html' : path))
    const file = join(root, relative)
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('没有这个页面')
      return
    }
    const isIndex = file.endsWith('index.html')
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      // Built assets carry a content hash; index.html must always be fresh.
      'cache-control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    })
    if (req.method === 'HEAD') res.end()
    else createReadStream(file).pipe(res)
  }
}
