import { useCallback, useEffect, useRef, useState } from 'react'
import type { ArticleView } from '../../../../domain/articles'
import type { ReplyError } from '../../../../domain/errors'
import { getArticle } from '../api'
import { countedHere, rememberCounted } from '../seen'

export interface OpenedArticle {
  articleId: string | null
  code: string | null
}

export interface ArticleState {
  view: ArticleView | null
  loading: boolean
  error: ReplyError | null
  reload: () => void
  update: (change: (view: ArticleView) => ArticleView) => void
}

/**
 * The article the page was opened with (its id, or a share or poster code),
 * once the reader is ready (signed in, or reading without identity). Opening
 * it counts the read; a phone without identity says when it counted already.
 */
export function useArticle(opened: OpenedArticle, { anonymous, ready }: { anonymous: boolean; ready: boolean }): ArticleState {
  const [view, setView] = useState<ArticleView | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ReplyError | null>(null)
  const latest = useRef(0)

  const load = useCallback(async () => {
    if (!opened.articleId && !opened.code) {
      setLoading(false)
      setError({ code: 'NOT_FOUND', message: '链接不完整，打不开这篇文章。请到「学习」里找找看。' })
      return
    }
    const call = ++latest.current
    setLoading(true)
    setError(null)
    const seen = anonymous && [opened.articleId, opened.code].some((key) => key && countedHere(key))
    const reply = await getArticle({ ...(opened.articleId ? { articleId: opened.articleId } : {}), ...(opened.code ? { code: opened.code } : {}), seen }, { anonymous })
    if (call !== latest.current) return
    setLoading(false)
    if (!reply.ok) return setError(reply.error)
    setView(reply.data)
    if (anonymous && reply.data.counted) {
      rememberCounted(reply.data.id)
      if (opened.code) rememberCounted(opened.code)
    }
  }, [opened.articleId, opened.code, anonymous])

  useEffect(() => {
    if (ready) void load()
  }, [ready, load])

  const update = useCallback((change: (current: ArticleView) => ArticleView) => setView((current) => (current ? change(current) : current)), [])
  return { view, loading, error, reload: () => void load(), update }
}
