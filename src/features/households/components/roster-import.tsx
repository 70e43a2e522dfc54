import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ReplyError } from '../../../../domain/errors'
import { rosterFilePath } from '../../../../domain/files'
import { ROSTER_FIELD_LABELS, type RosterImportResult, type RosterPreview } from '../../../../domain/roster'
import { BigButton } from '../../../components/big-button'
import { canRetry, InlineError } from '../../../components/error-view'
import { Section } from '../../../components/section'
import { newRequestId } from '../../../services/cloud'
import { uploadFile } from '../../../services/upload'
import { useWrite } from '../../../hooks/use-write'
import { commitImport, previewImport, type RosterFile } from '../api'
import { useRegister } from '../hooks/use-register'
import { chooseRosterFile, rosterExtension } from '../../../services/sheet-file'
import { RegisterStatus } from './register-status'
import './roster.css'

type Step = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'preview'; file: RosterFile; name: string; preview: RosterPreview } | { kind: 'done'; result: RosterImportResult }

/**
 * 户籍名册导入: the village's own spreadsheet, checked row by row on the
 * server before anything is written; then imported all at once, or not at all.
 */
export function RosterImport({ village, uploaderId }: { village: { id: string; name: string }; uploaderId: string }) {
  const register = useRegister(village.id)
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const [error, setError] = useState<ReplyError | null>(null)
  const commit = useWrite(commitImport)

  const choose = async () => {
    setError(null)
    const chosen = await chooseRosterFile()
    if (!chosen) return
    const ext = rosterExtension(chosen.name)
    if (!ext) {
      setError({ code: 'INVALID_INPUT', message: `“${chosen.name}”不是 .xlsx 或 .csv 文件，请重新选择` })
      return
    }
    setStep({ kind: 'busy', text: '正在上传名册…' })
    const uploaded = await uploadFile(chosen.path, rosterFilePath({ villageId: village.id, uploaderId, uploadId: newRequestId(), extension: ext }))
    if (!uploaded.ok) {
      setStep({ kind: 'idle' })
      setError(uploaded.error)
      return
    }
    const file = { villageId: village.id, fileID: uploaded.data.fileID }
    setStep({ kind: 'busy', text: '正在逐行检查名册…' })
    const checked = await previewImport(file)
    if (!checked.ok) {
      setStep({ kind: 'idle' })
      setError(checked.error)
      return
    }
    setStep({ kind: 'preview', file, name: chosen.name, preview: checked.data })
  }

  const confirm = async (file: RosterFile) => {
    const reply = await commit.run(file)
    if (!reply.ok) return
    setStep({ kind: 'done', result: reply.data })
    // The phone's copy should know the new households at the next door.
    void register.refresh()
  }

  const busy = step.kind === 'busy'
  return (
    <View className='roster-import' id='roster-import'>
      <Section title={`导入${village.name}户籍名册`}>
        <View className='notice'>
          <Text>
            用村里现有的表格（.xlsx 或 .csv），第一行是表头，至少有「门牌号」「户主姓名」两列（村还要有「组」列），可以有「联系电话」。导入前会逐行检查，有问题的行会列出来，全部改好才会导入。
          </Text>
        </View>
        <View className='roster-import__choose'>
          <BigButton onClick={() => void choose()} loading={busy} loadingText={step.kind === 'busy' ? step.text : '请稍候…'} id='roster-choose'>
            {step.kind === 'idle' ? '选择名册文件' : '重新选择文件'}
          </BigButton>
        </View>
        {error ? <InlineError error={error} /> : null}
        {step.kind === 'preview' ? (
          <PreviewView
            name={step.name}
            preview={step.preview}
            importing={commit.pending}
            onConfirm={() => void confirm(step.file)}
          />
        ) : null}
        {commit.error ? <InlineError error={commit.error} onRetry={canRetry(commit.error) && step.kind === 'preview' ? () => void confirm(step.file) : undefined} /> : null}
        {step.kind === 'done' ? (
          <View className='card roster-result' id='roster-result'>
            <Text className='roster-result__title'>导入完成</Text>
            <Text className='text-block'>
              新增 {step.result.added} 户；{step.result.alreadyRegistered} 户原来就在名册里，没有重复导入。
            </Text>
          </View>
        ) : null}
      </Section>
      <Section title='手机上的名册'>
        <Text className='text-block muted'>入户登记时在手机上的名册里找户，没有信号也能找。导入或有人新登记后，点「更新名册」。</Text>
        <RegisterStatus register={register} />
      </Section>
    </View>
  )
}

function PreviewView({ name, preview, importing, onConfirm }: { name: string; preview: RosterPreview; importing: boolean; onConfirm: () => void }) {
  const problemCount = preview.problems.length + preview.moreProblems
  const ready = preview.missingHeaders.length === 0 && problemCount === 0
  return (
    <View className='card roster-preview' id='roster-preview'>
      <Text className='roster-preview__file'>{name}</Text>
      <View className='roster-preview__counts'>
        <Count label='共' value={preview.total} unit='户' id='roster-total' />
        <Count label='新增' value={preview.toAdd} unit='户' id='roster-to-add' />
        <Count label='已在名册' value={preview.alreadyRegistered} unit='户' id='roster-existing' />
      </View>
      {preview.missingHeaders.length > 0 ? (
        <Text className='roster-problem' id='roster-missing-headers'>
          表头缺少：{preview.missingHeaders.map((field) => ROSTER_FIELD_LABELS[field]).join('、')}。请在表格第一行加上这些列名。
        </Text>
      ) : null}
      {problemCount > 0 ? (
        <View className='roster-problems' id='roster-problems'>
          <Text className='roster-problems__title'>有 {problemCount} 处问题，改好后请重新选择文件（这次不会导入任何一户）：</Text>
          {preview.problems.map((problem, index) => (
            <Text key={index} className='roster-problem' id={`roster-problem-${index}`}>
              第 {problem.line} 行 · {ROSTER_FIELD_LABELS[problem.field]}：{problem.message}
            </Text>
          ))}
          {preview.moreProblems > 0 ? <Text className='roster-problem'>还有 {preview.moreProblems} 处问题没有列出。</Text> : null}
        </View>
      ) : null}
      {ready && preview.toAdd > 0 ? (
        <BigButton onClick={onConfirm} loading={importing} loadingText='正在导入…' id='roster-commit'>
          确认导入 {preview.toAdd} 户
        </BigButton>
      ) : null}
      {ready && preview.toAdd === 0 ? <Text className='text-block'>表里的户都已经在名册里了，不需要导入。</Text> : null}
    </View>
  )
}

function Count({ label, value, unit, id }: { label: string; value: number; unit: string; id: string }) {
  return (
    <View className='roster-count' id={id}>
      <Text className='roster-count__label'>{label}</Text>
      <Text className='roster-count__value'>
        {value}
        <Text className='roster-count__unit'>{unit}</Text>
      </Text>
    </View>
  )
}
