import { Input, Picker, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import { formatShanghai } from '../../../../domain/dates'
import type { ReplyError } from '../../../../domain/errors'
import { TIP_KINDS, TIP_KIND_LABELS, TIP_STATUS_LABELS, TIP_STATUSES, TRANSFER_LABELS, type TipKind, type TipQueueQuery, type TipRow, type TipStatus } from '../../../../domain/tips'
import { BigButton } from '../../../components/big-button'
import { CheckList } from '../../../components/check-list'
import { ChoiceList } from '../../../components/choice-list'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { openPage } from '../../../services/navigation'
import { getTipQueue } from '../api'
import { StatusBadge } from './tip-timeline'
import './tip-queue.css'
import './tips.css'

export const TIP_DETAIL_PATH = '/pages/staff/tip-detail/index'

export type QueueFilters = Omit<TipQueueQuery, 'offset'>

const STATUS_CHOICES: { value: TipStatus | 'all'; label: string }[] = [
  ...TIP_STATUSES.map((status) => ({ value: status, label: status === 'submitted' ? '新举报' : TIP_STATUS_LABELS[status] })),
  { value: 'all', label: '全部' },
]
const KIND_CHOICES: { value: TipKind | 'all'; label: string }[] = [{ value: 'all', label: '全部类型' }, ...TIP_KINDS.map((kind) => ({ value: kind.key, label: kind.label }))]

/**
 * 举报线索 for police: new tips first, urgent ones (money gone within the day)
 * at the top; filters by status, type, urgency, amount and date. Rows say
 * nothing of who sent a tip.
 */
export function TipQueue({ filters, onFilters }: { filters: QueueFilters; onFilters: (filters: QueueFilters) => void }) {
  const [rows, setRows] = useState<TipRow[] | null>(null)
  const [nextOffset, setNextOffset] = useState<number | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)
  const [loading, setLoading] = useState(false)
  const latest = useRef(0)

  const load = useCallback(
    async (offset: number) => {
      const call = ++latest.current
      setLoading(true)
      setError(null)
      const reply = await getTipQueue({ ...filters, offset })
      if (call !== latest.current) return
      setLoading(false)
      if (!reply.ok) return setError(reply.error)
      setRows((current) => (offset === 0 ? reply.data.tips : [...(current ?? []), ...reply.data.tips]))
      setNextOffset(reply.data.nextOffset)
    },
    [filters],
  )

  useEffect(() => {
    setRows(null)
    void load(0)
  }, [load])

  return (
    <View id='tip-queue'>
      <Filters filters={filters} onChange={onFilters} />
      {error ? <ErrorView error={error} onRetry={() => void load(rows ? rows.length : 0)} retrying={loading} /> : null}
      {rows === null && !error ? <Loading /> : null}
      {rows && rows.length === 0 ? <EmptyView text='没有符合条件的举报。' /> : null}
      {rows?.map((row) => <TipRowCard key={row.id} row={row} />)}
      {nextOffset !== null && rows ? (
        <BigButton kind='secondary' id='tip-queue-more' loading={loading} loadingText='正在加载…' onClick={() => void load(nextOffset)}>
          加载更多
        </BigButton>
      ) : null}
    </View>
  )
}

function TipRowCard({ row }: { row: TipRow }) {
  return (
    <View className={`card tip-row${row.urgent ? ' tip-row--urgent' : ''}`} id={`tip-row-${row.reference}`} onClick={() => openPage(`${TIP_DETAIL_PATH}?id=${row.id}`)}>
      <View className='tip-card__head'>
        <Text className='tip-card__reference'>{row.reference}</Text>
        <StatusBadge status={row.status} />
      </View>
      {row.urgent ? <Text className='tip-badge'>紧急：24小时内已转账</Text> : null}
      <Text className='tip-row__meta'>
        {TIP_KIND_LABELS[row.kind]} · {formatShanghai(new Date(row.createdAt), 'M月D日 HH:mm')} · {row.anonymous ? '匿名' : '实名'}
        {row.villageName ? ` · ${row.villageName}` : ''}
      </Text>
      <Text className='tip-row__meta'>
        {TRANSFER_LABELS[row.transfer]}
        {row.amountLost > 0 ? ` · 损失${row.amountLost}元` : ''}
        {row.evidence.expected > 0 ? ` · 证据图片${row.evidence.received}/${row.evidence.expected}` : ''}
      </Text>
      <Text className='tip-row__excerpt'>{row.excerpt}</Text>
    </View>
  )
}

function Filters({ filters, onChange }: { filters: QueueFilters; onChange: (filters: QueueFilters) => void }) {
  const [more, setMore] = useState(false)
  const set = (patch: Partial<QueueFilters>) => onChange({ ...filters, ...patch })
  const flags = [...(filters.urgent ? ['urgent' as const] : []), ...(filters.transferred ? ['transferred' as const] : [])]
  return (
    <View className='tip-filters' id='tip-filters'>
      <ChoiceList choices={STATUS_CHOICES} value={filters.status ?? 'all'} onChange={(status) => set({ status: status === 'all' ? undefined : status })} idPrefix='tip-filter-status' />
      <Text className='tip-more' id='tip-filter-more' onClick={() => setMore(!more)}>
        {more ? '收起筛选 ▲' : '更多筛选（类型、紧急、金额、日期）▼'}
      </Text>
      {more ? (
        <View className='tip-filters'>
          <ChoiceList choices={KIND_CHOICES} value={filters.kind ?? 'all'} onChange={(kind) => set({ kind: kind === 'all' ? undefined : kind })} idPrefix='tip-filter-kind' />
          <CheckList
            choices={[
              { value: 'urgent', label: '只看紧急（24小时内转账）' },
              { value: 'transferred', label: '只看已转账的' },
            ]}
            values={flags}
            onChange={(next) => set({ urgent: next.includes('urgent') || undefined, transferred: next.includes('transferred') || undefined })}
            idPrefix='tip-filter'
          />
          <Input
            className='text-input'
            id='tip-filter-amount'
            type='number'
            maxlength={8}
            value={filters.minAmount ? String(filters.minAmount) : ''}
            placeholder='损失金额不少于（元）'
            onInput={(event) => set({ minAmount: /^\d{1,8}$/.test(event.detail.value) ? Number(event.detail.value) : undefined })}
          />
          <View className='tip-dates'>
            <Picker mode='date' value={filters.from ?? ''} end={filters.to} onChange={(event) => set({ from: String(event.detail.value) })}>
              <View className='tip-date' id='tip-filter-from'>
                <Text>{filters.from ? `从 ${filters.from}` : '开始日期 ›'}</Text>
              </View>
            </Picker>
            <Picker mode='date' value={filters.to ?? ''} start={filters.from} onChange={(event) => set({ to: String(event.detail.value) })}>
              <View className='tip-date' id='tip-filter-to'>
                <Text>{filters.to ? `到 ${filters.to}` : '结束日期 ›'}</Text>
              </View>
            </Picker>
            {filters.from || filters.to ? (
              <BigButton kind='secondary' inline onClick={() => set({ from: undefined, to: undefined })}>
                不限日期
              </BigButton>
            ) : null}
          </View>
        </View>
      ) : null}
    </View>
  )
}
