import { Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ReplyError } from '../../../../domain/errors'
import type { VisitListItem, VisitPeriod } from '../../../../domain/visits'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { openPage } from '../../../services/navigation'
import { listVisits } from '../api'
import { contentText, signatureText } from '../labels'
import './visit-list.css'

export const VISIT_DETAIL_PATH = '/pages/staff/visit-detail/index'

const PERIODS: { value: VisitPeriod; label: string }[] = [
  { value: 'today', label: '今天' },
  { value: 'week', label: '本周' },
  { value: 'all', label: '全部' },
]

interface ListState {
  items: VisitListItem[]
  nextCursor: string | null
  loading: boolean
  error: ReplyError | null
}

/** Records as the server lists them: masked, except the caller's own (see cloudfunctions/visits/views.ts). */
export function VisitList({ scope, villageId }: { scope: 'mine' | 'village'; villageId?: string }) {
  const [period, setPeriod] = useState<VisitPeriod>(scope === 'mine' ? 'today' : 'all')
  const [typed, setTyped] = useState('')
  const [query, setQuery] = useState('')
  const [state, setState] = useState<ListState>({ items: [], nextCursor: null, loading: true, error: null })
  const latest = useRef(0)

  const load = useCallback(
    async (cursor?: string) => {
      const call = ++latest.current
      setState((current) => ({ ...current, loading: true, error: null, ...(cursor ? {} : { items: [], nextCursor: null }) }))
      const reply = await listVisits({ scope, ...(villageId ? { villageId } : {}), period, query, ...(cursor ? { cursor } : {}) })
      if (call !== latest.current) return
      setState((current) =>
        reply.ok
          ? { items: cursor ? [...current.items, ...reply.data.items] : reply.data.items, nextCursor: reply.data.nextCursor, loading: false, error: null }
          : { ...current, loading: false, error: reply.error },
      )
    },
    [scope, villageId, period, query],
  )

  useEffect(() => {
    void load()
  }, [load])

  // Back from a record that was corrected or voided: show it as it is now.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void load()
    shown.current = true
  })

  return (
    <View className='visit-list' id={`visit-list-${scope}`}>
      <ChoiceList choices={PERIODS} value={period} onChange={setPeriod} idPrefix='visit-period' />
      <View className='visit-list__search'>
        <Input
          className='text-input visit-list__query'
          id='visit-search'
          value={typed}
          maxlength={30}
          placeholder='搜姓名、地址或电话'
          onInput={(event) => setTyped(event.detail.value)}
        />
        <BigButton inline kind='secondary' onClick={() => setQuery(typed.trim())} id='visit-search-go'>
          搜索
        </BigButton>
      </View>
      {state.error ? <ErrorView error={state.error} onRetry={() => void load()} retrying={state.loading} /> : null}
      {!state.error && !state.loading && state.items.length === 0 ? (
        <EmptyView text={query ? `没有找到“${query}”的记录。` : '这段时间还没有入户记录。'} />
      ) : null}
      {state.items.map((visit) => (
        <VisitRow key={visit.id} visit={visit} />
      ))}
      {state.loading ? <Loading /> : null}
      {state.nextCursor && !state.loading ? (
        <BigButton kind='secondary' onClick={() => void load(state.nextCursor ?? undefined)} id='visit-more'>
          加载更多
        </BigButton>
      ) : null}
    </View>
  )
}

function VisitRow({ visit }: { visit: VisitListItem }) {
  const voided = visit.status === 'voided'
  return (
    <View
      className={`card visit-row${voided ? ' visit-row--voided' : ''}`}
      id={`visit-${visit.id}`}
      onClick={() => openPage(`${VISIT_DETAIL_PATH}?id=${encodeURIComponent(visit.id)}`)}
    >
      <View className='visit-row__head'>
        <Text className='visit-row__name'>{visit.residentName}</Text>
        <Text className='visit-row__day'>{visit.visitedOn}</Text>
      </View>
      <Text className='visit-row__line visit-row__address'>{visit.address}</Text>
      <Text className='visit-row__line'>{contentText(visit)}</Text>
      <Text className='visit-row__line visit-row__meta'>
        {[visit.phone || '未留电话', signatureText(visit.signatureKind), `记录人 ${visit.authorName}`].join(' · ')}
      </Text>
      {voided ? <Text className='visit-row__badge'>已作废</Text> : null}
    </View>
  )
}
