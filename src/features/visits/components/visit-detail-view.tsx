import { Image, Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { formatShanghai } from '../../../../domain/dates'
import type { VisitDetail } from '../../../../domain/visits'
import { BigButton } from '../../../components/big-button'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { getVisit } from '../api'
import { contentText, CORRECTED_FIELD_LABELS, signatureText } from '../labels'
import { CorrectForm } from './correct-form'
import { VoidForm } from './void-form'
import './visit-form.css'
import { InfoRow } from '../../../components/info-row'

/** One record in full (for those allowed to see it), with its signature and its history. */
export function VisitDetailView({ visitId }: { visitId: string }) {
  const load = useCallback(() => getVisit(visitId), [visitId])
  const visit = useRead(load)
  const [editing, setEditing] = useState<'correct' | 'void' | null>(null)

  if (visit.error) return <ErrorView error={visit.error} onRetry={visit.reload} retrying={visit.loading} />
  if (!visit.data) return <Loading />
  const data = visit.data
  const done = (next: VisitDetail) => {
    visit.setData(() => next)
    setEditing(null)
  }

  return (
    <View id='visit-detail'>
      {data.status === 'voided' ? (
        <View className='notice' id='visit-voided'>
          <Text>这条记录已作废。原因：{data.voidReason}</Text>
        </View>
      ) : null}
      <View className='card'>
        <InfoRow label='日期' value={data.visitedOn} id='detail-visitedOn' />
        <InfoRow label='单位' value={data.unitName} id='detail-unitName' />
        <InfoRow label='工作人员' value={data.staff.join('、')} id='detail-staff' />
        <InfoRow label='入户内容' value={contentText(data)} id='detail-items' />
        <InfoRow label='入户对象' value={data.residentName} id='detail-residentName' />
        <InfoRow label='联系电话' value={data.phone || `未留（${data.phoneDeclinedReason}）`} id='detail-phone' />
        <InfoRow label='入户标准地址' value={data.address} id='detail-address' />
        <InfoRow label='签字确认' value={signatureSummary(data)} id='detail-signature' />
        <InfoRow label='登记时间' value={formatShanghai(new Date(data.createdAt))} />
      </View>
      {data.signature.imageUrl ? (
        <Section title='签名' id='detail-signature-image'>
          <Image className='signature-saved' src={data.signature.imageUrl} mode='aspectFit' />
        </Section>
      ) : null}
      {data.photoUrl ? (
        <Section title='现场照片'>
          <Image className='photo-field__image' src={data.photoUrl} mode='aspectFit' />
        </Section>
      ) : null}
      {data.corrections.length > 0 ? (
        <Section title='更正记录' id='detail-corrections'>
          {data.corrections.map((correction, index) => (
            <View key={index} className='card'>
              <Text className='text-block'>
                {formatShanghai(new Date(correction.at))} {correction.byName} 更正了：{correction.changed.map((field) => CORRECTED_FIELD_LABELS[field] ?? field).join('、')}
              </Text>
              <Text className='text-block muted'>原因：{correction.reason}</Text>
            </View>
          ))}
        </Section>
      ) : null}
      {data.editable && data.status === 'active' ? (
        <Section title='更正或作废' id='detail-edit'>
          {editing === 'correct' ? <CorrectForm visit={data} onDone={done} onCancel={() => setEditing(null)} /> : null}
          {editing === 'void' ? <VoidForm visitId={data.id} onDone={done} onCancel={() => setEditing(null)} /> : null}
          {editing === null ? (
            <View className='button-row'>
              <BigButton inline onClick={() => setEditing('correct')} id='visit-correct'>
                更正
              </BigButton>
              <BigButton inline kind='danger' onClick={() => setEditing('void')} id='visit-void'>
                作废
              </BigButton>
            </View>
          ) : null}
        </Section>
      ) : null}
    </View>
  )
}

function signatureSummary(visit: VisitDetail): string {
  const { kind, reason, proxyName } = visit.signature
  if (kind === 'refused') return `拒签（${reason}）`
  if (kind === 'proxy') return `代签：${proxyName}（${reason}）`
  return signatureText(kind)
}
