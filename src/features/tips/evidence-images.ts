import Taro from '@tarojs/taro'
import { MAX_EVIDENCE_BYTES } from '../../../domain/tips'
import { keepFile, releaseFile } from '../../services/upload'

// Evidence images are compressed on the phone before anything is sent: one
// image per call must fit the function's 1 MB event as base64, and villagers'
// data plans are small. weapp: wx.compressImage; H5: a canvas re-encodes it
// (which also leaves the photo's EXIF behind; the function strips it anyway).

/** The longest side after compression: enough to read a transfer record's screenshot. */
const MAX_SIDE = 1600
const QUALITIES = [0.72, 0.55, 0.4]

/** Images the tipster picked, compressed and kept on the phone; [] when they cancelled. */
export async function pickEvidence(count: number): Promise<string[]> {
  const picked = await choose(count)
  const kept: string[] = []
  for (const path of picked) {
    const small = await compress(path)
    if (small) kept.push(await keepFile(small))
  }
  return kept
}

async function choose(count: number): Promise<string[]> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const result = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      return result.tempFilePaths
    }
    const result = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return result.tempFiles.map((file) => file.tempFilePath)
  } catch {
    return []
  }
}

/** A path (weapp) or data URL (H5) of the image small enough to send; null when it cannot be read as an image. */
async function compress(path: string): Promise<string | null> {
  return process.env.TARO_ENV === 'h5' ? compressInBrowser(path) : compressOnPhone(path)
}

async function compressOnPhone(path: string): Promise<string | null> {
  let current = path
  for (const quality of QUALITIES) {
    try {
      const { tempFilePath } = await Taro.compressImage({ src: path, quality: Math.round(quality * 100), compressedWidth: MAX_SIDE } as Taro.compressImage.Option)
      current = tempFilePath
    } catch {
      // Older WeChat versions without compressedWidth still give the original.
    }
    if ((await sizeOf(current)) <= MAX_EVIDENCE_BYTES) return current
  }
  return null
}

function sizeOf(path: string): Promise<number> {
  return new Promise((resolve) => {
    Taro.getFileSystemManager().getFileInfo({
      filePath: path,
      success: (info: { size: number }) => resolve(info.size),
      fail: () => resolve(Number.POSITIVE_INFINITY),
    } as Parameters<Taro.FileSystemManager['getFileInfo']>[0])
  })
}

async function compressInBrowser(url: string): Promise<string | null> {
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const element = new Image()
      element.onload = () => resolve(element)
      element.onerror = reject
      element.src = url
    })
    let side = MAX_SIDE
    for (let round = 0; round < 3; round += 1) {
      const scale = Math.min(1, side / Math.max(image.naturalWidth, image.naturalHeight))
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
      canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
      const context = canvas.getContext('2d')
      if (!context) return null
      context.fillStyle = '#ffffff'
      context.fillRect(0, 0, canvas.width, canvas.height)
      context.drawImage(image, 0, 0, canvas.width, canvas.height)
      for (const quality of QUALITIES) {
        const dataUrl = canvas.toDataURL('image/jpeg', quality)
        if (base64Bytes(dataUrl.slice(dataUrl.indexOf(',') + 1)) <= MAX_EVIDENCE_BYTES) return dataUrl
      }
      side = Math.round(side * 0.7)
    }
    return null
  } catch {
    return null
  }
}

function base64Bytes(base64: string): number {
  return Math.floor((base64.length * 3) / 4)
}

/** The image's bytes as base64, as `tips.addEvidence` takes them; null when the kept file is gone. */
export function readEvidence(kept: string): string | null {
  try {
    if (kept.startsWith('data:')) return kept.slice(kept.indexOf(',') + 1)
    return Taro.getFileSystemManager().readFileSync(kept, 'base64') as string
  } catch {
    return null
  }
}

export function releaseEvidence(kept: string): void {
  void releaseFile(kept).catch(() => undefined)
}
