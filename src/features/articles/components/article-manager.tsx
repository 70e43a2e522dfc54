import { Input, Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { ARTICLE_STATUSES, CATEGORY_LABELS, STATUS_LABELS, type ArticleStatus, type ManageItem } from '../../../../domain/articles'
import { formatShanghai } from '../../../../domain/dates'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { EmptyView } from '../../../components/coming-soon'
import { canRetry, ErrorView, InlineError } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { useRead } from '../../../hooks/use-read'
import { useWrite } from '../../../hooks/use-write'
import { openPage } from '../../../services/navigation'
import { listManaged, pinArticle, withdrawArticle } from '../api'
import { AlertSending } from './publish-panel'
import './article.css'
import './editor.css'

const STATUS_CHOICES = [{ value: 'any' as const, label: '全部' }, ...ARTICLE_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))]

/** 文章发布: every article of the town, drafts included, newest change first, with what can be done to each. */
export function ArticleManager() {
  const [status, setStatus] = useState<ArticleStatus | 'any'>('any')
  const load = useCallback(() => listManaged({ status }), [status])
  const page = useRead(load)
  const replace = (item: ManageItem) => page.setData((current) => (current ? { ...current, items: current.items.map((old) => (old.id === item.id ? item : old)) } : current))

  return (
    <View id='article-manager'>
      <BigButton onClick={() => openPage('/pages/staff/article-edit/index')} id='article-new'>
        写新文章
      </BigButton>
      <View className='filter-row'>
        <ChoiceList choices={STATUS_CHOICES} value={status} onChange={setStatus} idPrefix='manage-status' />
      </View>
      {page.error && !page.data ? <ErrorView error={page.error} onRetry={page.reload} retrying={page.loading} /> : null}
      {!page.data && !page.error ? <Loading text='正在加载文章…' /> : null}
      {page.data?.items.length === 0 ? <EmptyView text='还没有文章。点上面「写新文章」开始写第一篇。' /> : null}
      {page.data?.items.map((item) => <ManagedArticle key={item.id} item={item} onChanged={replace} />)}
    </View>
  )
}

function ManagedArticle({ item, onChanged }: { item: ManageItem; onChanged: (item: ManageItem) => void }) {
  const [withdrawing, setWithdrawing] = useState(false)
  const [reason, setReason] = useState('')
  const [notifying, setNotifying] = useState(false)
  const pin = useWrite((input: { articleId: string; pinned: boolean }, requestId: string) => pinArticle(input, requestId))
  const withdraw = useWrite((input: { articleId: string; reason: string }, requestId: string) => withdrawArticle(input, requestId))
  const scheduled = item.status === 'published' && item.publishAt !== null && new Date(item.publishAt).getTime() > Date.now()
  const live = item.status === 'published' && !scheduled
  const error = pin.error ?? withdraw.error

  const togglePin = async () => {
    const reply = await pin.run({ articleId: item.id, pinned: !item.pinned })
    if (reply.ok) onChanged(reply.data)
  }
  const confirmWithdraw = async () => {
    const reply = await withdraw.run({ articleId: item.id, reason: reason.trim() || '内容需要更新' })
    if (reply.ok) {
      setWithdrawing(false)
      onChanged(reply.data)
    }
  }

  return (
    <View className='card' id={`manage-${item.id}`}>
      <View>
        <Text className={`status-chip status-chip--${item.status}`}>{scheduled ? '定时发布' : STATUS_LABELS[item.status]}</Text>
        {item.pinned ? <Text className='status-chip'>置顶</Text> : null}
        <Text className='status-chip'>{CATEGORY_LABELS[item.category]}</Text>
      </View>
      <Text className='manage-item__title'>{item.title}</Text>
      <Text className='manage-item__meta'>
        {item.publishAt ? `${scheduled ? '将于' : ''}${formatShanghai(new Date(item.publishAt), 'M月D日 HH:mm')}发布` : `${formatShanghai(new Date(item.updatedAt), 'M月D日 HH:mm')}保存`}
        {` · ${item.authorName}`}
        {item.status !== 'draft' ? ` · 阅读 ${item.reads} · 已学习 ${item.learned}` : ''}
      </Text>
      {item.alert ? <AlertSending articleId={item.id} initial={item.alert} /> : null}
      <View className='button-row'>
        <BigButton kind='secondary' inline onClick={() => openPage(`/pages/staff/article-edit/index?id=${item.id}`)} id={`manage-${item.id}-edit`}>
          {item.status === 'draft' ? '编辑/发布' : '编辑'}
        </BigButton>
        <BigButton kind='secondary' inline onClick={() => openPage(`/pages/article/index?id=${item.id}`)}>
          预览
        </BigButton>
        <BigButton kind='secondary' inline loading={pin.pending} loadingText='请稍候…' onClick={() => void togglePin()} id={`manage-${item.id}-pin`}>
          {item.pinned ? '取消置顶' : '置顶'}
        </BigButton>
        {live ? (
          <BigButton kind='secondary' inline onClick={() => openPage(`/pages/staff/article-poster/index?id=${item.id}`)}>
            海报
          </BigButton>
        ) : null}
        {live && item.category === 'alert' && (!item.alert || item.alert.status === 'sending') && !notifying ? (
          <BigButton kind='secondary' inline onClick={() => setNotifying(true)} id={`manage-${item.id}-notify`}>
            {item.alert ? '继续通知订阅者' : '通知订阅者'}
          </BigButton>
        ) : null}
        {item.status === 'published' && !withdrawing ? (
          <BigButton kind='danger' inline onClick={() => setWithdrawing(true)} id={`manage-${item.id}-withdraw`}>
            撤回
          </BigButton>
        ) : null}
      </View>
      {notifying ? <AlertSending articleId={item.id} initial={item.alert ?? { status: 'sending', sent: 0, total: 0, failed: 0 }} /> : null}
      {withdrawing ? (
        <View id={`manage-${item.id}-withdraw-form`}>
          <Text className='text-block'>撤回后群众就看不到这篇文章了。撤回原因：</Text>
          <Input className='text-input' value={reason} maxlength={100} placeholder='例如：内容有误，修改后重新发布' onInput={(event) => setReason(event.detail.value)} />
          <View className='button-row'>
            <BigButton kind='danger' inline loading={withdraw.pending} loadingText='正在撤回…' onClick={() => void confirmWithdraw()} id={`manage-${item.id}-withdraw-confirm`}>
              确认撤回
            </BigButton>
            <BigButton kind='secondary' inline onClick={() => setWithdrawing(false)}>
              取消
            </BigButton>
          </View>
        </View>
      ) : null}
      {error ? <InlineError error={error} onRetry={canRetry(error) ? () => void (withdraw.error ? confirmWithdraw() : togglePin()) : undefined} /> : null}
    </View>
  )
}
