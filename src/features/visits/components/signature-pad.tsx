import { Canvas, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { forwardRef, memo, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react'
import { BigButton } from '../../../components/big-button'
import { applyInk, drawDot, drawSegment, redraw, StrokeRecorder, type Pen2D, type Point } from '../signature/strokes'
import './signature-pad.css'

// One <Canvas type="2d"> for both builds (see /work/shared/docs/taro.md). The
// three platform differences are kept to findSurface (how big the canvas is),
// touchPoint (where the finger is) and exportSurface (how the picture leaves).

export interface SignaturePadHandle {
  /** Nothing drawn, or only a stray tap. */
  isEmpty(): boolean
  /** weapp: a temporary file path; h5: a PNG data URL. */
  exportImage(): Promise<string>
  clear(): void
}

export interface SignaturePadProps {
  /** The canvas element's id; one pad per page keeps the default. */
  canvasId?: string
  /** Called when the pad goes from empty to signed or back. */
  onChange?: (empty: boolean) => void
}

/** Drawing is sharp on the screen: the backing store follows the screen, up to twice the CSS size. */
const MAX_PIXEL_RATIO = 2
/** The exported picture is 1.5 times the CSS size (about 500 x 300): readable in the archive, small on a weak signal. */
const EXPORT_RATIO = 1.5

/** What both platforms' canvas nodes offer. */
interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): unknown
  getBoundingClientRect?: () => { left: number; top: number; width: number; height: number }
  clientWidth?: number
  clientHeight?: number
}

interface Surface {
  node: CanvasNode
  pen: Pen2D & { scale(x: number, y: number): void; setTransform?: (...args: number[]) => void }
  width: number
  height: number
  ratio: number
}

interface TouchLike {
  x?: number
  y?: number
  clientX?: number
  clientY?: number
}

interface TouchEventLike {
  touches?: ArrayLike<TouchLike>
  changedTouches?: ArrayLike<TouchLike>
}

function pixelRatio(): number {
  let ratio = 1
  if (process.env.TARO_ENV === 'h5') ratio = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1
  else ratio = (typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync()).pixelRatio || 1
  return Math.min(Math.max(ratio, 1), MAX_PIXEL_RATIO)
}

