import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { formatShanghai, shanghaiDay } from '../../../../domain/dates'
import {
  DATA_REQUEST_KIND_LABELS,
  DATA_REQUEST_STATUS_LABELS,
  DATA_REQUEST_DUE_DAYS,
  DATA_SUBJECT_LABELS,
  handleDataRequestSchema,
  isOverdue,
  type DataDecision,
  type DataRequestDetail,
  type DataRequestStatus,
  type DataRequestView,
} from '../../../../domain/privacy'
import { fieldErrors } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView, InlineError } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { TextField } from '../../../components/text-field'
import { useRead } from '../../../hooks/use-read'
import { useWrite } from '../../../hooks/use-write'
import { getDataRequest, handleDataRequest, listDataRequests } from '../api'
import '../../../components/choice-list.css'
import '../../../components/form-field.css'
import '../privacy.css'

const FILTERS: { value: DataRequestStatus | ''; label: string }[] = [
  { value: 'pending', label: '待办理' },
  { value: '', label: '全部' },
]

/** 个人信息申请: residents' requests to see or delete their data; office confirms by phone, then handles each. */
export function RequestDesk() {
  const [status, setStatus] = useState<DataRequestStatus | ''>('pending')
  const [open, setOpen] = useState<string | null>(null)
  const load = useCallback(() => listDataRequests(status ? { status } : {}), [status])
  const read = useRead(load)
  if (open) {
    return (
      <RequestHandling
        id={open}
        onClose={() => {
          setOpen(null)
          read.reload()
        }}
      />
    )
  }
  return (
    <View id='request-desk'>
      <ChoiceList choices={FILTERS} value={status} onChange={setStatus} idPrefix='data-requests-filter' />
      {read.error && !read.data ? <ErrorView error={read.error} onRetry={read.reload} retrying={read.loading} /> : null}
      {!read.data && !read.error ? <Loading /> : null}
      {read.data && read.data.requests.length === 0 ? <EmptyView text={status === 'pending' ? '没有待办理的申请。' : '还没有人提出申请。'} /> : null}
      {read.data?.requests.map((request) => (
        <View key={request.id} className='card privacy-section' id={`desk-${request.id}`} onClick={() => setOpen(request.id)}>
          <RequestSummary request={request} />
          <Text className='privacy-link'>{request.status === 'pending' ? '办理 ›' : '查看 ›'}</Text>
        </View>
      ))}
    </View>
  )
}

function RequestSummary({ request }: { request: DataRequestView }) {
  return (
    <>
      <Text className='privacy-section__title'>
        {DATA_REQUEST_KIND_LABELS[request.kind]} · {DATA_SUBJECT_LABELS[request.subject]}
      </Text>
      <Text className='privacy-line'>
        {formatShanghai(new Date(request.createdAt))} · {DATA_REQUEST_STATUS_LABELS[request.status]}
      </Text>
      {request.status === 'pending' && isOverdue(shanghaiDay(new Date(request.createdAt)), shanghaiDay()) ? (
        <Text className='privacy-line privacy-line--late'>已超过{DATA_REQUEST_DUE_DAYS}天，请尽快办理</Text>
      ) : null}
      {request.subject === 'household' ? (
        <Text className='privacy-line'>
          {request.requester.name}　{request.requester.phone}　{request.requester.villageName ?? ''}
          {request.requester.door}
        </Text>
      ) : (
        <Text className='privacy-line'>找到本人的举报 {request.tips} 条（内容只有派出所能看到）</Text>
      )}
      {request.note ? <Text className='privacy-line muted'>说明：{request.note}</Text> : null}
      {request.handledAt ? (
        <Text className='privacy-line muted'>
          {request.handledByName} 于 {formatShanghai(new Date(request.handledAt))} 办理{request.reply ? `：${request.reply}` : ''}
        </Text>
      ) : null}
    </>
  )
}

const DECISIONS: Record<'see' | 'erase', { value: DataDecision; label: string }[]> = {
  see: [
    { value: 'answer', label: '发送信息副本' },
    { value: 'refuse', label: '未能办理' },
  ],
  erase: [
    { value: 'erase', label: '删除' },
    { value: 'refuse', label: '未能办理' },
  ],
}

