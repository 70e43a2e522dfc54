import { View } from '@tarojs/components'
import { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { useState } from 'react'
import { openedWith } from '../../../domain/articles'
import { BigButton } from '../../components/big-button'
import { PrivacyConsentSheet } from '../../components/privacy-consent-sheet'
import { ErrorView } from '../../components/error-view'
import { Loading } from '../../components/loading'
import { AccountGate } from '../../features/account/components/account-gate'
import { VillageChooser } from '../../features/account/components/home-village'
import { useMe } from '../../features/account/hooks/use-me'
import { ArticleReader } from '../../features/articles/components/article-reader'
import { LearnPanel, SharePanel, SinglePageNote, StaffActions } from '../../features/articles/components/reader-actions'
import { useArticle } from '../../features/articles/hooks/use-article'
import { useArticleShare } from '../../features/articles/hooks/use-article-share'
import { readsWithoutIdentity } from '../../services/launch'

/**
 * One article. Opened from the list, from a share (id and the sharer's code)
 * or a poster's code (scene); from Moments it runs in single-page mode,
 * without identity: it still renders, counts the read, and says how to open
 * the full app.
 */
export default function ArticlePage() {
  const { params } = useRouter()
  const [opened] = useState(() => openedWith(params))
  const [anonymous] = useState(readsWithoutIdentity)
  const account = useMe({ signIn: !anonymous })
  const me = anonymous ? null : account.me
  const article = useArticle(opened, { anonymous, ready: anonymous || me !== null })
  const share = useArticleShare(article.view, !anonymous && me !== null)
  const [askVillage, setAskVillage] = useState(false)
  useShareAppMessage(() => share.chatMessage())
  useShareTimeline(() => share.timelineMessage())

  const content = () => {
    if (article.error && !article.view) return <ErrorView error={article.error} onRetry={article.reload} retrying={article.loading} />
    if (!article.view) return <Loading text='正在打开文章…' />
    const view = article.view
    const live = view.status === 'published' && new Date(view.publishedAt).getTime() <= Date.now()
    const resident = me !== null && !(me.village && me.roles.includes('cadre'))
    const villageNote =
      resident && askVillage ? (
        <VillageChooser
          prompt='您住在哪个村（社区）？亲友通过您的链接阅读，会计入这个村的宣传成效。'
          current={me.homeVillage?.id}
          onCancel={() => setAskVillage(false)}
          onSaved={(next) => {
            account.setMe(next)
            setAskVillage(false)
            share.refresh()
          }}
        />
      ) : resident && !(share.grant?.village ?? view.reader?.shareVillage) ? (
        <BigButton kind='secondary' onClick={() => setAskVillage(true)} id='share-village-ask'>
          填写我住在哪个村（社区）
        </BigButton>
      ) : null
    return (
      <ArticleReader
        view={view}
        actions={
          view.reader && live ? (
            <>
              <LearnPanel view={view} onLearned={(learnedCount) => article.update((current) => ({ ...current, learnedCount, reader: current.reader && { ...current.reader, learned: true } }))} />
              <SharePanel view={view} share={share} villageNote={villageNote} />
            </>
          ) : null
        }
        footer={
          <>
            <StaffActions view={view} />
            {anonymous ? <SinglePageNote /> : null}
          </>
        }
      />
    )
  }

  return (
    <View className='page'>
      {anonymous ? content() : <AccountGate account={account}>{() => content()}</AccountGate>}
      <PrivacyConsentSheet purpose='复制文章链接要用到手机的剪贴板。' />
    </View>
  )
}
