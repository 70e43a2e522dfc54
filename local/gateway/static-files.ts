import { createHash } from 'crypto'
import { readFile, stat } from 'fs/promises'
import type { IncomingMessage, ServerResponse } from 'http'
import { extname } from 'path'
import { promisify } from 'util'
import { brotliCompress, constants, gzip } from 'zlib'

// The H5 build as a phone on a slow link should get it: compressed (brotli or
// gzip, whichever the browser takes; each file compressed once and kept in
// memory), hashed assets cached for good, index.html revalidated with an ETag
// so a revisit costs a 304.

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
}

/** Text formats; images, woff/woff2 and the like are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.txt', '.map', '.svg', '.ttf'])

/** Taro names its built assets `js/<name>.<hash>.js`, `css/<name>.<hash>.css` (config/index.ts). */
const HASHED = /^\/(?:js|css|static)\/(?:.+\/)?[^/]+\.[0-9a-f]{8,}\.[a-z0-9]+$/

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'
/** Enough for several builds of the app; the oldest entries go first. */
const MAX_ENTRIES = 500

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

export type Encoding = 'br' | 'gzip' | 'identity'

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none. */
export function chooseEncoding(header: string | string[] | undefined): Encoding {
  const accepted = new Map<string, number>()
  for (const part of (Array.isArray(header) ? header.join(',') : header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)).find(Boolean)
    accepted.set(name, q ? Number(q[1]) : 1)
  }
  const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  if (takes('br')) return 'br'
  if (takes('gzip')) return 'gzip'
  return 'identity'
}

interface Entry {
  mtimeMs: number
  size: number
  raw: Buffer
  /** Content hash of the raw file: the ETag's base. */
  hash: string
  /** Compressed once, on first demand; null when compressing does not make it smaller. */
  encoded: Partial<Record<'br' | 'gzip', Promise<Buffer | null>>>
}

function compress(raw: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
    : gzipAsync(raw, { level: 9 })
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

export interface StaticFiles {
  /** Sends `file` (an existing file of the build; `path` is its URL path) as the request asks. */
  send(req: IncomingMessage, res: ServerResponse, file: string, path: string): Promise<void>
}

export function staticFiles(): StaticFiles {
  const cache = new Map<string, Entry>()

  async function entryFor(file: string): Promise<Entry> {
    const info = await stat(file)
    const cached = cache.get(file)
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached
    const raw = await readFile(file)
    const entry: Entry = { mtimeMs: info.mtimeMs, size: info.size, raw, hash: createHash('sha256').update(raw).digest('base64url').slice(0, 22), encoded: {} }
    cache.delete(file)
    cache.set(file, entry)
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string)
    return entry
  }

  async function encodedBody(entry: Entry, encoding: 'br' | 'gzip'): Promise<Buffer | null> {
    entry.encoded[encoding] ??= compress(entry.raw, encoding).then((body) => (body.length < entry.raw.length ? body : null))
    return entry.encoded[encoding] as Promise<Buffer | null>
  }

  return {
    async send(req, res, file, path) {
      const entry = await entryFor(file)
      const type = extname(file).toLowerCase()
      const compressible = COMPRESSIBLE.has(type)
      let encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : 'identity'
      let body = entry.raw
      if (encoding !== 'identity') {
        const encoded = await encodedBody(entry, encoding)
        if (encoded) body = encoded
        else encoding = 'identity'
      }
      // A strong ETag names one representation: each encoding has its own.
      const etag = `"${entry.hash}${encoding === 'identity' ? '' : encoding === 'br' ? '-br' : '-gz'}"`
      const headers: Record<string, string> = { 'cache-control': HASHED.test(path) ? IMMUTABLE : REVALIDATE, etag }
      if (compressible) headers.vary = 'Accept-Encoding'
      if (matches(req.headers['if-none-match'], etag)) {
        res.writeHead(304, headers)
        res.end()
        return
      }
      headers['content-type'] = CONTENT_TYPES[type] ?? 'application/octet-stream'
      if (encoding !== 'identity') headers['content-encoding'] = encoding
      headers['content-length'] = String(body.length)
      res.writeHead(200, headers)
      res.end(req.method === 'HEAD' ? undefined : body)
    },
  }
}
