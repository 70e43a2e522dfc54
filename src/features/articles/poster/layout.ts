import type { Hotline } from '../../../../domain/account'

// The A4 poster (防骗海报) as drawing steps, worked out without a canvas so
// it can be tested: a red head, the title, the three points, the hotlines
// with 96110 large, and the code that opens the article for the village.
// Text is wrapped with the measure of the canvas that will draw it (the
// phone's own CJK fonts; the server has none).

/** A4 at 150 dpi. */
export const POSTER_SIZE = { width: 1240, height: 1754 } as const

export interface PosterContent {
  title: string
  keyPoints: readonly string[]
  hotlines: readonly Hotline[]
  villageName: string
  townName: string
}

export interface Font {
  size: number
  bold: boolean
}

export type DrawStep =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string; stroke?: string; lineWidth?: number }
  | { kind: 'circle'; x: number; y: number; radius: number; fill: string }
  | { kind: 'text'; text: string; x: number; y: number; font: Font; fill: string; align: 'left' | 'center' }
  | { kind: 'code'; x: number; y: number; size: number }

export type Measure = (text: string, font: Font) => number

const RED = '#c62828'
const DARK = '#1a1a1a'
const MARGIN = 80

/**
 * Lines of `text` no wider than `width`: Chinese breaks between any two
 * characters, a run of Latin letters or digits (96110, a URL) stays whole
 * where it fits; at most `maxLines`, the last one ending in … when cut.
 */
export function wrapText(text: string, width: number, font: Font, measure: Measure, maxLines = Infinity): string[] {
  const tokens = text.match(/[A-Za-z0-9@._:/-]+|\s+|./gu) ?? []
  const lines: string[] = []
  let line = ''
  for (const token of tokens) {
    const next = line + token
    if (measure(next, font) <= width || !line) {
      line = /^\s+$/.test(token) && !line ? '' : next
      continue
    }
    lines.push(line.trimEnd())
    line = /^\s+$/.test(token) ? '' : token
    // A token wider than a line on its own is cut by character.
    while (measure(line, font) > width && line.length > 1) {
      let cut = line.length - 1
      while (cut > 1 && measure(line.slice(0, cut), font) > width) cut -= 1
      lines.push(line.slice(0, cut))
      line = line.slice(cut)
    }
  }
  if (line.trim()) lines.push(line.trimEnd())
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  let last = kept[maxLines - 1]
  while (last.length > 1 && measure(`${last}…`, font) > width) last = last.slice(0, -1)
  kept[maxLines - 1] = `${last}…`
  return kept
}

/** 96110 first and large; the other numbers (the police station) under it. */
function splitHotlines(hotlines: readonly Hotline[]): { main: Hotline | null; others: Hotline[] } {
  const main = hotlines.find((line) => line.number.replace(/\D/g, '') === '96110') ?? hotlines[0] ?? null
  return { main, others: hotlines.filter((line) => line !== main).slice(0, 2) }
}

/** The largest of `sizes` at which `fits` holds, else the smallest. */
function largestFitting(sizes: readonly number[], fits: (size: number) => boolean): number {
  return sizes.find(fits) ?? sizes[sizes.length - 1]
}

