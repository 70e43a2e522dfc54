import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import type { PlaceRef } from '../../../../domain/account'
import { PLACE_FIELD_LABELS, PLACE_KIND_LABELS, reachedLabel, type ActivityListItem, type PlaceImportPreview } from '../../../../domain/activities'
import type { ReplyError } from '../../../../domain/errors'
import { placesFilePath } from '../../../../domain/files'
import { BigButton } from '../../../components/big-button'
import { EmptyView } from '../../../components/coming-soon'
import { canRetry, ErrorView, InlineError } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { TextField } from '../../../components/text-field'
import { useRead } from '../../../hooks/use-read'
import { useWrite } from '../../../hooks/use-write'
import { newRequestId } from '../../../services/cloud'
import { chooseRosterFile, rosterExtension } from '../../../services/sheet-file'
import { uploadFile } from '../../../services/upload'
import { commitPlaceImport, listActivities, listPlaces, previewPlaceImport, voidActivity } from '../api'
import { CorrectActivity } from './correct-activity'
import '../../../components/form-field.css'
import './activities.css'

/**
 * 宣传台账 of one village: its key places (which carry a banner or poster
 * this campaign), their import, and the activity records, which the author
 * may correct or void within 24 hours (office at any time).
 */
export function ActivityLedger({ village, uploaderId, mayImport }: { village: PlaceRef; uploaderId: string; mayImport: boolean }) {
  const places = useRead(useCallback(() => listPlaces(village.id), [village.id]))
  const records = useRead(useCallback(() => listActivities({ scope: 'village', villageId: village.id }), [village.id]))
  return (
    <View id='activity-ledger'>
      <Section title='重点场所' id='activity-places'>
        {places.error ? <ErrorView error={places.error} onRetry={places.reload} /> : null}
        {!places.data && !places.error ? <Loading /> : null}
        {places.data ? (
          places.data.places.length === 0 ? (
            <EmptyView text='还没有登记重点场所：可以导入场所表，或在登记宣传活动时新添加。' />
          ) : (
            <View>
              <Text className='text-block' id='activity-places-share'>
                已挂横幅或贴海报 {places.data.places.filter((place) => place.covered).length} / {places.data.places.length} 处
              </Text>
              {places.data.places.map((place) => (
                <View className='activity-row' key={place.id} id={`activity-place-${place.id}`}>
                  <Text className='activity-row__title'>
                    {place.covered ? '✓ ' : '○ '}
                    {place.name}
                  </Text>
                  <Text className='activity-row__meta'>
                    {PLACE_KIND_LABELS[place.kind]}
                    {place.address ? ` · ${place.address}` : ''}
                    {place.covered ? ' · 本次活动已覆盖' : ' · 还没有横幅或海报'}
                  </Text>
                </View>
              ))}
            </View>
          )
        ) : null}
        {mayImport ? <PlaceImport village={village} uploaderId={uploaderId} onImported={places.reload} /> : null}
      </Section>
      <Section title='活动记录' id='activity-records'>
        {records.error ? <ErrorView error={records.error} onRetry={records.reload} /> : null}
        {!records.data && !records.error ? <Loading /> : null}
        {records.data?.items.length === 0 ? <EmptyView text='还没有宣传活动记录。' /> : null}
        {records.data?.items.map((item) => <ActivityRow key={item.id} item={item} onChanged={records.reload} />)}
      </Section>
    </View>
  )
}

function ActivityRow({ item, onChanged }: { item: ActivityListItem; onChanged: () => void }) {
  const [voiding, setVoiding] = useState(false)
  const [correcting, setCorrecting] = useState(false)
  const [reason, setReason] = useState('')
  const write = useWrite(voidActivity)
  const confirm = async () => {
    const reply = await write.run({ activityId: item.id, reason })
    if (reply.ok) {
      setVoiding(false)
      onChanged()
    }
  }
  return (
    <View className='activity-row' id={`activity-${item.id}`}>
      <Text className='activity-row__title'>
        {item.kindLabel}
        {item.placeName ? ` · ${item.placeName}` : ''}
        {item.status === 'voided' ? '（已作废）' : ''}
      </Text>
      <Text className='activity-row__meta'>
        {item.heldOn} · {reachedLabel(item.kind)} {item.reached} · 照片 {item.photos} 张 · {item.authorName}
      </Text>
      {item.editable && !voiding && !correcting ? (
        <View className='activity-row__actions'>
          <Text className='activity-link' onClick={() => setCorrecting(true)} id={`activity-correct-${item.id}`}>
            更正 ›
          </Text>
          <Text className='activity-link' onClick={() => setVoiding(true)} id={`activity-void-${item.id}`}>
            作废这条 ›
          </Text>
        </View>
      ) : null}
      {correcting ? (
        <CorrectActivity
          activityId={item.id}
          onDone={(changed) => {
            setCorrecting(false)
            if (changed) onChanged()
          }}
        />
      ) : null}
      {voiding ? (
        <View>
          <TextField label='作废原因' name='voidReason' value={reason} maxlength={100} placeholder='如：重复登记' onChange={setReason} error={write.error?.field === 'reason' ? write.error.message : undefined} />
          <BigButton kind='danger' onClick={() => void confirm()} loading={write.pending} loadingText='正在作废…' disabled={!reason.trim()}>
            确认作废
          </BigButton>
          {write.error && write.error.field !== 'reason' ? <InlineError error={write.error} /> : null}
        </View>
      ) : null}
    </View>
  )
}

