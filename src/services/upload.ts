import Taro from '@tarojs/taro'
import { fail, ok, type Reply } from '../../domain/errors'
import { initCloud, localIdentityHeader } from './cloud'

// Files to cloud storage. weapp uploads straight to CloudBase storage; the H5
// build (no wx.cloud) posts to the local gateway, which stores the file the
// same way and answers with the same kind of cloud:// fileID.

export async function uploadFile(localPath: string, cloudPath: string): Promise<Reply<{ fileID: string }>> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const response = await Taro.uploadFile({
        url: '/api/upload',
        filePath: localPath,
        name: 'file',
        formData: { cloudPath },
        header: localIdentityHeader(),
      })
      const body = JSON.parse(String(response.data)) as { fileID?: string; ok?: false; error?: { code: string; message: string } }
      if (body.fileID) return ok({ fileID: body.fileID })
      return fail(body.error?.code === 'UNAUTHENTICATED' ? 'UNAUTHENTICATED' : 'INVALID_INPUT', body.error?.message ?? '上传失败，请重试')
    }
    initCloud()
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath })
    return fileID ? ok({ fileID }) : fail('NETWORK')
  } catch {
    return fail('NETWORK')
  }
}

/**
 * Keeps a temporary file (a signature, a photo) where the system will not
 * clear it before it is uploaded: a saved file on weapp. On H5 the path is a
 * data URL already held by the queue.
 */
export async function keepFile(tempPath: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') return tempPath
  const { savedFilePath } = await new Promise<{ savedFilePath: string }>((resolve, reject) => {
    Taro.getFileSystemManager().saveFile({ tempFilePath: tempPath, success: resolve, fail: reject })
  })
  return savedFilePath
}

/** Frees a kept file once it is uploaded (saved files count against a 10 MB quota). */
export async function releaseFile(path: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') return
  await new Promise<void>((resolve) => {
    Taro.getFileSystemManager().removeSavedFile({ filePath: path, complete: () => resolve() })
  })
}
