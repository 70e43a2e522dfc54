import Taro from '@tarojs/taro'
import { ARTICLE_LIMITS } from '../../../../domain/articles'
import { articleImagePath, type ArticleFileOwner, type ArticleImageExtension } from '../../../../domain/files'
import { fail, ok, type Reply } from '../../../../domain/errors'
import { newRequestId } from '../../../services/cloud'
import { uploadFile } from '../../../services/upload'

// A picture for an article (cover or body): chosen on the phone, checked
// for size and kind here (the server checks again), uploaded to the path
// derived for the uploader and the article (domain/files.ts).

export interface PickedImage {
  path: string
  size: number
  extension: ArticleImageExtension | null
}

const MB = ARTICLE_LIMITS.imageBytes / 1024 / 1024

function extensionOf(path: string, type?: string): ArticleImageExtension | null {
  const kind = (type ?? '').toLowerCase()
  if (kind === 'image/png' || /\.png$/i.test(path)) return 'png'
  if (kind === 'image/jpeg' || kind === 'image/jpg' || /\.jpe?g$/i.test(path)) return 'jpg'
  // weapp compresses what it picks to JPEG when asked for `compressed`.
  if (!kind && process.env.TARO_ENV === 'weapp') return 'jpg'
  return null
}

/** One picture from the camera or album; null when the user cancelled. */
export async function pickImage(): Promise<PickedImage | null> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      const path = picked.tempFilePaths[0]
      if (!path) return null
      const file = picked.tempFiles?.[0] as { size?: number; type?: string; originalFileObj?: { size: number; type: string } } | undefined
      const size = file?.originalFileObj?.size ?? file?.size ?? 0
      return { path, size, extension: extensionOf(path, file?.originalFileObj?.type ?? file?.type) }
    }
    const picked = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    const file = picked.tempFiles[0]
    return file ? { path: file.tempFilePath, size: file.size, extension: extensionOf(file.tempFilePath) } : null
  } catch {
    return null
  }
}

/** Checks and uploads a picked picture; the reply is its fileID. */
export async function uploadImage(image: PickedImage, owner: ArticleFileOwner): Promise<Reply<string>> {
  if (!image.extension) return fail('INVALID_INPUT', '只能插入 JPG 或 PNG 图片，请换一张')
  if (image.size > ARTICLE_LIMITS.imageBytes) return fail('INVALID_INPUT', `图片太大（超过${MB}MB），请换一张或截图后再插入`)
  const reply = await uploadFile(image.path, articleImagePath(owner, newRequestId(), image.extension))
  return reply.ok ? ok(reply.data.fileID) : reply
}
