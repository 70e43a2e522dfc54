import { deflateSync } from 'zlib'

// Signature-like PNGs (dark strokes on a transparent canvas, as the signature
// pad saves them), different for every seed, of a chosen size.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length)
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** A width x height RGBA PNG with a few pen strokes, deterministic per seed. */
export function signaturePng(seed: number, width = 360, height = 140): Buffer {
  let state = (seed * 2654435761) >>> 0 || 1
  const random = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 0x100000000
  }
  const pixels = Buffer.alloc(width * height * 4)
  // A pen 3 px wide with soft (anti-aliased) edges, as a canvas draws it.
  const dot = (x: number, y: number) => {
    for (let dy = -2; dy <= 2; dy += 1) {
      for (let dx = -2; dx <= 2; dx += 1) {
        const px = Math.round(x) + dx
        const py = Math.round(y) + dy
        if (px < 0 || py < 0 || px >= width || py >= height) continue
        const distance = Math.hypot(px - x, py - y)
        const alpha = Math.max(0, Math.min(1, 2 - distance)) * 255
        const at = (py * width + px) * 4
        pixels[at + 3] = Math.max(pixels[at + 3], Math.round(alpha))
      }
    }
  }
  // Strokes left to right with momentum, like handwriting.
  for (let stroke = 0; stroke < 5; stroke += 1) {
    let x = width * (0.1 + stroke * 0.17) + random() * 10
    let y = height * (0.3 + random() * 0.4)
    let angle = random() * Math.PI * 2
    for (let step = 0; step < 220; step += 1) {
      angle += (random() - 0.5) * 0.9
      x = Math.min(width - 3, Math.max(2, x + Math.cos(angle) * 1.5))
      y = Math.min(height - 3, Math.max(2, y + Math.sin(angle) * 1.5))
      dot(x, y)
    }
  }
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let row = 0; row < height; row += 1) pixels.copy(raw, row * (width * 4 + 1) + 1, row * width * 4, (row + 1) * width * 4)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}