export function layoutPoster(content: PosterContent, measure: Measure): DrawStep[] {
  const { width, height } = POSTER_SIZE
  const inner = width - MARGIN * 2
  const steps: DrawStep[] = [{ kind: 'rect', x: 0, y: 0, width, height, fill: '#ffffff' }]
  // Fixed bands from the bottom up: the code, then the hotlines; the title and points fill what is left above.
  const codeSize = 380
  const codeTop = height - codeSize - 110
  const boxHeight = 280
  const boxTop = codeTop - 50 - boxHeight

  // Head
  steps.push({ kind: 'rect', x: 0, y: 0, width, height: 250, fill: RED })
  steps.push({ kind: 'text', text: '防骗提醒', x: width / 2, y: 150, font: { size: 116, bold: true }, fill: '#ffffff', align: 'center' })
  steps.push({ kind: 'text', text: `${content.townName}全民反诈`, x: width / 2, y: 218, font: { size: 44, bold: false }, fill: '#ffffff', align: 'center' })

  // Title: two lines at most, smaller type before it is cut.
  const titleSize = largestFitting([66, 58, 50], (size) => wrapText(content.title, inner, { size, bold: true }, measure).length <= 2)
  const titleFont = { size: titleSize, bold: true }
  let y = 250 + 40 + titleSize
  for (const line of wrapText(content.title, inner, titleFont, measure, 2)) {
    steps.push({ kind: 'text', text: line, x: MARGIN, y, font: titleFont, fill: DARK, align: 'left' })
    y += Math.round(titleSize * 1.35)
  }

  // The three points, in the room left above the hotlines.
  y += 20
  steps.push({ kind: 'text', text: '记住这几条', x: MARGIN, y, font: { size: 50, bold: true }, fill: RED, align: 'left' })
  const pointsTop = y + 20
  const room = boxTop - 40 - pointsTop
  const points = content.keyPoints.slice(0, 3)
  const textWidth = inner - 110
  const pointsHeight = (size: number) => points.reduce((sum, point) => sum + 30 + wrapText(point, textWidth, { size, bold: true }, measure, 2).length * Math.round(size * 1.35), 0)
  const pointSize = largestFitting([52, 46, 40, 36], (size) => pointsHeight(size) <= room)
  const pointFont = { size: pointSize, bold: true }
  const lineHeight = Math.round(pointSize * 1.35)
  y = pointsTop
  points.forEach((point, index) => {
    y += 30
    const radius = Math.round(pointSize * 0.7)
    steps.push({ kind: 'circle', x: MARGIN + radius, y: y + lineHeight / 2, radius, fill: RED })
    steps.push({ kind: 'text', text: String(index + 1), x: MARGIN + radius, y: y + lineHeight / 2 + pointSize * 0.36, font: { size: pointSize, bold: true }, fill: '#ffffff', align: 'center' })
    for (const line of wrapText(point, textWidth, pointFont, measure, 2)) {
      steps.push({ kind: 'text', text: line, x: MARGIN + 110, y: y + lineHeight / 2 + pointSize * 0.36, font: pointFont, fill: DARK, align: 'left' })
      y += lineHeight
    }
  })

  // Hotlines: 96110 large, the station's number under it.
  const { main, others } = splitHotlines(content.hotlines)
  steps.push({ kind: 'rect', x: MARGIN, y: boxTop, width: inner, height: boxHeight, fill: '#fdecea', stroke: RED, lineWidth: 6 })
  steps.push({ kind: 'text', text: '遇到可疑情况，立即拨打', x: width / 2, y: boxTop + 66, font: { size: 46, bold: true }, fill: DARK, align: 'center' })
  if (main) steps.push({ kind: 'text', text: main.number, x: width / 2, y: boxTop + 186, font: { size: 124, bold: true }, fill: RED, align: 'center' })
  const othersText = others.map((line) => `${line.label} ${line.number}`).join('    ')
  if (othersText) steps.push({ kind: 'text', text: othersText, x: width / 2, y: boxTop + 250, font: { size: 42, bold: false }, fill: DARK, align: 'center' })

  // The code, and what it does
  const codeLeft = width - MARGIN - codeSize
  steps.push({ kind: 'rect', x: codeLeft - 10, y: codeTop - 10, width: codeSize + 20, height: codeSize + 20, fill: '#ffffff', stroke: '#999999', lineWidth: 2 })
  steps.push({ kind: 'code', x: codeLeft, y: codeTop, size: codeSize })
  const besideWidth = codeLeft - MARGIN - 40
  let textY = codeTop + 70
  for (const line of wrapText('微信扫一扫，阅读全文', besideWidth, { size: 52, bold: true }, measure, 2)) {
    steps.push({ kind: 'text', text: line, x: MARGIN, y: textY, font: { size: 52, bold: true }, fill: DARK, align: 'left' })
    textY += 72
  }
  for (const line of wrapText('转发给家人、邻居，一起防骗', besideWidth, { size: 42, bold: false }, measure, 2)) {
    steps.push({ kind: 'text', text: line, x: MARGIN, y: textY + 10, font: { size: 42, bold: false }, fill: '#333333', align: 'left' })
    textY += 60
  }
  steps.push({ kind: 'text', text: `${content.villageName} 张贴`, x: MARGIN, y: codeTop + codeSize - 10, font: { size: 42, bold: true }, fill: RED, align: 'left' })
  steps.push({ kind: 'text', text: `${content.townName}反诈办 · 派出所`, x: width / 2, y: height - 40, font: { size: 34, bold: false }, fill: '#4a4a4a', align: 'center' })
  return steps
}

export function fontString(font: Font): string {
  return `${font.bold ? 'bold ' : ''}${font.size}px "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif`
}
