import jsQR from 'jsqr'
// pngjs has no types of its own; only its synchronous reader is used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } }

/** The text a QR code in a PNG holds (a poster's code), or null when none can be read. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  const found = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)
  return found?.data ?? null
}

/** The `scene` a poster's link carries: the share code the article page is opened with. */
export function sceneOf(link: string): string | null {
  const query = link.split('?')[1] ?? ''
  return new URLSearchParams(query).get('scene')
}
