import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { articlePath, articleQuery, type ArticleView, type ShareGrant } from '../../../../domain/articles'
import type { Reply } from '../../../../domain/errors'
import { getShareCode, recordShare } from '../api'

export interface ArticleShare {
  grant: ShareGrant | null
  /** For useShareAppMessage: the path with the reader's code (fetched before, or within WeChat's 3 s). */
  chatMessage: () => Taro.ShareAppMessageReturn
  /** For useShareTimeline. */
  timelineMessage: () => { title: string; query: string }
  /** H5: counts the share and copies the link. */
  copyLink: () => Promise<Reply<string>>
  /** Asks for the code again (after the reader said where they live). */
  refresh: () => void
}

/**
 * Sharing with attribution: the reader's share code (issued by the server,
 * one per reader and article) goes into every link they share, so reads
 * that arrive through it are credited to their village. A share gesture
 * counts as a share.
 */
export function useArticleShare(view: ArticleView | null, enabled: boolean): ArticleShare {
  const [grant, setGrant] = useState<ShareGrant | null>(null)
  const grantRef = useRef<ShareGrant | null>(null)
  const viewRef = useRef(view)
  viewRef.current = view
  const live = Boolean(enabled && view && view.status === 'published' && view.reader)
  const articleId = view?.id ?? null

  const fetchCode = useCallback(async () => {
    if (!articleId) return null
    const reply = await getShareCode(articleId)
    if (!reply.ok) return null
    grantRef.current = reply.data
    setGrant(reply.data)
    return reply.data
  }, [articleId])

  useEffect(() => {
    if (live) void fetchCode()
  }, [live, fetchCode])

  const chatMessage = useCallback((): Taro.ShareAppMessageReturn => {
    const current = viewRef.current
    if (!current) return { title: '全民反诈' }
    const fallback = { title: current.title, path: grantRef.current?.path ?? articlePath(current.id) }
    if (!live) return fallback
    // Counted, and the code made if the page had none yet (WeChat waits up to 3 s).
    const promise = recordShare(current.id, 'chat').then((reply) => (reply.ok ? { title: current.title, path: reply.data.path } : fallback))
    if (grantRef.current) return fallback
    return { ...fallback, promise }
  }, [live])

  const timelineMessage = useCallback(() => {
    const current = viewRef.current
    if (!current) return { title: '全民反诈', query: '' }
    if (live) void recordShare(current.id, 'timeline')
    return { title: current.title, query: grantRef.current?.query ?? articleQuery(current.id) }
  }, [live])

  const copyLink = useCallback(async (): Promise<Reply<string>> => {
    const current = viewRef.current
    if (!current) return { ok: false, error: { code: 'NOT_FOUND', message: '文章还没有打开' } }
    const reply = await recordShare(current.id, 'link')
    if (!reply.ok) return reply
    grantRef.current = reply.data
    setGrant(reply.data)
    const origin = typeof window !== 'undefined' ? `${window.location.origin}${window.location.pathname}` : ''
    const link = `${origin}#${reply.data.path}`
    try {
      await Taro.setClipboardData({ data: link })
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `没能复制，请手动复制这个链接：${link}` } }
    }
    return { ok: true, data: link }
  }, [])

  return { grant, chatMessage, timelineMessage, copyLink, refresh: () => void fetchCode() }
}
