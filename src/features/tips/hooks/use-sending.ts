import { useCallback, useEffect, useRef, useState } from 'react'
import { fail, type Reply, type ReplyError } from '../../../../domain/errors'
import type { SubmittedTip, SubmitTipInput } from '../../../../domain/tips'
import { addEvidence, submitTip } from '../api'
import { readEvidence, releaseEvidence } from '../evidence-images'
import { receiptStore, sendingStore, type Sending } from '../phone-store'

// Sending a tip: the tip itself first (small, so it gets through on a weak
// signal, and police see an urgent one at once), then its images one per
// call. Every step is kept on the phone, so a lost signal or a closed app
// resumes where it stopped, under the same requestId and receipt code: the
// function makes one tip and keeps one copy of each image however often a
// step is sent again.

/** Worth trying again later: no signal, a busy or broken server. */
const RETRYABLE = new Set(['NETWORK', 'INTERNAL', 'RATE_LIMITED'])

export interface SendingState {
  sending: Sending | null
  busy: boolean
  /** Why the last attempt stopped (it can be tried again). */
  error: ReplyError | null
  /** Sends a new tip; a refusal of its content is returned for the form to show. */
  start: (requestId: string, input: SubmitTipInput, images: string[]) => Promise<Reply<SubmittedTip>>
  /** Tries the unfinished steps again. */
  resume: () => void
  /** The tipster has noted the receipt code: the card goes. */
  dismiss: () => void
}

export function pendingImages(sending: Sending): number[] {
  return sending.images.map((_, index) => index).filter((index) => !sending.uploaded.includes(index) && !sending.refused.some((refused) => refused.index === index))
}

export function isFinished(sending: Sending): boolean {
  return sending.result !== null && pendingImages(sending).length === 0
}

export function useSending(): SendingState {
  const [sending, setSending] = useState<Sending | null>(() => sendingStore.load())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)
  const running = useRef(false)

  const keep = useCallback((next: Sending | null) => {
    if (next) sendingStore.save(next)
    else sendingStore.clear()
    setSending(next ? { ...next } : null)
  }, [])

  const run = useCallback(
    async (current: Sending): Promise<Reply<SubmittedTip>> => {
      if (running.current) return fail('RATE_LIMITED', '正在提交，请稍候')
      running.current = true
      setBusy(true)
      setError(null)
      try {
        if (!current.result) {
          const reply = await submitTip(current.input, current.requestId)
          if (!reply.ok) {
            if (RETRYABLE.has(reply.error.code)) {
              setError(reply.error)
              keep(current)
            } else keep(null)
            return reply
          }
          current.result = reply.data
          receiptStore.add({ receipt: reply.data.receipt, reference: reply.data.reference, savedAt: Date.now() })
          keep(current)
        }
        const receipt = current.result.receipt
        for (const index of pendingImages(current)) {
          const image = readEvidence(current.images[index])
          if (image === null) {
            current.refused.push({ index, message: '这张图片在手机上找不到了，请到派出所提供' })
            keep(current)
            continue
          }
          const reply = await addEvidence(receipt, index, image)
          if (reply.ok) current.uploaded.push(index)
          else if (RETRYABLE.has(reply.error.code)) {
            setError(reply.error)
            keep(current)
            return { ok: true, data: current.result }
          } else current.refused.push({ index, message: reply.error.message })
          keep(current)
        }
        for (const image of current.images) releaseEvidence(image)
        return { ok: true, data: current.result }
      } finally {
        running.current = false
        setBusy(false)
      }
    },
    [keep],
  )

  const start = useCallback(
    (requestId: string, input: SubmitTipInput, images: string[]) => {
      const next: Sending = { requestId, input, images, result: null, uploaded: [], refused: [] }
      keep(next)
      return run(next)
    },
    [keep, run],
  )

  const resume = useCallback(() => {
    const current = sendingStore.load()
    if (current && !isFinished(current)) void run(current)
  }, [run])

  // A tip left unsent (or with images not yet sent) when the app closed goes on now.
  useEffect(resume, [resume])

  const dismiss = useCallback(() => keep(null), [keep])
  return { sending, busy, error, start, resume, dismiss }
}
