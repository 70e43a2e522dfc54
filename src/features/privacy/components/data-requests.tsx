import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { formatShanghai } from '../../../../domain/dates'
import {
  DATA_REQUEST_KIND_LABELS,
  DATA_REQUEST_STATUS_LABELS,
  DATA_SUBJECT_LABELS,
  submitDataRequestSchema,
  type DataRequestKind,
  type DataSubject,
  type HeldData,
  type MyDataRequest,
  type SubmitDataRequestInput,
} from '../../../../domain/privacy'
import { SIGNATURE_LABELS, VISIT_ITEM_LABELS } from '../../../../domain/visits'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView, InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { Loading } from '../../../components/loading'
import { TextField } from '../../../components/text-field'
import { useRead } from '../../../hooks/use-read'
import { useWrite } from '../../../hooks/use-write'
import { fieldErrors } from '../../../../domain/validate'
import { getMyRequests, getTownVillages, submitDataRequest } from '../api'
import '../privacy.css'

/** 我的申请: what the resident asked, what office did, and the copy of their data while it is kept. */
export function MyDataRequests() {
  const read = useRead(getMyRequests)
  const [asking, setAsking] = useState(false)
  if (read.error && !read.data) return <ErrorView error={read.error} onRetry={read.reload} retrying={read.loading} />
  if (!read.data) return <Loading text='正在加载我的申请…' />
  return (
    <View id='my-data-requests'>
      {asking ? (
        <DataRequestForm
          onCancel={() => setAsking(false)}
          onSent={(sent) => {
            setAsking(false)
            read.setData((current) => [sent, ...(current ?? []).filter((request) => request.id !== sent.id)])
          }}
        />
      ) : (
        <BigButton id='data-request-new' onClick={() => setAsking(true)}>
          申请查看或删除我的信息
        </BigButton>
      )}
      {read.data.length === 0 ? <EmptyView text='您还没有提出过申请。' /> : null}
      {read.data.map((request) => (
        <View key={request.id} className='card privacy-section' id={`data-request-${request.id}`}>
          <Text className='privacy-section__title'>
            {DATA_REQUEST_KIND_LABELS[request.kind]} · {DATA_SUBJECT_LABELS[request.subject]}
          </Text>
          <Text className='privacy-line'>申请时间：{formatShanghai(new Date(request.createdAt))}</Text>
          <Text className='privacy-line' id={`data-request-${request.id}-status`}>
            办理情况：{DATA_REQUEST_STATUS_LABELS[request.status]}
            {request.status === 'pending' ? '（工作人员会先打电话核实是您本人）' : ''}
          </Text>
          {request.reply ? <Text className='privacy-line'>说明：{request.reply}</Text> : null}
          {request.erased ? (
            <Text className='privacy-line'>
              已删除：{request.erased.households} 户的登记、{request.erased.visits} 条入户记录、{request.erased.tips} 条举报中的个人信息
            </Text>
          ) : null}
          {request.answer ? <HeldDataView held={request.answer} /> : null}
        </View>
      ))}
    </View>
  )
}

function HeldDataView({ held }: { held: HeldData }) {
  return (
    <View className='held-data'>
      <Text className='privacy-line muted'>以下是我们保存的您的信息（保存到 {held.keptUntil}）：</Text>
      {held.households.length === 0 && held.tips.length === 0 ? <Text className='privacy-line'>没有找到您的信息。</Text> : null}
      {held.households.map((household, index) => (
        <View key={index} className='held-data__item'>
          <Text className='privacy-line'>
            {household.villageName} {household.address}
          </Text>
          <Text className='privacy-line'>
            户主：{household.headName || '（未登记）'}　电话：{household.phone || '（未登记）'}
          </Text>
          {household.visits.map((visit, at) => (
            <Text key={at} className='privacy-line muted'>
              {visit.visitedOn} {visit.unitName}（{visit.staff.join('、')}）：{visit.items.map((item) => VISIT_ITEM_LABELS[item]).join('、')}
              {visit.otherContent ? `，${visit.otherContent}` : ''}；{SIGNATURE_LABELS[visit.signatureKind]}
              {visit.hasPhoto ? '；有现场照片' : ''}
              {visit.hasLocation ? '；记录了位置' : ''}
            </Text>
          ))}
        </View>
      ))}
      {held.tips.map((tip) => (
        <View key={tip.reference} className='held-data__item'>
          <Text className='privacy-line'>
            举报 {tip.reference}（{tip.submittedOn}，{tip.kindLabel}，{tip.statusLabel}）
          </Text>
          <Text className='privacy-line muted'>{tip.story}</Text>
          <Text className='privacy-line muted'>
            {tip.contact ? `联系方式：${tip.contact.name} ${tip.contact.phone}` : '匿名'}；证据图片 {tip.evidenceImages} 张
          </Text>
        </View>
      ))}
    </View>
  )
}

