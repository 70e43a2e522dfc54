import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { PlaceRef } from '../../../../domain/account'
import { shanghaiDay } from '../../../../domain/dates'
import { exportArchiveSchema } from '../../../../domain/archive'
import { fieldErrors } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { exportArchive, type Period } from '../api'
import { useExport } from '../hooks/use-export'
import { PeriodPicker } from './period-picker'
import './progress.css'

export interface ArchiveExportProps {
  village: PlaceRef
  /** Default start: the campaign's first day. */
  from: string
}

/** 存档导出: a village's 入户工作记录表 for a period, as the paper form, for the community police officer. */
export function ArchiveExport({ village, from }: ArchiveExportProps) {
  const today = shanghaiDay()
  const [period, setPeriod] = useState<Period>({ from, to: today })
  const exporter = useExport(exportArchive)
  const payload = { villageId: village.id, ...period }
  const errors = fieldErrors(exportArchiveSchema, payload)

  return (
    <View id='archive-export'>
      <FormField label='入户日期' name='to' error={errors.to ?? errors.from}>
        <PeriodPicker value={period} onChange={setPeriod} max={today} />
      </FormField>
      <Text className='progress-card__line muted'>按纸质入户工作记录表排版（每位工作人员每天一张表，附签名），可直接打印交社区民警存档。导出会记录在案。</Text>
      <BigButton
        id='archive-export-button'
        disabled={Object.keys(errors).length > 0}
        loading={exporter.pending}
        loadingText='正在生成存档表，村里记录多时需要十几秒…'
        onClick={() => void exporter.run(payload)}
      >
        导出存档表
      </BigButton>
      {exporter.file ? (
        <View className='card' id='archive-result'>
          <Text className='progress-card__line'>
            已生成 {exporter.file.fileName}：{exporter.file.visits} 条记录，{exporter.file.forms} 张表，{exporter.file.staff} 位工作人员
            {exporter.file.missingSignatures > 0 ? `；有 ${exporter.file.missingSignatures} 个签名图片读取失败，已在表中注明` : ''}
          </Text>
          <BigButton kind='secondary' onClick={() => exporter.file && void exporter.open(exporter.file)}>
            打开文件
          </BigButton>
        </View>
      ) : null}
      {exporter.error ? <InlineError error={exporter.error} /> : null}
    </View>
  )
}
