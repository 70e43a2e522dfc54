import { Canvas, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { PosterData } from '../../../../domain/articles'
import { BigButton } from '../../../components/big-button'
import { fontString, layoutPoster, POSTER_SIZE, type DrawStep } from '../poster/layout'
import './poster.css'

// The poster is drawn on the phone: it has the CJK fonts, the cloud function
// does not. One <Canvas type="2d"> serves both builds (as the signature pad
// does); the code image comes from the server (a mini-program code, locally
// a QR code of the H5 link) and is drawn in as it is, so it scans.

const CANVAS_ID = 'poster-canvas'

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): unknown
  createImage?: () => ImageLike
  toDataURL?: (type?: string) => string
}

interface ImageLike {
  src: string
  onload: (() => void) | null
  onerror: ((error: unknown) => void) | null
}

interface Pen {
  fillStyle: string
  strokeStyle: string
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  imageSmoothingEnabled: boolean
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  beginPath(): void
  arc(x: number, y: number, r: number, start: number, end: number): void
  fill(): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void
}

function findCanvas(): Promise<CanvasNode | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((results: unknown[]) => resolve(((results?.[0] as { node?: CanvasNode } | null)?.node ?? null) as CanvasNode | null))
  })
}

/** The code image where the canvas can draw it: a browser loads the link; the mini-program downloads it first. */
async function loadCode(node: CanvasNode, url: string): Promise<unknown> {
  let src = url
  if (process.env.TARO_ENV !== 'h5') src = (await Taro.downloadFile({ url })).tempFilePath
  return new Promise((resolve, reject) => {
    const image: ImageLike = node.createImage ? node.createImage() : (new window.Image() as unknown as ImageLike)
    image.onload = () => resolve(image)
    image.onerror = (error) => reject(error)
    image.src = src
  })
}

function draw(pen: Pen, steps: DrawStep[], code: unknown): void {
  pen.textBaseline = 'alphabetic'
  for (const step of steps) {
    if (step.kind === 'rect') {
      pen.fillStyle = step.fill
      pen.fillRect(step.x, step.y, step.width, step.height)
      if (step.stroke) {
        pen.strokeStyle = step.stroke
        pen.lineWidth = step.lineWidth ?? 2
        pen.strokeRect(step.x, step.y, step.width, step.height)
      }
    } else if (step.kind === 'circle') {
      pen.fillStyle = step.fill
      pen.beginPath()
      pen.arc(step.x, step.y, step.radius, 0, Math.PI * 2)
      pen.fill()
    } else if (step.kind === 'text') {
      pen.font = fontString(step.font)
      pen.fillStyle = step.fill
      pen.textAlign = step.align
      pen.fillText(step.text, step.x, step.y)
    } else {
      // Crisp modules: a code scaled smoothly scans worse.
      pen.imageSmoothingEnabled = false
      pen.drawImage(code, step.x, step.y, step.size, step.size)
      pen.imageSmoothingEnabled = true
    }
  }
}

type Stage = { kind: 'drawing' } | { kind: 'ready' } | { kind: 'failed'; message: string }

/** Draws the poster and offers to save it (an image for the printer). */
export function PosterMaker({ poster }: { poster: PosterData }) {
  const node = useRef<CanvasNode | null>(null)
  const drawn = useRef<{ steps: DrawStep[]; code: unknown } | null>(null)
  const [stage, setStage] = useState<Stage>({ kind: 'drawing' })
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  const [note, setNote] = useState('')

  useEffect(() => {
    let cancelled = false
    const paint = async () => {
      let found: CanvasNode | null = null
      for (let attempt = 0; attempt < 20 && !found && !cancelled; attempt += 1) {
        found = await findCanvas()
        if (!found) await new Promise((resolve) => setTimeout(resolve, 100))
      }
      if (cancelled) return
      if (!found) return setStage({ kind: 'failed', message: '这台手机画不出海报（找不到画布）。请更新微信后再试。' })
      found.width = POSTER_SIZE.width
      found.height = POSTER_SIZE.height
      const pen = found.getContext('2d') as Pen
      try {
        const code = await loadCode(found, poster.codeImage)
        const steps = layoutPoster(
          { title: poster.article.title, keyPoints: poster.article.keyPoints, hotlines: poster.town.hotlines, villageName: poster.village.name, townName: poster.town.name },
          (text, font) => {
            pen.font = fontString(font)
            return pen.measureText(text).width
          },
        )
        if (cancelled) return
        draw(pen, steps, code)
        node.current = found
        drawn.current = { steps, code }
        setStage({ kind: 'ready' })
      } catch {
        if (!cancelled) setStage({ kind: 'failed', message: '二维码图片没有下载成功，请检查网络后点「重新生成」。' })
      }
    }
    Taro.nextTick(() => void paint())
    return () => {
      cancelled = true
    }
  }, [poster])

  // Taro's H5 canvas resets its bitmap when it renders again: paint it back.
  useEffect(() => {
    const canvas = node.current
    if (!canvas || !drawn.current || canvas.width === POSTER_SIZE.width) return
    canvas.width = POSTER_SIZE.width
    canvas.height = POSTER_SIZE.height
    draw(canvas.getContext('2d') as Pen, drawn.current.steps, drawn.current.code)
  })

  const save = async () => {
    const canvas = node.current
    if (!canvas) return
    setSaving(true)
    setNote('')
    try {
      if (process.env.TARO_ENV === 'h5') {
        const url = (canvas.toDataURL as (type: string) => string)('image/png')
        setSaved(url)
        const link = document.createElement('a')
        link.href = url
        link.download = `防骗海报-${poster.village.name}-${poster.code}.png`
        link.click()
        setNote('海报图片已下载（A4 大小），可以直接打印。')
      } else {
        const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas, fileType: 'png', destWidth: POSTER_SIZE.width, destHeight: POSTER_SIZE.height })
        setSaved(tempFilePath)
        try {
          await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
          setNote('已保存到手机相册（A4 大小），可以拿去打印，也可以发给村民。')
        } catch {
          setNote('没能存进相册：请点右上角「···」→「设置」允许保存到相册；也可以长按下面的图片保存或转发。')
        }
      }
    } catch {
      setNote('海报图片没有生成成功，请再点一次「保存海报」。')
    }
    setSaving(false)
  }

  return (
    <View id='poster-maker'>
      <View className='poster-frame'>
        <Canvas type='2d' id={CANVAS_ID} className='poster-canvas' />
      </View>
      {stage.kind === 'drawing' ? <Text className='text-block muted'>正在生成海报…</Text> : null}
      {stage.kind === 'failed' ? (
        <Text className='text-block' id='poster-failed'>
          {stage.message}
        </Text>
      ) : null}
      {stage.kind === 'ready' ? (
        <BigButton onClick={() => void save()} loading={saving} loadingText='正在保存…' id='poster-save'>
          保存海报（A4 图片）
        </BigButton>
      ) : null}
      {note ? (
        <Text className='text-block' id='poster-note'>
          {note}
        </Text>
      ) : null}
      {saved && process.env.TARO_ENV !== 'h5' ? <Image className='poster-result' src={saved} mode='widthFix' showMenuByLongpress /> : null}
      {poster.link ? <Text className='text-block muted'>本地演示：二维码打开 {poster.link}</Text> : null}
    </View>
  )
}
