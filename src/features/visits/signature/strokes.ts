// The signature as data: strokes of points in CSS pixels of the pad. Drawing,
// undo and export all replay this list, so the pure logic is tested here and
// the canvas component only forwards touches and paints.

export interface Point {
  x: number
  y: number
}

export type Stroke = readonly Point[]

export interface Box {
  left: number
  top: number
  right: number
  bottom: number
  width: number
  height: number
}

/** The part of CanvasRenderingContext2D the pad uses; weapp's 2D context and the browser's both fit. */
export interface Pen2D {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  lineCap: string
  lineJoin: string
  fillRect(x: number, y: number, width: number, height: number): void
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void
  stroke(): void
  fill(): void
}

export interface Ink {
  color: string
  width: number
  background: string
}

export const SIGNATURE_INK: Ink = { color: '#111111', width: 4, background: '#ffffff' }

/** Touch events arrive far more often than the finger moves a pixel. */
const MIN_STEP = 1.5

/**
 * A signature is "empty" when nothing was drawn, or when all of it fits in a
 * box smaller than `minExtent` both ways: a stray tap is not a signature.
 */
export const MIN_SIGNATURE_EXTENT = 12

export class StrokeRecorder {
  private done: Point[][] = []
  private current: Point[] | null = null

  get strokes(): readonly Stroke[] {
    return this.current ? [...this.done, this.current] : this.done
  }

  /** A finger went down: a new stroke starts with this point. */
  begin(point: Point): void {
    this.end()
    this.current = [roundPoint(point)]
  }

  /** The finger moved; returns the segment to paint, or null when too small to bother. */
  extend(point: Point): { from: Point; to: Point } | null {
    if (!this.current) {
      this.begin(point)
      return null
    }
    const last = this.current[this.current.length - 1]
    const next = roundPoint(point)
    if (Math.hypot(next.x - last.x, next.y - last.y) < MIN_STEP) return null
    this.current.push(next)
    return { from: last, to: next }
  }

  /** The finger lifted (or the touch was cancelled): the stroke is kept. */
  end(): void {
    if (this.current) this.done.push(this.current)
    this.current = null
  }

  /** Removes the last stroke; true when there was one. */
  undo(): boolean {
    this.end()
    return this.done.pop() !== undefined
  }

  clear(): void {
    this.done = []
    this.current = null
  }

  boundingBox(): Box | null {
    return boundingBox(this.strokes)
  }

  isEmpty(minExtent = MIN_SIGNATURE_EXTENT): boolean {
    const box = this.boundingBox()
    return box === null || (box.width < minExtent && box.height < minExtent)
  }
}

export function boundingBox(strokes: readonly Stroke[]): Box | null {
  let left = Infinity
  let top = Infinity
  let right = -Infinity
  let bottom = -Infinity
  for (const stroke of strokes) {
    for (const { x, y } of stroke) {
      left = Math.min(left, x)
      top = Math.min(top, y)
      right = Math.max(right, x)
      bottom = Math.max(bottom, y)
    }
  }
  if (left === Infinity) return null
  return { left, top, right, bottom, width: right - left, height: bottom - top }
}

export function applyInk(pen: Pen2D, ink: Ink = SIGNATURE_INK): void {
  pen.strokeStyle = ink.color
  pen.fillStyle = ink.color
  pen.lineWidth = ink.width
  pen.lineCap = 'round'
  pen.lineJoin = 'round'
}

/** One segment while the finger moves: painting only the new part keeps old phones smooth. */
export function drawSegment(pen: Pen2D, from: Point, to: Point): void {
  pen.beginPath()
  pen.moveTo(from.x, from.y)
  pen.lineTo(to.x, to.y)
  pen.stroke()
}

/** A tap leaves a dot, as a pen would. */
export function drawDot(pen: Pen2D, at: Point, ink: Ink = SIGNATURE_INK): void {
  pen.beginPath()
  pen.arc(at.x, at.y, ink.width / 2, 0, Math.PI * 2)
  pen.fill()
}

export function drawStroke(pen: Pen2D, stroke: Stroke, ink: Ink = SIGNATURE_INK): void {
  if (stroke.length === 0) return
  if (stroke.length === 1) {
    drawDot(pen, stroke[0], ink)
    return
  }
  pen.beginPath()
  pen.moveTo(stroke[0].x, stroke[0].y)
  for (let i = 1; i < stroke.length; i += 1) pen.lineTo(stroke[i].x, stroke[i].y)
  pen.stroke()
}

/**
 * Paints the whole signature from scratch on an opaque background (after undo
 * or clear, and what the exported image shows): white, not transparent, so
 * the PNG reads the same in any viewer and compresses well.
 */
export function redraw(pen: Pen2D, strokes: readonly Stroke[], size: { width: number; height: number }, ink: Ink = SIGNATURE_INK): void {
  pen.fillStyle = ink.background
  pen.fillRect(0, 0, size.width, size.height)
  applyInk(pen, ink)
  for (const stroke of strokes) drawStroke(pen, stroke, ink)
}

function roundPoint({ x, y }: Point): Point {
  return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 }
}
