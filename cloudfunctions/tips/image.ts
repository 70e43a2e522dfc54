// Evidence images, checked and cleaned before they are stored. A photo taken
// on a phone carries where and with what it was taken (EXIF: GPS position,
// time, the phone's make and serial numbers); an anonymous tipster's
// screenshot or photo must not name them that way. So only JPEG and PNG are
// taken, each is parsed far enough to know it is one (and how big it is),
// and every metadata block is dropped. A JPEG's orientation is the one EXIF
// tag kept (in a fresh block of its own), so photos are not shown sideways.

export type EvidenceType = 'jpeg' | 'png'

export interface CleanImage {
  type: EvidenceType
  bytes: Buffer
  width: number
  height: number
}

export class NotAnImageError extends Error {}

/** Larger than any phone camera; a bigger header is a forgery or a bomb for whoever opens it. */
const MAX_SIDE = 12_000
const MAX_PIXELS = 60_000_000

export function cleanEvidenceImage(input: Buffer): CleanImage {
  if (input.length >= 3 && input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff) return cleanJpeg(input)
  if (input.length >= 8 && input.subarray(0, 8).equals(PNG_SIGNATURE)) return cleanPng(input)
  throw new NotAnImageError('not a JPEG or PNG')
}

function checkSize(width: number, height: number): void {
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    throw new NotAnImageError(`implausible size ${width}x${height}`)
  }
}

// ---------------------------------------------------------------- JPEG

const SOS = 0xda
const EOI = 0xd9
const APP0 = 0xe0
const APP1 = 0xe1
const APP14 = 0xee
const COM = 0xfe
/** Start-of-frame markers (all but DHT C4, JPG C8, DAC CC), which carry the size. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

function cleanJpeg(input: Buffer): CleanImage {
  const parts: Buffer[] = [input.subarray(0, 2)]
  let at = 2
  let size: { width: number; height: number } | null = null
  let orientation = 1
  for (;;) {
    if (at + 4 > input.length) throw new NotAnImageError('JPEG ends before its image data')
    if (input[at] !== 0xff) throw new NotAnImageError('JPEG segment expected')
    const marker = input[at + 1]
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    const length = input.readUInt16BE(at + 2)
    if (length < 2 || at + 2 + length > input.length) throw new NotAnImageError('JPEG segment runs past the end')
    const segment = input.subarray(at, at + 2 + length)
    if (SOF.has(marker)) {
      if (length < 7) throw new NotAnImageError('JPEG frame header too short')
      size = { height: input.readUInt16BE(at + 5), width: input.readUInt16BE(at + 7) }
    }
    if (marker === SOS) {
      if (!size) throw new NotAnImageError('JPEG image data before its frame header')
      // The compressed data holds no FF D9 but the end itself (FF is stuffed as FF 00).
      const end = input.indexOf(Buffer.from([0xff, EOI]), at + 2 + length)
      if (end < 0) throw new NotAnImageError('JPEG has no end marker')
      checkSize(size.width, size.height)
      // JFIF wants its APP0 right after the start: the orientation block goes after it.
      if (orientation !== 1) parts.splice(parts[1]?.[1] === APP0 ? 2 : 1, 0, orientationSegment(orientation))
      // Whatever follows the end marker (another file glued on) is dropped too.
      parts.push(input.subarray(at, end + 2))
      return { type: 'jpeg', bytes: Buffer.concat(parts), ...size }
    }
    if (marker === APP1) orientation = exifOrientation(segment.subarray(4)) ?? orientation
    // APP0 (JFIF) and APP14 (Adobe: how to read the colours) describe the image; every other APPn and comments describe the taker.
    const metadata = (marker >= APP0 && marker <= 0xef && marker !== APP0 && marker !== APP14) || marker === COM
    if (!metadata) parts.push(segment)
    at += 2 + length
  }
}

/** The orientation tag (0x0112) of an APP1 Exif block, if it has one. */
function exifOrientation(block: Buffer): number | null {
  if (block.length < 14 || block.toString('latin1', 0, 6) !== 'Exif\u0000\u0000') return null
  const tiff = block.subarray(6)
  const little = tiff.toString('latin1', 0, 2) === 'II'
  if (!little && tiff.toString('latin1', 0, 2) !== 'MM') return null
  const u16 = (offset: number) => (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset))
  const u32 = (offset: number) => (little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset))
  const ifd = u32(4)
  if (ifd + 2 > tiff.length) return null
  const entries = u16(ifd)
  for (let i = 0; i < entries; i += 1) {
    const entry = ifd + 2 + i * 12
    if (entry + 12 > tiff.length) return null
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8)
      return value >= 1 && value <= 8 ? value : null
    }
  }
  return null
}

/** An APP1 Exif block holding the orientation and nothing else. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26)
  tiff.write('MM', 0, 'latin1')
  tiff.writeUInt16BE(42, 2)
  tiff.writeUInt32BE(8, 4)
  tiff.writeUInt16BE(1, 8) // one entry
  tiff.writeUInt16BE(0x0112, 10) // Orientation
  tiff.writeUInt16BE(3, 12) // SHORT
  tiff.writeUInt32BE(1, 14) // count
  tiff.writeUInt16BE(orientation, 18)
  tiff.writeUInt32BE(0, 22) // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\u0000\u0000', 'latin1'), tiff])
  const header = Buffer.from([0xff, APP1, 0, 0])
  header.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([header, body])
}

// ---------------------------------------------------------------- PNG

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
/** Text, EXIF, time and colour-profile chunks: none is needed to show the picture. */
const PNG_METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'iCCP'])

function cleanPng(input: Buffer): CleanImage {
  const parts: Buffer[] = [PNG_SIGNATURE]
  let at = 8
  let size: { width: number; height: number } | null = null
  let hasData = false
  for (;;) {
    if (at + 12 > input.length) throw new NotAnImageError('PNG ends before IEND')
    const length = input.readUInt32BE(at)
    const type = input.toString('latin1', at + 4, at + 8)
    if (!/^[A-Za-z]{4}$/.test(type) || at + 12 + length > input.length) throw new NotAnImageError('PNG chunk runs past the end')
    if (at === 8) {
      if (type !== 'IHDR' || length !== 13) throw new NotAnImageError('PNG does not start with IHDR')
      size = { width: input.readUInt32BE(at + 8), height: input.readUInt32BE(at + 12) }
      checkSize(size.width, size.height)
    }
    if (type === 'IDAT') hasData = true
    if (!PNG_METADATA.has(type)) parts.push(input.subarray(at, at + 12 + length))
    at += 12 + length
    if (type === 'IEND') {
      if (!hasData || !size) throw new NotAnImageError('PNG has no image data')
      return { type: 'png', bytes: Buffer.concat(parts), ...size }
    }
  }
}
