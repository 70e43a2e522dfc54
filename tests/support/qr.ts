import jsQR from 'jsqr'
import { PNG } from 'pngjs'

/** A PNG's size and RGBA pixels. */
export function readPng(png: Buffer): { width: number; height: number; data: Buffer } {
  return PNG.sync.read(png)
}

/** The text a QR code in a PNG holds (a poster's code), or null when none can be read. */
export function decodeQrPng(png: Buffer): string | null {
  const image = readPng(png)
  const found = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)
  return found?.data ?? null
}

/** The `scene` a poster's link carries: the share code the article page is opened with. */
export function sceneOf(link: string): string | null {
  const query = link.split('?')[1] ?? ''
  return new URLSearchParams(query).get('scene')
}
