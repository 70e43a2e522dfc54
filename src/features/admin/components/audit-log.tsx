import { Text, View } from '@tarojs/components'
import { useCallback, useMemo, useState } from 'react'
import { AUDIT_ACTION_LABELS, type AuditEntryView } from '../../../../domain/admin'
import { formatShanghai, isDayString } from '../../../../domain/dates'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { TextField } from '../../../components/text-field'
import { useRead } from '../../../hooks/use-read'
import { getAuditLog } from '../api'
import './admin.css'

/**
 * 操作记录: who exported what, who changed roles or town data, who viewed a
 * tipster's identity; newest first. Office sees the town's; police their own.
 */
export function AuditLog() {
  const [action, setAction] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [more, setMore] = useState<AuditEntryView[]>([])
  const [cursor, setCursor] = useState<string | null | undefined>(undefined)
  // Half-typed dates do not filter (nor reload) until they are whole days.
  const fromDay = isDayString(from) ? from : undefined
  const toDay = isDayString(to) ? to : undefined
  const filters = useMemo(() => ({ action: action || undefined, from: fromDay, to: toDay }), [action, fromDay, toDay])
  const load = useCallback(() => getAuditLog(filters), [filters])
  const read = useRead(load)
  const entries = read.data ? [...read.data.entries, ...more] : []
  const next = cursor === undefined ? read.data?.nextCursor ?? null : cursor

  const loadMore = async () => {
    if (!next) return
    const reply = await getAuditLog({ ...filters, cursor: next })
    if (reply.ok) {
      setMore([...more, ...reply.data.entries])
      setCursor(reply.data.nextCursor)
    }
  }
  const refilter = (change: () => void) => {
    change()
    setMore([])
    setCursor(undefined)
  }

  return (
    <View id='audit-log'>
      <ChoiceList
        choices={[{ value: '', label: '全部' }, ...Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))]}
        value={action}
        onChange={(value) => refilter(() => setAction(value))}
        idPrefix='audit-action'
      />
      <View className='admin-row'>
        <TextField label='从（年-月-日）' name='audit-from' value={from} maxlength={10} onChange={(value) => refilter(() => setFrom(value))} />
        <TextField label='到（年-月-日）' name='audit-to' value={to} maxlength={10} onChange={(value) => refilter(() => setTo(value))} />
      </View>
      {read.error && !read.data ? <ErrorView error={read.error} onRetry={read.reload} retrying={read.loading} /> : null}
      {!read.data && !read.error ? <Loading /> : null}
      {read.data && entries.length === 0 ? <EmptyView text='这段时间没有操作记录。' /> : null}
      {entries.map((entry) => (
        <View key={entry.id} className='card admin-card' id={`audit-${entry.id}`}>
          <Text className='admin-card__title'>{entry.actionLabel}</Text>
          <Text className='admin-line'>
            {formatShanghai(new Date(entry.at), 'YYYY-MM-DD HH:mm')} · {entry.actorName}
          </Text>
          {Object.entries(entry.detail).map(([name, value]) => (
            <Text key={name} className='admin-line muted'>
              {name}：{typeof value === 'string' ? value : JSON.stringify(value)}
            </Text>
          ))}
        </View>
      ))}
      {next ? (
        <BigButton kind='secondary' id='audit-more' onClick={() => void loadMore()}>
          加载更多
        </BigButton>
      ) : null}
    </View>
  )
}
