import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { PlaceRef } from '../../../../domain/account'
import { addDays, shanghaiDay } from '../../../../domain/dates'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { useWrite } from '../../../hooks/use-write'
import { openExportedFile } from '../../../services/download'
import { exportActivityArchive, type ActivityArchiveFile } from '../api'
import './activities.css'

const RANGES = [
  { value: 30, label: '最近30天' },
  { value: 90, label: '最近三个月' },
  { value: 365, label: '最近一年' },
]

/** 宣传台账存档: the village's activity records with their photos, for the community police officer. */
export function ActivityArchive({ village }: { village: PlaceRef }) {
  const [days, setDays] = useState(90)
  const [file, setFile] = useState<ActivityArchiveFile | null>(null)
  const write = useWrite(exportActivityArchive)
  const today = shanghaiDay()
  const run = async () => {
    const reply = await write.run({ villageId: village.id, from: addDays(today, -(days - 1)), to: today })
    if (reply.ok) setFile(reply.data)
  }
  return (
    <View id='activity-archive'>
      <FormField label='活动日期' name='activityArchiveRange'>
        <ChoiceList choices={RANGES} value={days} onChange={setDays} idPrefix='activity-archive-range' />
      </FormField>
      <Text className='text-block muted'>五进、宣讲、横幅海报等宣传活动的台账，附现场照片，可打印交社区民警存档。导出会记录在案。</Text>
      <BigButton id='activity-archive-button' loading={write.pending} loadingText='正在生成台账，照片多时需要十几秒…' onClick={() => void run()}>
        导出宣传活动台账
      </BigButton>
      {file ? (
        <View className='card' id='activity-archive-result'>
          <Text className='text-block'>
            已生成 {file.fileName}：{file.activities} 条活动，{file.photos} 张照片{file.missingPhotos > 0 ? `；有 ${file.missingPhotos} 张照片读取失败，已在表中注明` : ''}
          </Text>
          <BigButton kind='secondary' onClick={() => void openExportedFile(file.url, file.fileName)}>
            打开文件
          </BigButton>
        </View>
      ) : null}
      {write.error ? <InlineError error={write.error} /> : null}
    </View>
  )
}