const SUBJECTS: { value: DataSubject; label: string }[] = [
  { value: 'household', label: '入户登记的信息' },
  { value: 'tipster', label: '我的举报' },
]
const KINDS: { value: DataRequestKind; label: string }[] = [
  { value: 'see', label: '查看' },
  { value: 'erase', label: '删除' },
]

function DataRequestForm({ onSent, onCancel }: { onSent: (request: MyDataRequest) => void; onCancel: () => void }) {
  const villages = useRead(getTownVillages)
  const send = useWrite(submitDataRequest)
  const [subject, setSubject] = useState<DataSubject>('household')
  const [kind, setKind] = useState<DataRequestKind>('see')
  const [villageId, setVillageId] = useState<string | undefined>()
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [door, setDoor] = useState('')
  const [receipts, setReceipts] = useState('')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})

  const payload = (): SubmitDataRequestInput =>
    subject === 'household'
      ? { subject, kind, villageId: villageId ?? '', name, phone, door, note }
      : { subject, kind, receipts: receipts.split(/[\s,，]+/).filter(Boolean), note }
  const submit = async () => {
    const input = payload()
    const problems = fieldErrors(submitDataRequestSchema, input)
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
    const reply = await send.run(input)
    if (reply.ok) onSent(reply.data)
    else if (reply.error.field) setErrors({ [reply.error.field]: reply.error.message })
  }

  return (
    <View className='card privacy-section' id='data-request-form'>
      <FormField label='关于' name='subject'>
        <ChoiceList choices={SUBJECTS} value={subject} onChange={setSubject} idPrefix='data-request-subject' />
      </FormField>
      <FormField label='我想' name='kind' error={errors.kind}>
        <ChoiceList choices={KINDS} value={kind} onChange={setKind} idPrefix='data-request-kind' />
      </FormField>
      {kind === 'erase' ? (
        <Text className='privacy-line muted'>
          {subject === 'household'
            ? '删除后，登记中的姓名、电话、签字、照片和位置都会删除，不能恢复；您家仍计为一户已宣传。'
            : '删除后，举报中您的联系方式和证据图片会删除，不能恢复；举报的内容仍由派出所保存用于查案。'}
        </Text>
      ) : null}
      {subject === 'household' ? (
        <>
          <FormField label='所在村（社区）' name='villageId' error={errors.villageId}>
            {villages.error ? <ErrorView error={villages.error} onRetry={villages.reload} retrying={villages.loading} /> : null}
            {villages.data ? (
              <ChoiceList choices={villages.data.map((village) => ({ value: village.id, label: village.name }))} value={villageId} onChange={setVillageId} idPrefix='data-request-village' />
            ) : villages.error ? null : (
              <Loading text='正在加载村（社区）…' />
            )}
          </FormField>
          <TextField label='户主姓名' name='name' value={name} maxlength={20} onChange={setName} error={errors.name} />
          <TextField label='联系电话' name='phone' type='number' value={phone} maxlength={20} onChange={setPhone} error={errors.phone} hint='工作人员会打这个电话核实是您本人' />
          <TextField label='门牌号（可不填）' name='door' value={door} maxlength={40} onChange={setDoor} error={errors.door} placeholder='如：3组15号' />
        </>
      ) : (
        <>
          <Text className='privacy-line muted'>实名举报会自动找到。匿名举报请填写当时保存的回执码（多个用空格隔开）。</Text>
          <TextField label='回执码（可不填）' name='receipts' value={receipts} maxlength={400} onChange={setReceipts} error={errors.receipts ?? errors['receipts.0']} />
        </>
      )}
      <FormField label='补充说明（可不填）' name='note' error={errors.note}>
        <Textarea className='text-input' id='input-note' value={note} maxlength={200} autoHeight onInput={(event) => setNote(event.detail.value)} />
      </FormField>
      {send.error && !send.error.field ? <InlineError error={send.error} /> : null}
      <View className='privacy-actions'>
        <BigButton inline id='data-request-submit' loading={send.pending} loadingText='正在提交…' onClick={() => void submit()}>
          提交申请
        </BigButton>
        <BigButton inline kind='secondary' id='data-request-cancel' onClick={onCancel}>
          取消
        </BigButton>
      </View>
    </View>
  )
}