function RequestHandling({ id, onClose }: { id: string; onClose: () => void }) {
  const load = useCallback(() => getDataRequest(id), [id])
  const read = useRead(load)
  const send = useWrite(handleDataRequest)
  const [decision, setDecision] = useState<DataDecision | undefined>()
  const [chosen, setChosen] = useState<string[]>([])
  const [reply, setReply] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [confirming, setConfirming] = useState(false)
  if (read.error && !read.data) return <ErrorView error={read.error} onRetry={read.reload} retrying={read.loading} />
  if (!read.data) return <Loading text='正在加载申请…' />
  const request: DataRequestDetail = read.data
  const toggle = (household: string) => setChosen(chosen.includes(household) ? chosen.filter((other) => other !== household) : [...chosen, household])

  const submit = async () => {
    const input = { dataRequestId: id, decision: decision ?? ('' as DataDecision), householdIds: decision === 'refuse' ? [] : chosen, reply }
    const problems = fieldErrors(handleDataRequestSchema, input)
    if (!decision) problems.decision = '请选择办理结果'
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
    if (decision === 'erase' && !confirming) return setConfirming(true)
    const result = await send.run(input)
    if (result.ok) onClose()
    else if (result.error.field) setErrors({ [result.error.field]: result.error.message })
  }

  return (
    <View id='request-handling'>
      <View className='card privacy-section'>
        <RequestSummary request={request} />
      </View>
      {request.status !== 'pending' ? null : (
        <View className='card privacy-section'>
          <Text className='privacy-line'>第一步：打电话给申请人，核实是本人（或本户成员）。</Text>
          {request.subject === 'household' ? (
            <>
              <Text className='privacy-line'>第二步：选出属于申请人的住户（电话相同或本村同名的住户）：</Text>
              {request.candidates.length === 0 ? <Text className='privacy-line muted'>登记中没有找到电话或姓名相同的住户。</Text> : null}
              {request.candidates.map((household) => (
                <View key={household.id} id={`candidate-${household.id}`} className={`choice${chosen.includes(household.id) ? ' choice--selected' : ''}`} onClick={() => toggle(household.id)}>
                  <Text className='privacy-line'>
                    {chosen.includes(household.id) ? '✓ ' : ''}
                    {household.villageName} {household.address}
                  </Text>
                  <Text className='privacy-line muted'>
                    {household.headName || '（无姓名）'} {household.phone} · 入户 {household.visits} 次{household.lastVisitedOn ? `，最近 ${household.lastVisitedOn}` : ''} · 相同：
                    {household.matches.map((match) => (match === 'phone' ? '电话' : '姓名')).join('、')}
                    {household.erased ? ' · 已删除过' : ''}
                  </Text>
                </View>
              ))}
              {errors.householdIds ? <Text className='form-field__error'>{errors.householdIds}</Text> : null}
            </>
          ) : (
            <Text className='privacy-line'>举报人的申请由系统直接办理：发送副本只给申请人本人看，删除只删联系方式和证据图片。</Text>
          )}
          <Text className='privacy-line'>{request.subject === 'household' ? '第三步' : '第二步'}：选择办理结果。</Text>
          <ChoiceList choices={DECISIONS[request.kind]} value={decision} onChange={(value) => { setDecision(value); setConfirming(false) }} idPrefix='decision' />
          {errors.decision ? <Text className='form-field__error'>{errors.decision}</Text> : null}
          <TextField label={decision === 'refuse' ? '未能办理的原因（申请人会看到）' : '给申请人的说明（可不填）'} name='reply' value={reply} maxlength={200} onChange={setReply} error={errors.reply} />
          {confirming ? (
            <Text className='form-field__error' id='erase-confirm'>
              删除后不能恢复。确认已核实是本人后，请再点一次「确认删除」。
            </Text>
          ) : null}
          {send.error && !send.error.field ? <InlineError error={send.error} /> : null}
          <View className='privacy-actions'>
            <BigButton inline kind={decision === 'erase' ? 'danger' : 'primary'} id='handle-submit' loading={send.pending} loadingText='正在办理…' onClick={() => void submit()}>
              {confirming ? '确认删除' : '办理'}
            </BigButton>
          </View>
        </View>
      )}
      <BigButton kind='secondary' id='handle-back' onClick={onClose}>
        返回列表
      </BigButton>
    </View>
  )
}
