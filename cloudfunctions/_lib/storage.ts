import { cloudApp } from './cloud'

/** Temporary download links (2 hours) by fileID; missing files map to null. */
export async function temporaryUrls(fileIDs: string[]): Promise<Map<string, string | null>> {
  const urls = new Map<string, string | null>()
  const wanted = [...new Set(fileIDs.filter(Boolean))]
  if (wanted.length === 0) return urls
  const { fileList } = await cloudApp().getTempFileURL({ fileList: wanted.map((fileID) => ({ fileID, maxAge: 7200 })) })
  for (const item of fileList ?? []) {
    urls.set(item.fileID, item.code === 'SUCCESS' && item.tempFileURL ? item.tempFileURL : null)
  }
  return urls
}

export async function fileExists(fileID: string): Promise<boolean> {
  return Boolean((await temporaryUrls([fileID])).get(fileID))
}

export async function downloadFile(fileID: string): Promise<Buffer> {
  const { fileContent } = await cloudApp().downloadFile({ fileID })
  if (fileContent === undefined) throw new Error(`file ${fileID} has no content`)
  return typeof fileContent === 'string' ? Buffer.from(fileContent, 'binary') : fileContent
}