type Step = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'preview'; fileID: string; name: string; preview: PlaceImportPreview } | { kind: 'done'; added: number; alreadyListed: number }

/** 重点场所导入: the village's list (.xlsx or .csv), checked row by row, imported all or nothing, as the household roster. */
function PlaceImport({ village, uploaderId, onImported }: { village: PlaceRef; uploaderId: string; onImported: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const [error, setError] = useState<ReplyError | null>(null)
  const commit = useWrite(commitPlaceImport)

  const choose = async () => {
    setError(null)
    const chosen = await chooseRosterFile('places-file-input')
    if (!chosen) return
    const extension = rosterExtension(chosen.name)
    if (!extension) {
      setError({ code: 'INVALID_INPUT', message: `“${chosen.name}”不是 .xlsx 或 .csv 文件，请重新选择` })
      return
    }
    setStep({ kind: 'busy', text: '正在上传场所表…' })
    const uploaded = await uploadFile(chosen.path, placesFilePath({ villageId: village.id, uploaderId, uploadId: newRequestId(), extension }))
    if (!uploaded.ok) {
      setStep({ kind: 'idle' })
      setError(uploaded.error)
      return
    }
    setStep({ kind: 'busy', text: '正在逐行检查…' })
    const checked = await previewPlaceImport({ villageId: village.id, fileID: uploaded.data.fileID })
    if (!checked.ok) {
      setStep({ kind: 'idle' })
      setError(checked.error)
      return
    }
    setStep({ kind: 'preview', fileID: uploaded.data.fileID, name: chosen.name, preview: checked.data })
  }

  const confirm = async (fileID: string) => {
    const reply = await commit.run({ villageId: village.id, fileID })
    if (!reply.ok) return
    setStep({ kind: 'done', ...reply.data })
    onImported()
  }

  const preview = step.kind === 'preview' ? step.preview : null
  const problems = preview ? preview.problems.length + preview.moreProblems : 0
  const ready = preview !== null && preview.missingHeaders.length === 0 && problems === 0
  return (
    <View className='card' id='place-import'>
      <Text className='text-block'>导入场所表（.xlsx 或 .csv）：第一行是表头，要有「场所类型」「场所名称」两列，可以有「地址」。场所类型写：集贸市场、商业街、宾馆、饭店、网吧、车站、码头、学校、企业、小区/楼栋、银行网点或其他。</Text>
      <BigButton kind='secondary' onClick={() => void choose()} loading={step.kind === 'busy'} loadingText={step.kind === 'busy' ? step.text : '请稍候…'} id='place-import-choose'>
        {step.kind === 'idle' ? '选择场所表' : '重新选择文件'}
      </BigButton>
      {error ? <InlineError error={error} /> : null}
      {step.kind === 'preview' && preview ? (
        <View id='place-import-preview'>
          <Text className='text-block'>
            {step.name}：共 {preview.total} 处，新增 {preview.toAdd} 处，已在表里 {preview.alreadyListed} 处。
          </Text>
          {preview.missingHeaders.length ? <Text className='form-field__error'>表头缺少：{preview.missingHeaders.map((field) => PLACE_FIELD_LABELS[field]).join('、')}。请在第一行加上这些列名。</Text> : null}
          {preview.problems.map((problem, i) => (
            <Text key={i} className='form-field__error' id={`place-problem-${i}`}>
              第 {problem.line} 行 · {PLACE_FIELD_LABELS[problem.field]}：{problem.message}
            </Text>
          ))}
          {problems > 0 ? <Text className='text-block'>有 {problems} 处问题，改好后请重新选择文件（这次不会导入任何场所）。</Text> : null}
          {ready && preview.toAdd > 0 ? (
            <BigButton onClick={() => void confirm(step.fileID)} loading={commit.pending} loadingText='正在导入…' id='place-import-commit'>
              确认导入 {preview.toAdd} 处
            </BigButton>
          ) : null}
        </View>
      ) : null}
      {commit.error ? <InlineError error={commit.error} onRetry={canRetry(commit.error) && step.kind === 'preview' ? () => void confirm(step.fileID) : undefined} /> : null}
      {step.kind === 'done' ? (
        <Text className='text-block' id='place-import-done'>
          导入完成：新增 {step.added} 处；{step.alreadyListed} 处原来就有，没有重复导入。
        </Text>
      ) : null}
    </View>
  )
}
