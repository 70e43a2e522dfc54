import { layoutPoster, POSTER_SIZE, wrapText, type DrawStep, type Font } from '../../src/features/articles/poster/layout'

// The A4 poster's layout, worked out without a canvas: nothing runs off the
// page or under something else, whatever the title and points, and the code
// is printed large enough to scan from a door.

/** Roughly how a CJK font measures: a Chinese character is as wide as the type is large. */
const measure = (text: string, font: Font) => [...text].reduce((sum, ch) => sum + (/[\x20-\x7e]/.test(ch) ? font.size * 0.55 : font.size), 0)
const HOTLINES = [
  { label: '反诈专线', number: '96110' },
  { label: '贾嗣派出所', number: '023-47651042' },
]
const content = (title: string, keyPoints: string[]) => ({ title, keyPoints, hotlines: HOTLINES, villageName: '新华村', townName: '贾嗣镇' })
const texts = (steps: DrawStep[]) => steps.filter((step): step is Extract<DrawStep, { kind: 'text' }> => step.kind === 'text')

function problems(steps: DrawStep[]): string[] {
  const found: string[] = []
  for (const step of texts(steps)) {
    const width = measure(step.text, step.font)
    const left = step.align === 'center' ? step.x - width / 2 : step.x
    if (left < 0 || left + width > POSTER_SIZE.width) found.push(`"${step.text}" runs off the page`)
    if (step.y > POSTER_SIZE.height || step.y - step.font.size < 0) found.push(`"${step.text}" is off the page`)
  }
  const code = steps.find((step) => step.kind === 'code')
  const box = steps.filter((step) => step.kind === 'rect')[2]
  if (!code || code.kind !== 'code') return [...found, 'no code']
  if (code.size < 300) found.push('the code is too small to scan')
  if (box && box.kind === 'rect' && box.y + box.height > code.y - 10) found.push('the hotlines run into the code')
  const lastPoint = texts(steps).filter((step) => step.x === 80 + 110).pop()
  if (lastPoint && box && box.kind === 'rect' && lastPoint.y > box.y - 10) found.push('the points run into the hotlines')
  return found
}

describe('the poster layout', () => {
  it('keeps a short article inside its bands', () => {
    const steps = layoutPoster(content('防骗“四不”，全家都要记牢', ['不点陌生链接', '不共享屏幕', '转账前先打96110']), measure)
    expect(problems(steps)).toEqual([])
    expect(texts(steps).map((step) => step.text)).toEqual(expect.arrayContaining(['96110', '贾嗣派出所 023-47651042', '新华村 张贴', '1', '2', '3']))
  })

  it('keeps the longest title and points inside their bands, in smaller type', () => {
    const title = '标'.repeat(40)
    const points = ['要'.repeat(30), '点'.repeat(30), '三'.repeat(30)]
    const steps = layoutPoster(content(title, points), measure)
    expect(problems(steps)).toEqual([])
    expect(texts(steps).filter((step) => step.text.startsWith('标')).length).toBeLessThanOrEqual(2)
  })

  it('wraps Chinese anywhere but keeps a number whole, and cuts with … at the last line', () => {
    const font = { size: 50, bold: true }
    const lines = wrapText('请拨打反诈专线96110咨询', 400, font, measure)
    expect(lines.some((line) => line.includes('96110'))).toBe(true)
    expect(lines.every((line) => measure(line, font) <= 400)).toBe(true)
    const cut = wrapText('字'.repeat(40), 400, font, measure, 2)
    expect(cut).toHaveLength(2)
    expect(cut[1].endsWith('…')).toBe(true)
  })
})
