import { createReadStream, type ReadStream } from 'fs'
import { AppError } from '../../domain/errors'
import type { ExportedFile } from '../../domain/files'
import { cloudApp } from '../_lib/cloud'
import { temporaryUrls } from '../_lib/storage'

/** Stores an export (bytes, or a file written in /tmp) under `exports/` and answers with a temporary download link. */
export async function storeExport(cloudPath: string, content: Buffer | { path: string }, fileName: string): Promise<ExportedFile> {
  const fileContent: Buffer | ReadStream = Buffer.isBuffer(content) ? content : createReadStream(content.path)
  const { fileID } = await cloudApp().uploadFile({ cloudPath, fileContent })
  const url = (await temporaryUrls([fileID])).get(fileID)
  if (!url) throw new AppError('INTERNAL', '文件已生成，但暂时无法下载，请稍后重试')
  return { fileID, url, fileName }
}