function findSurface(canvasId: string): Promise<Surface | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${canvasId}`)
      .fields({ node: true, size: true })
      .exec((results: unknown[]) => {
        const hit = (results?.[0] ?? null) as { node?: CanvasNode; width?: number; height?: number } | null
        const node = hit?.node
        if (!node) return resolve(null)
        // H5 drops `size` when `node` is asked for: measure the element.
        const rect = node.getBoundingClientRect?.()
        const width = hit.width || rect?.width || node.clientWidth || 0
        const height = hit.height || rect?.height || node.clientHeight || 0
        const pen = node.getContext('2d') as Surface['pen'] | null
        if (!pen || !width || !height) return resolve(null)
        resolve({ node, pen, width, height, ratio: pixelRatio() })
      })
  })
}

/**
 * Sizes the backing store and paints everything again. Also heals the H5
 * canvas: Taro's web component resets the bitmap whenever it re-renders.
 */
function paintAll(surface: Surface, recorder: StrokeRecorder): void {
  const { node, pen, width, height, ratio } = surface
  const pixelWidth = Math.round(width * ratio)
  const pixelHeight = Math.round(height * ratio)
  if (node.width !== pixelWidth || node.height !== pixelHeight) {
    node.width = pixelWidth
    node.height = pixelHeight
  }
  if (pen.setTransform) pen.setTransform(1, 0, 0, 1, 0, 0)
  pen.scale(ratio, ratio)
  redraw(pen, recorder.strokes, { width, height })
}

function touchPoint(event: TouchEventLike, surface: Surface): Point | null {
  const touch = event.touches?.[0] ?? event.changedTouches?.[0]
  if (!touch) return null
  // weapp canvas touches carry x/y inside the canvas; H5 gives DOM touches,
  // measured from the canvas's corner.
  if (typeof touch.x === 'number' && typeof touch.y === 'number') return { x: touch.x, y: touch.y }
  if (typeof touch.clientX !== 'number' || typeof touch.clientY !== 'number') return null
  const rect = surface.node.getBoundingClientRect?.()
  return { x: touch.clientX - (rect?.left ?? 0), y: touch.clientY - (rect?.top ?? 0) }
}

async function exportSurface(surface: Surface, recorder: StrokeRecorder): Promise<string> {
  const width = Math.round(surface.width * EXPORT_RATIO)
  const height = Math.round(surface.height * EXPORT_RATIO)
  if (process.env.TARO_ENV === 'h5') {
    // Painted again from the strokes at the export size: crisper and smaller than scaling the screen's pixels.
    const out = document.createElement('canvas')
    out.width = width
    out.height = height
    const pen = out.getContext('2d')
    if (!pen) throw new Error('canvas cannot export')
    pen.scale(EXPORT_RATIO, EXPORT_RATIO)
    redraw(pen, recorder.strokes, { width: surface.width, height: surface.height })
    return out.toDataURL('image/png')
  }
  const result = await Taro.canvasToTempFilePath({
    canvas: surface.node as unknown as Taro.Canvas,
    fileType: 'png',
    destWidth: width,
    destHeight: height,
  })
  if (!result?.tempFilePath) throw new Error('canvasToTempFilePath returned no file')
  return result.tempFilePath
}

export const SignaturePad = memo(
  forwardRef<SignaturePadHandle, SignaturePadProps>(function SignaturePad({ canvasId = 'signature-canvas', onChange }, ref) {
    const recorder = useRef(new StrokeRecorder())
    const surface = useRef<Surface | null>(null)
    const [ready, setReady] = useState(false)
    const [strokeCount, setStrokeCount] = useState(0)
    const wasEmpty = useRef(true)
    const onChangeRef = useRef(onChange)
    onChangeRef.current = onChange

    const report = useCallback(() => {
      setStrokeCount(recorder.current.strokes.length)
      const empty = recorder.current.isEmpty()
      if (empty !== wasEmpty.current) {
        wasEmpty.current = empty
        onChangeRef.current?.(empty)
      }
    }, [])

    useEffect(() => {
      let cancelled = false
      let attempts = 0
      // The canvas node exists only after the page has rendered it: ask
      // again a few times (a slow phone, a page still laying out).
      const look = () => {
        void findSurface(canvasId).then((found) => {
          if (cancelled) return
          if (found) {
            surface.current = found
            paintAll(found, recorder.current)
            setReady(true)
          } else if (++attempts < 20) {
            setTimeout(look, 100)
          }
        })
      }
      Taro.nextTick(look)
      return () => {
        cancelled = true
      }
    }, [canvasId])

    const onTouchStart = useCallback((event: TouchEventLike) => {
      const found = surface.current
      if (!found) return
      const point = touchPoint(event, found)
      if (!point) return
      if (found.node.width !== Math.round(found.width * found.ratio)) paintAll(found, recorder.current)
      recorder.current.begin(point)
      applyInk(found.pen)
      drawDot(found.pen, point)
    }, [])

    const onTouchMove = useCallback((event: TouchEventLike) => {
      const found = surface.current
      if (!found) return
      const point = touchPoint(event, found)
      if (!point) return
      const segment = recorder.current.extend(point)
      if (segment) drawSegment(found.pen, segment.from, segment.to)
    }, [])

    const onTouchEnd = useCallback(() => {
      recorder.current.end()
      report()
    }, [report])

    const repaint = useCallback(() => {
      if (surface.current) paintAll(surface.current, recorder.current)
      report()
    }, [report])

    const undo = useCallback(() => {
      recorder.current.undo()
      repaint()
    }, [repaint])

    const clear = useCallback(() => {
      recorder.current.clear()
      repaint()
    }, [repaint])

    useImperativeHandle(
      ref,
      () => ({
        isEmpty: () => recorder.current.isEmpty(),
        clear,
        async exportImage() {
          const found = surface.current
          if (!found) throw new Error('the signature pad is not ready')
          recorder.current.end()
          // Paint from the strokes: what is exported is exactly what was recorded.
          paintAll(found, recorder.current)
          return exportSurface(found, recorder.current)
        },
      }),
      [clear],
    )

    return (
      <View className='signature-pad'>
        <Text className='signature-pad__hint'>{ready ? '请入户对象用手指在下面框内签名' : '正在准备签字板…'}</Text>
        <View className='signature-pad__frame'>
          <Canvas
            type='2d'
            id={canvasId}
            className='signature-pad__canvas'
            disableScroll
            onTouchStart={onTouchStart}
            onTouchMove={onTouchMove}
            onTouchEnd={onTouchEnd}
            onTouchCancel={onTouchEnd}
          />
        </View>
        <View className='button-row signature-pad__actions'>
          <BigButton kind='secondary' inline id='signature-undo' disabled={strokeCount === 0} onClick={undo}>
            撤销
          </BigButton>
          <BigButton kind='secondary' inline id='signature-clear' disabled={strokeCount === 0} onClick={clear}>
            清除
          </BigButton>
        </View>
      </View>
    )
  }),
)
