import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { formatShanghai } from '../../../../domain/dates'
import { retentionSchema, type RetentionSettings } from '../../../../domain/privacy'
import { fieldErrors } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { ErrorView, InlineError } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { TextField } from '../../../components/text-field'
import { useRead } from '../../../hooks/use-read'
import { useWrite } from '../../../hooks/use-write'
import { getRetention, saveRetention } from '../api'
import '../../../components/form-field.css'
import '../privacy.css'

const FIELDS: { key: keyof RetentionSettings; label: string; hint: string }[] = [
  { key: 'visitYears', label: '入户记录中的个人信息保存（年）', hint: '从该次宣传活动结束算起；1 到 10 年' },
  { key: 'tipYears', label: '举报证据和举报人联系方式保存（年）', hint: '从举报之日算起；1 到 10 年' },
  { key: 'exportDays', label: '导出文件和信息副本保存（天）', hint: '7 到 365 天' },
]

/** 保存期限: how long this town keeps personal data, and what the nightly purge last removed. */
export function RetentionEditor() {
  const read = useRead(getRetention)
  const save = useWrite(saveRetention)
  const [draft, setDraft] = useState<Record<keyof RetentionSettings, string> | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState(false)
  if (read.error && !read.data) return <ErrorView error={read.error} onRetry={read.reload} retrying={read.loading} />
  if (!read.data) return <Loading />
  const { settings, lastPurge } = read.data
  const values = draft ?? { visitYears: String(settings.visitYears), tipYears: String(settings.tipYears), exportDays: String(settings.exportDays) }
  const shorter = FIELDS.some(({ key }) => Number(values[key]) < settings[key])

  const submit = async () => {
    const input = { visitYears: Number(values.visitYears), tipYears: Number(values.tipYears), exportDays: Number(values.exportDays) }
    const problems = fieldErrors(retentionSchema, input)
    setErrors(problems)
    setSaved(false)
    if (Object.keys(problems).length > 0) return
    const reply = await save.run(input)
    if (reply.ok) {
      read.setData(() => reply.data)
      setDraft(null)
      setSaved(true)
    } else if (reply.error.field) setErrors({ [reply.error.field]: reply.error.message })
  }

  return (
    <View id='retention-editor' className='card privacy-section'>
      {FIELDS.map(({ key, label, hint }) => (
        <TextField
          key={key}
          label={label}
          name={`retention-${key}`}
          type='number'
          value={values[key]}
          maxlength={3}
          hint={hint}
          error={errors[key]}
          onChange={(value) => {
            setDraft({ ...values, [key]: value })
            setSaved(false)
          }}
        />
      ))}
      {shorter ? <Text className='form-field__error'>缩短期限后，今晚的自动清理会删除已到期的个人信息，不能恢复。</Text> : null}
      {save.error && !save.error.field ? <InlineError error={save.error} /> : null}
      {saved ? <Text className='privacy-line' id='retention-saved'>已保存，隐私说明里的期限已同步更新。</Text> : null}
      <BigButton id='retention-save' loading={save.pending} loadingText='正在保存…' onClick={() => void submit()}>
        保存
      </BigButton>
      <Text className='privacy-line muted' id='retention-last-purge'>
        {lastPurge
          ? `最近一次自动清理（${formatShanghai(new Date(lastPurge.at))}）：删除了 ${lastPurge.visits} 条入户记录、${lastPurge.households} 户登记、${lastPurge.tips} 条举报中的个人信息、${lastPurge.activities ?? 0} 条宣传活动的照片和位置，${lastPurge.exports} 个导出文件${lastPurge.unfinished ? '；还有未清理完的，下次继续' : ''}。`
          : '自动清理每天凌晨运行，还没有运行过。'}
      </Text>
    </View>
  )
}
