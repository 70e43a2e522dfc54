import { Picker, Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { addDays, shanghaiDay } from '../../../../domain/dates'
import type { ExportedFile } from '../../../../domain/files'
import type { ExportTipsRequest } from '../../../../domain/tips'
import { BigButton } from '../../../components/big-button'
import { InlineError } from '../../../components/error-view'
import { openExportedFile } from '../../../services/download'
import { useWrite } from '../../../hooks/use-write'
import { exportTips } from '../api'
import type { QueueFilters } from './tip-queue'
import './tip-queue.css'

/** 导出 Excel: the period's tips with the current status, type and urgency filters, named tipsters' contacts included (audited). */
export function TipExport({ filters }: { filters: QueueFilters }) {
  const today = shanghaiDay()
  const [from, setFrom] = useState(filters.from ?? addDays(today, -29))
  const [to, setTo] = useState(filters.to ?? today)
  const [file, setFile] = useState<(ExportedFile & { tips: number }) | null>(null)
  const send = useCallback((input: ExportTipsRequest, requestId: string) => exportTips(input, requestId), [])
  const write = useWrite(send)

  const run = async () => {
    setFile(null)
    const reply = await write.run({ from, to, status: filters.status, kind: filters.kind, urgent: filters.urgent })
    if (!reply.ok) return
    setFile(reply.data)
    void openExportedFile(reply.data.url, reply.data.fileName)
  }

  return (
    <View className='card' id='tip-export'>
      <Text className='text-block'>按提交日期导出（用上面选的状态、类型和紧急筛选）。表格含实名举报人的联系方式，每次导出都会记录。</Text>
      <View className='tip-dates'>
        <Picker mode='date' value={from} end={to} onChange={(event) => setFrom(String(event.detail.value))}>
          <View className='tip-date' id='tip-export-from'>
            <Text>从 {from}</Text>
          </View>
        </Picker>
        <Picker mode='date' value={to} start={from} end={today} onChange={(event) => setTo(String(event.detail.value))}>
          <View className='tip-date' id='tip-export-to'>
            <Text>到 {to}</Text>
          </View>
        </Picker>
      </View>
      <BigButton kind='secondary' id='tip-export-run' loading={write.pending} loadingText='正在生成表格…' onClick={() => void run()}>
        导出 Excel
      </BigButton>
      {write.error ? <InlineError error={write.error} onRetry={write.error.code === 'NETWORK' ? () => void run() : undefined} /> : null}
      {file ? (
        <Text className='text-block' id='tip-export-done'>
          已导出 {file.tips} 条：{file.fileName}（链接2小时内有效）
        </Text>
      ) : null}
    </View>
  )
}
