import { boundingBox, drawStroke, redraw, StrokeRecorder, type Pen2D } from '../../src/features/visits/signature/strokes'

/** A 2D context that writes down what it is asked to do. */
function fakePen() {
  const calls: string[] = []
  const pen: Pen2D = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 0,
    lineCap: '',
    lineJoin: '',
    fillRect: (x, y, w, h) => calls.push(`fillRect ${x},${y},${w},${h} ${String(pen.fillStyle)}`),
    beginPath: () => calls.push('beginPath'),
    moveTo: (x, y) => calls.push(`moveTo ${x},${y}`),
    lineTo: (x, y) => calls.push(`lineTo ${x},${y}`),
    arc: (x, y, r) => calls.push(`arc ${x},${y},${r}`),
    stroke: () => calls.push('stroke'),
    fill: () => calls.push('fill'),
  }
  return { pen, calls }
}

function drawLine(recorder: StrokeRecorder, points: [number, number][]) {
  recorder.begin({ x: points[0][0], y: points[0][1] })
  for (const [x, y] of points.slice(1)) recorder.extend({ x, y })
  recorder.end()
}

describe('signature strokes', () => {
  it('records a stroke from touch points and returns each new segment to paint', () => {
    const recorder = new StrokeRecorder()
    recorder.begin({ x: 10, y: 10 })
    expect(recorder.extend({ x: 30, y: 10 })).toEqual({ from: { x: 10, y: 10 }, to: { x: 30, y: 10 } })
    expect(recorder.extend({ x: 30, y: 40 })).toEqual({ from: { x: 30, y: 10 }, to: { x: 30, y: 40 } })
    recorder.end()
    expect(recorder.strokes).toEqual([
      [
        { x: 10, y: 10 },
        { x: 30, y: 10 },
        { x: 30, y: 40 },
      ],
    ])
  })

  it('skips moves smaller than a pixel or so, which only add points', () => {
    const recorder = new StrokeRecorder()
    recorder.begin({ x: 10, y: 10 })
    expect(recorder.extend({ x: 10.5, y: 10.5 })).toBeNull()
    expect(recorder.strokes[0]).toHaveLength(1)
  })

  it('starts a stroke when a move arrives without a touchstart', () => {
    const recorder = new StrokeRecorder()
    expect(recorder.extend({ x: 5, y: 5 })).toBeNull()
    expect(recorder.strokes).toEqual([[{ x: 5, y: 5 }]])
  })

  it('undo removes the last stroke only, and says whether there was one', () => {
    const recorder = new StrokeRecorder()
    drawLine(recorder, [
      [0, 0],
      [50, 0],
    ])
    drawLine(recorder, [
      [0, 20],
      [50, 20],
    ])
    expect(recorder.undo()).toBe(true)
    expect(recorder.strokes).toHaveLength(1)
    expect(recorder.strokes[0][0]).toEqual({ x: 0, y: 0 })
    expect(recorder.undo()).toBe(true)
    expect(recorder.undo()).toBe(false)
  })

  it('clear removes everything, including a stroke still being drawn', () => {
    const recorder = new StrokeRecorder()
    drawLine(recorder, [
      [0, 0],
      [50, 50],
    ])
    recorder.begin({ x: 1, y: 1 })
    recorder.clear()
    expect(recorder.strokes).toEqual([])
    expect(recorder.isEmpty()).toBe(true)
  })

  it('refuses an empty pad and a stray tap as a signature, accepts a real stroke', () => {
    const recorder = new StrokeRecorder()
    expect(recorder.isEmpty()).toBe(true)
    recorder.begin({ x: 40, y: 40 })
    recorder.end()
    expect(recorder.isEmpty()).toBe(true)
    drawLine(recorder, [
      [40, 40],
      [45, 42],
      [52, 41],
    ])
    expect(recorder.isEmpty()).toBe(false)
    expect(recorder.isEmpty(100)).toBe(true)
  })

  it('bounds every point of every stroke', () => {
    const recorder = new StrokeRecorder()
    expect(recorder.boundingBox()).toBeNull()
    drawLine(recorder, [
      [20, 30],
      [80, 35],
    ])
    drawLine(recorder, [
      [10, 60],
      [40, 90],
    ])
    expect(recorder.boundingBox()).toEqual({ left: 10, top: 30, right: 80, bottom: 90, width: 70, height: 60 })
    expect(boundingBox([])).toBeNull()
  })

  it('redraws onto a 2D context: white background first, then each stroke, a tap as a dot', () => {
    const recorder = new StrokeRecorder()
    drawLine(recorder, [
      [10, 10],
      [20, 10],
      [20, 30],
    ])
    recorder.begin({ x: 60, y: 60 })
    recorder.end()
    const { pen, calls } = fakePen()
    redraw(pen, recorder.strokes, { width: 300, height: 200 })
    expect(calls).toEqual([
      'fillRect 0,0,300,200 #ffffff',
      'beginPath',
      'moveTo 10,10',
      'lineTo 20,10',
      'lineTo 20,30',
      'stroke',
      'beginPath',
      'arc 60,60,2',
      'fill',
    ])
    expect(pen.strokeStyle).toBe('#111111')
    expect(pen.lineCap).toBe('round')
    expect(pen.lineWidth).toBe(4)
  })

  it('draws nothing for an empty stroke', () => {
    const { pen, calls } = fakePen()
    drawStroke(pen, [])
    expect(calls).toEqual([])
  })
})
