// The storage half of the node-sdk: files live under <dataDir>/storage/<cloudPath>
// and move over plain HTTP to URLs on this server, as they move to COS URLs in
// CloudBase. Upload URLs need the one-time authorization getUploadMetadata
// issued; download URLs are signed and expire, like temporary URLs. Clients
// (wx.cloud.uploadFile's stand-in) upload only where the storage rule lets
// them, and every file remembers who uploaded it, for that rule.
import { createHmac, timingSafeEqual } from 'crypto'
import fs from 'fs'
import http from 'http'
import path from 'path'
import { allows, type StorageRules } from '../rules'
import { ErrorCode, TcbServerError } from './errors'
import { newToken } from './ids'

const UPLOAD_TTL_MS = 10 * 60_000
const DEFAULT_MAX_AGE_S = 86_400
/** CloudBase refuses more files than this in one deleteFile or getTempFileURL call (INVALID_PARAM; node-sdk's own tests). */
export const MAX_FILES_PER_CALL = 50
const AUTHORITY_TYPES = new Set(['READ', 'WRITE', 'READWRITE'])

/** The only types a browser gets to render; every other file is a download. */
const INLINE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
}
const ATTACHMENT_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** On every storage response: files come from users, and share the app's origin. */
const SAFE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
}

type Params = Record<string, unknown>

/** A whole-call list of at most MAX_FILES_PER_CALL entries. */
const fileList = (p: Params, field: string): unknown[] => {
  const list = p[field]
  if (!Array.isArray(list)) throw new TcbServerError(ErrorCode.INVALID_PARAM, `${field} must be an array`)
  if (list.length > MAX_FILES_PER_CALL) {
    throw new TcbServerError(ErrorCode.INVALID_PARAM, `${field} holds ${list.length} files: at most ${MAX_FILES_PER_CALL} per call`)
  }
  return list
}

/** Who uploaded each file: an openid for client uploads, '' for admin (SDK) ones. */
export interface FileOwners {
  fileOwner(cloudPath: string): string | undefined
  setFileOwner(cloudPath: string, owner: string): void
  dropFileOwner(cloudPath: string): void
}

export interface ClientUpload {
  /** The uploader's openid; null when not signed in. */
  openid: string | null
  cloudPath: string
  content: Buffer
}

export type ClientUploadResult = { ok: true; fileID: string } | { ok: false; reason: 'invalid-path' | 'denied'; message: string }

