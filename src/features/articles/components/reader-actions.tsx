import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import type { ArticleView } from '../../../../domain/articles'
import { BigButton } from '../../../components/big-button'
import { canRetry, InlineError } from '../../../components/error-view'
import { Section } from '../../../components/section'
import { SubscribeButton } from '../../../components/subscribe-button'
import { useWrite } from '../../../hooks/use-write'
import { openPage } from '../../../services/navigation'
import { learnArticle } from '../api'
import type { ArticleShare } from '../hooks/use-article-share'
import '../../../components/big-button.css'
import './article.css'

/** 我已学习, and after an alert the offer to be alerted next time (a natural moment to ask). */
export function LearnPanel({ view, onLearned }: { view: ArticleView; onLearned: (learnedCount: number) => void }) {
  const learn = useWrite((articleId: string, requestId: string) => learnArticle(articleId, requestId))
  const learned = Boolean(view.reader?.learned)
  const tap = async () => {
    const reply = await learn.run(view.id)
    if (reply.ok) onLearned(reply.data.learnedCount)
  }
  return (
    <View id='learn-panel'>
      {learned ? (
        <Text className='learned-done' id='learned-done'>
          ✓ 已学习，记入您的学习记录
        </Text>
      ) : (
        <BigButton onClick={() => void tap()} loading={learn.pending} loadingText='正在记录…' id='learn-button'>
          我已学习
        </BigButton>
      )}
      {learn.error ? <InlineError error={learn.error} onRetry={canRetry(learn.error) ? () => void tap() : undefined} /> : null}
      {learned && view.category === 'alert' ? <SubscribeButton template='articleAlert' label='有新骗局时微信提醒我' id='alert-subscribe' /> : null}
    </View>
  )
}

/**
 * 分享: the reader's link carries their code, so reads through it count for
 * their village. weapp shares with WeChat's own sheet; H5 copies the link.
 */
export function SharePanel({ view, share, villageNote }: { view: ArticleView; share: ArticleShare; villageNote?: ReactNode }) {
  const [copying, setCopying] = useState(false)
  const [message, setMessage] = useState('')
  const village = share.grant?.village ?? view.reader?.shareVillage ?? null
  const copy = async () => {
    setCopying(true)
    const reply = await share.copyLink()
    setCopying(false)
    if (reply.ok) {
      setMessage('链接已复制，可以粘贴到微信里发给亲友、发到群里。')
      void Taro.showToast({ title: '链接已复制', icon: 'success' }).catch(() => undefined)
    } else setMessage(reply.error.message)
  }
  return (
    <Section title='转发给亲友' id='share-panel'>
      <Text className='text-block muted' id='share-credit'>
        {village ? `通过您分享的链接阅读，会计入${village.name}的宣传成效。` : '把这篇文章转给家人、邻居，提醒他们别上当。'}
      </Text>
      {villageNote}
      {process.env.TARO_ENV === 'weapp' ? (
        <>
          <Button className='big-button big-button--primary' openType='share' id='share-button'>
            分享给微信好友或群
          </Button>
          <Text className='text-block muted'>要发朋友圈：点右上角「···」，选「分享到朋友圈」。</Text>
        </>
      ) : (
        <BigButton onClick={() => void copy()} loading={copying} loadingText='正在生成链接…' id='share-copy'>
          复制链接分享
        </BigButton>
      )}
      {message ? (
        <Text className='text-block' id='share-message'>
          {message}
        </Text>
      ) : null}
    </Section>
  )
}

/** For staff: print this article as a poster, or edit it. */
export function StaffActions({ view }: { view: ArticleView }) {
  if (!view.reader?.mayEdit && !view.reader?.mayPrintPoster) return null
  return (
    <View className='button-row' id='article-staff'>
      {view.reader.mayPrintPoster && view.status === 'published' ? (
        <BigButton kind='secondary' inline onClick={() => openPage(`/pages/staff/article-poster/index?id=${view.id}`)} id='article-poster'>
          打印防骗海报
        </BigButton>
      ) : null}
      {view.reader.mayEdit ? (
        <BigButton kind='secondary' inline onClick={() => openPage(`/pages/staff/article-edit/index?id=${view.id}`)} id='article-edit'>
          编辑
        </BigButton>
      ) : null}
    </View>
  )
}

/** Said to a reader without identity (Moments' single-page mode): how to get the rest. */
export function SinglePageNote() {
  return (
    <View className='reader-note' id='single-page-note'>
      <Text>
        {process.env.TARO_ENV === 'weapp'
          ? '您正在朋友圈里预览这篇文章。点屏幕下方的「前往小程序」，可以看更多防骗文章、一键拨打96110、记录学习和转发给亲友。'
          : '您还没有登录。打开完整的小程序，可以看更多防骗文章、记录学习和转发给亲友。'}
      </Text>
      {process.env.TARO_ENV === 'h5' ? (
        <BigButton kind='secondary' onClick={() => window.location.assign('/local/signin')} id='open-full-app'>
          打开完整版（选择演示用户）
        </BigButton>
      ) : null}
    </View>
  )
}
