import Taro from '@tarojs/taro'
import { fail, ok, type Reply } from '../../domain/errors'

/**
 * Opens an exported .xlsx from its temporary URL. weapp downloads it and opens
 * it with the system viewer (from where it can be forwarded or printed); the
 * H5 build hands the link to the browser as a download.
 */
export async function openExportedFile(url: string, fileName: string): Promise<Reply<null>> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = url
    link.download = fileName
    link.rel = 'noopener'
    document.body.appendChild(link)
    link.click()
    link.remove()
    return ok(null)
  }
  try {
    const { tempFilePath, statusCode } = await Taro.downloadFile({ url })
    if (statusCode !== 200) return fail('NETWORK', '文件下载失败，请检查网络后重试')
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
    return ok(null)
  } catch {
    return fail('NETWORK', '文件下载失败，请检查网络后重试')
  }
}