/** RFC 6266/5987: an ASCII fallback and the exact UTF-8 name. */
const attachment = (name: string): string => {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A cloudPath safe to join under the storage root; refuses anything that could escape it. */
export const checkCloudPath = (cloudPath: unknown): string => {
  const bad = (why: string) => new TcbServerError(ErrorCode.INVALID_PARAM, `invalid cloudPath ${JSON.stringify(cloudPath)}: ${why}`)
  if (typeof cloudPath !== 'string' || cloudPath === '') throw bad('empty')
  if (cloudPath.length > 1024) throw bad('longer than 1024 characters')
  if (cloudPath.startsWith('/')) throw bad('must not start with /')
  // %, ? and # would not survive the SDK's encodeURI of temporary URLs.
  if (/[\\\0%?#]/.test(cloudPath)) throw bad('must not contain \\ % ? # or NUL')
  if (cloudPath.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) throw bad('empty, . or .. path segment')
  return cloudPath
}

/** A client's cloudPath: checkCloudPath's rules, and a plain relative path (no control characters either). */
const checkClientPath = (cloudPath: unknown): string => {
  const checked = checkCloudPath(cloudPath)
  if (/[\x00-\x1f\x7f]/.test(checked)) throw new TcbServerError(ErrorCode.INVALID_PARAM, `invalid cloudPath ${JSON.stringify(cloudPath)}: control character`)
  return checked
}

export class Storage {
  readonly bucket: string
  private readonly uploads = new Map<string, { cloudPath: string; expires: number }>()

  constructor(
    private readonly root: string,
    private readonly env: string,
    private readonly secret: string,
    /** Base of temporary download URLs: what browsers load. */
    private readonly publicUrl: () => string,
    /** Base of upload URLs: only the SDK PUTs to them, so the server's own port. */
    private readonly uploadUrl: () => string,
    private readonly owners: FileOwners,
    private readonly rules: StorageRules,
  ) {
    this.bucket = `${env}-storage`
    fs.mkdirSync(root, { recursive: true })
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.env}.${this.bucket}/${cloudPath}`
  }

  /** The cloudPath of one of our fileIDs, or undefined for a malformed or foreign one. */
  private cloudPathOf(fileId: unknown): string | undefined {
    const prefix = `cloud://${this.env}.${this.bucket}/`
    if (typeof fileId !== 'string' || !fileId.startsWith(prefix)) return undefined
    try {
      return checkCloudPath(fileId.slice(prefix.length))
    } catch {
      return undefined
    }
  }

  private filePath(cloudPath: string): string {
    const file = path.resolve(this.root, cloudPath)
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new TcbServerError(ErrorCode.INVALID_PARAM, 'cloudPath escapes the storage folder')
    return file
  }

  private exists(cloudPath: string): boolean {
    try {
      return fs.statSync(this.filePath(cloudPath)).isFile()
    } catch {
      return false
    }
  }

  private sign(cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32)
  }

  private url(cloudPath: string): string {
    return `${this.publicUrl()}/storage/${this.bucket}/${cloudPath}`
  }

  readonly actions: Record<string, (p: Params) => unknown> = {
    'storage.getUploadMetadata': (p) => {
      const cloudPath = checkCloudPath(p.path)
      const token = newToken()
      this.uploads.set(token, { cloudPath, expires: Date.now() + UPLOAD_TTL_MS })
      const encoded = cloudPath.split('/').map(encodeURIComponent).join('/')
      return {
        url: `${this.uploadUrl()}/storage/${this.bucket}/${encoded}`,
        token,
        authorization: token,
        fileId: this.fileId(cloudPath),
        cosFileId: token,
      }
    },
    // A fileID that is malformed or names another bucket is just a file that is
    // not there, as in CloudBase: STORAGE_FILE_NONEXIST for that entry.
    'storage.batchGetDownloadUrl': (p) => {
      return {
        download_list: fileList(p, 'file_list').map((item) => {
          const entry = (isObject(item) ? item : {}) as { fileid?: unknown; max_age?: unknown }
          const cloudPath = this.cloudPathOf(entry.fileid)
          const fileID = entry.fileid
          if (cloudPath === undefined || !this.exists(cloudPath)) return { fileID, tempFileURL: '', code: ErrorCode.STORAGE_FILE_NONEXIST }
          const maxAge = Number(entry.max_age) > 0 ? Number(entry.max_age) : DEFAULT_MAX_AGE_S
          const expires = Math.floor(Date.now() / 1000) + maxAge
          return { fileID, tempFileURL: `${this.url(cloudPath)}?t=${expires}&sign=${this.sign(cloudPath, expires)}`, code: 'SUCCESS' }
        }),
      }
    },
    'storage.batchDeleteFile': (p) => {
      return {
        delete_list: fileList(p, 'fileid_list').map((fileID) => {
          const cloudPath = this.cloudPathOf(fileID)
          if (cloudPath === undefined || !this.exists(cloudPath)) return { fileID, code: ErrorCode.STORAGE_FILE_NONEXIST }
          fs.unlinkSync(this.filePath(cloudPath))
          this.owners.dropFileOwner(cloudPath)
          return { fileID, code: 'SUCCESS' }
        }),
      }
    },
    // What the storage rule lets the SDK's caller (openId from the function's
    // context) do with each file; node-sdk hands the reply back as it is.
    'storage.getFileAuthority': (p) => {
      if (!Array.isArray(p.fileList)) throw new TcbServerError(ErrorCode.INVALID_PARAM, 'fileList must be an array')
      const openid = typeof p.openId === 'string' && p.openId !== '' ? p.openId : null
      return p.fileList.map((item) => {
        const entry = (isObject(item) ? item : {}) as { path?: unknown; type?: unknown }
        if (typeof entry.path !== 'string' || typeof entry.type !== 'string' || !AUTHORITY_TYPES.has(entry.type)) {
          throw new TcbServerError(ErrorCode.INVALID_PARAM, 'each fileList entry needs a path and a type of READ, WRITE or READWRITE')
        }
        return { path: entry.path, ...this.authority(entry.path, openid) }
      })
    },
  }

  /** The rule's verdicts for a fileID or cloudPath of this bucket; nothing is allowed on a path that cannot exist here. */
  private authority(pathOrFileId: string, openid: string | null): { cosFileId: string; read: boolean; write: boolean } {
    let cloudPath = this.cloudPathOf(pathOrFileId)
    if (cloudPath === undefined && !pathOrFileId.startsWith('cloud://')) {
      try {
        cloudPath = checkClientPath(pathOrFileId)
      } catch {
        cloudPath = undefined
      }
    }
    if (cloudPath === undefined) return { cosFileId: '', read: false, write: false }
    const vars = { auth: openid ? { openid } : null, resource: { openid: this.ownerOf(cloudPath) ?? openid, path: cloudPath } }
    return { cosFileId: `${this.bucket}/${cloudPath}`, read: allows(this.rules.read, vars), write: allows(this.rules.write, vars) }
  }

  /** The uploader of an existing file; files older than the catalog were uploaded by the admin SDK. */
  private ownerOf(cloudPath: string): string | undefined {
    return this.owners.fileOwner(cloudPath) ?? (this.exists(cloudPath) ? '' : undefined)
  }

  /**
   * wx.cloud.uploadFile's stand-in: the storage rule's write decides, with the
   * file's uploader so far (or this one, for a new file) as resource.openid.
   * Synchronous from check to rename, so no other upload interleaves.
   */
  uploadAsClient({ openid, cloudPath, content }: ClientUpload): ClientUploadResult {
    let checked: string
    try {
      checked = checkClientPath(cloudPath)
    } catch (error) {
      return { ok: false, reason: 'invalid-path', message: (error as Error).message }
    }
    const uploader = typeof openid === 'string' && openid !== '' ? openid : null
    const resource = { openid: this.ownerOf(checked) ?? uploader, path: checked }
    if (!allows(this.rules.write, { auth: uploader ? { openid: uploader } : null, resource })) {
      return { ok: false, reason: 'denied', message: `the storage rule does not let ${uploader ?? 'an anonymous user'} write ${checked}` }
    }
    const file = this.filePath(checked)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const partial = `${file}.${newToken()}.partial`
    try {
      fs.writeFileSync(partial, content)
      fs.renameSync(partial, file)
    } catch (error) {
      fs.rmSync(partial, { force: true })
      throw error
    }
    // An anonymous upload (only a rule more open than ours allows one) is owned by no client.
    this.owners.setFileOwner(checked, uploader ?? '')
    return { ok: true, fileID: this.fileId(checked) }
  }

  /** PUT (upload) and GET/HEAD (download) of /storage/<bucket>/<cloudPath>. */
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const prefix = `/storage/${this.bucket}/`
    let cloudPath: string
    try {
      if (!url.pathname.startsWith(prefix)) throw new TcbServerError(ErrorCode.INVALID_PARAM, 'unknown bucket')
      cloudPath = checkCloudPath(url.pathname.slice(prefix.length).split('/').map(decodeURIComponent).join('/'))
    } catch {
      return cosError(res, 400, 'InvalidURI', 'invalid object path')
    }
    if (req.method === 'PUT') return this.upload(req, res, cloudPath)
    if (req.method !== 'GET' && req.method !== 'HEAD') return cosError(res, 405, 'MethodNotAllowed', req.method ?? '')
    const expires = Number(url.searchParams.get('t'))
    const given = Buffer.from(url.searchParams.get('sign') ?? '')
    const wanted = Buffer.from(this.sign(cloudPath, expires))
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return cosError(res, 403, 'AccessDenied', 'bad signature')
    if (expires * 1000 < Date.now()) return cosError(res, 403, 'AccessDenied', 'Request has expired')
    if (!this.exists(cloudPath)) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
    const file = this.filePath(cloudPath)
    const extension = path.extname(file).toLowerCase()
    const inline = INLINE_TYPES[extension]
    res.writeHead(200, {
      ...SAFE_HEADERS,
      'content-type': inline ?? ATTACHMENT_TYPES[extension] ?? 'application/octet-stream',
      ...(inline ? {} : { 'content-disposition': attachment(path.basename(cloudPath)) }),
      'content-length': fs.statSync(file).size,
    })
    if (req.method === 'HEAD') res.end()
    else fs.createReadStream(file).pipe(res)
  }

  private upload(req: http.IncomingMessage, res: http.ServerResponse, cloudPath: string): void {
    const token = String(req.headers.authorization ?? '')
    const grant = this.uploads.get(token)
    if (!grant || grant.cloudPath !== cloudPath || grant.expires < Date.now()) {
      req.resume()
      return cosError(res, 403, 'AccessDenied', 'upload authorization missing, expired or for another path')
    }
    this.uploads.delete(token)
    const file = this.filePath(cloudPath)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    // Write aside and rename: a reader never sees half a file, and a re-upload replaces it whole.
    const partial = `${file}.${token}.partial`
    const out = fs.createWriteStream(partial)
    req.pipe(out)
    out.on('finish', () => {
      // Rename and owner together, synchronously: no client upload sees one without the other.
      try {
        fs.renameSync(partial, file)
      } catch (error) {
        return cosError(res, 500, 'InternalError', (error as Error).message)
      }
      this.owners.setFileOwner(cloudPath, '')
      res.writeHead(200, { 'content-length': 0 })
      res.end()
    })
    const failed = (err: Error) => {
      fs.rm(partial, { force: true }, () => cosError(res, 500, 'InternalError', err.message))
    }
    out.on('error', failed)
    req.on('error', failed)
  }
}

/** COS answers failures with an XML <Error>; the SDK parses exactly that. */
const cosError = (res: http.ServerResponse, status: number, code: string, message: string): void => {
  if (res.headersSent) return void res.destroy()
  const body = `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message.replace(/[<&]/g, '')}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`
  res.writeHead(status, { ...SAFE_HEADERS, 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}
