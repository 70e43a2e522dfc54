import { createReadStream, type ReadStream } from 'fs'
import http from 'http'
import https from 'https'
import { AppError } from '../../domain/errors'
import type { ExportedFile } from '../../domain/files'
import { cloudApp } from './cloud'

/** CloudBase takes at most this many files in one temporary-link call. */
export const FILES_PER_CALL = 50

/** Temporary download links (2 hours) by fileID, asked for 50 at a time; missing files map to null. */
export async function temporaryUrls(fileIDs: string[]): Promise<Map<string, string | null>> {
  const urls = new Map<string, string | null>()
  const wanted = [...new Set(fileIDs.filter(Boolean))]
  for (let start = 0; start < wanted.length; start += FILES_PER_CALL) {
    const batch = wanted.slice(start, start + FILES_PER_CALL)
    const { fileList } = await cloudApp().getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: 7200 })) })
    for (const item of fileList ?? []) {
      urls.set(item.fileID, item.code === 'SUCCESS' && item.tempFileURL ? item.tempFileURL : null)
    }
  }
  return urls
}

/** Stores an export (bytes, or a file written in /tmp) under `exports/` and answers with a temporary download link. */
export async function storeExport(cloudPath: string, content: Buffer | { path: string }, fileName: string): Promise<ExportedFile> {
  const fileContent: Buffer | ReadStream = Buffer.isBuffer(content) ? content : createReadStream(content.path)
  const { fileID } = await cloudApp().uploadFile({ cloudPath, fileContent })
  const url = (await temporaryUrls([fileID])).get(fileID)
  if (!url) throw new AppError('INTERNAL', '文件已生成，但暂时无法下载，请稍后重试')
  return { fileID, url, fileName }
}

/** Delete calls in flight at once: each is a round trip, and a purge makes thousands. */
const DELETES_AT_ONCE = 4

/**
 * Deletes stored files, 50 per call, a few calls at a time; one already gone
 * counts as deleted. Answers how many are gone; a file that could not be
 * deleted (storage refused it) throws, so the caller keeps the record that
 * points at it and a later run tries again.
 */
export async function deleteStoredFiles(fileIDs: string[]): Promise<number> {
  const wanted = [...new Set(fileIDs.filter(Boolean))]
  const batches: string[][] = []
  for (let start = 0; start < wanted.length; start += FILES_PER_CALL) batches.push(wanted.slice(start, start + FILES_PER_CALL))
  for (let start = 0; start < batches.length; start += DELETES_AT_ONCE) {
    const replies = await Promise.all(batches.slice(start, start + DELETES_AT_ONCE).map((fileList) => cloudApp().deleteFile({ fileList })))
    const failed = replies.flatMap((reply) => reply.fileList ?? []).filter((item) => item.code !== 'SUCCESS' && item.code !== 'STORAGE_FILE_NONEXIST')
    if (failed.length > 0) throw new Error(`storage kept ${failed.length} file(s): ${failed[0].code}`)
  }
  return wanted.length
}

export async function fileExists(fileID: string): Promise<boolean> {
  return Boolean((await temporaryUrls([fileID])).get(fileID))
}

export async function downloadFile(fileID: string): Promise<Buffer> {
  const { fileContent } = await cloudApp().downloadFile({ fileID })
  if (fileContent === undefined) throw new Error(`file ${fileID} has no content`)
  return typeof fileContent === 'string' ? Buffer.from(fileContent, 'binary') : fileContent
}

/** The file is not in storage (never uploaded, or deleted). */
export class FileMissingError extends Error {
  constructor(readonly fileID: string) {
    super(`file ${fileID} is not in storage`)
  }
}

/** The file is bigger than the caller takes; no more of it than the limit was read. */
export class FileTooLargeError extends Error {
  constructor(
    readonly fileID: string,
    readonly maxBytes: number,
  ) {
    super(`file ${fileID} is larger than ${maxBytes} bytes`)
  }
}

const DOWNLOAD_IDLE_MS = 15_000

/**
 * A file's bytes, reading no more than `maxBytes`: clients upload to storage
 * directly, at any size, so a bigger file is refused (FileTooLargeError) as
 * soon as its Content-Length or the bytes received pass the limit.
 */
export async function downloadFileLimited(fileID: string, maxBytes: number): Promise<Buffer> {
  const url = (await temporaryUrls([fileID])).get(fileID)
  if (!url) throw new FileMissingError(fileID)
  // As the SDK's downloadFile does: temporary URLs may hold characters to escape.
  const href = encodeURI(url)
  return new Promise<Buffer>((resolve, reject) => {
    const request = (href.startsWith('https:') ? https : http).get(href, { timeout: DOWNLOAD_IDLE_MS }, (response) => {
      const refuse = (error: Error) => {
        reject(error)
        request.destroy()
      }
      if (response.statusCode === 404) return refuse(new FileMissingError(fileID))
      if (response.statusCode !== 200) return refuse(new Error(`download of ${fileID} answered HTTP ${response.statusCode}`))
      if (Number(response.headers['content-length']) > maxBytes) return refuse(new FileTooLargeError(fileID, maxBytes))
      const chunks: Buffer[] = []
      let received = 0
      response.on('data', (chunk: Buffer) => {
        if ((received += chunk.length) > maxBytes) return refuse(new FileTooLargeError(fileID, maxBytes))
        chunks.push(chunk)
      })
      response.on('end', () => resolve(Buffer.concat(chunks, received)))
      response.on('error', reject)
      response.on('close', () => {
        if (!response.complete) reject(new Error(`download of ${fileID} was cut off`))
      })
    })
    request.on('timeout', () => request.destroy(new Error(`download of ${fileID} stalled for ${DOWNLOAD_IDLE_MS} ms`)))
    request.on('error', reject)
  })
}
