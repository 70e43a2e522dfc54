import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { bulletinSchema, type Bulletin } from '../../../../domain/bulletin'
import { chineseDate, shanghaiDay } from '../../../../domain/dates'
import { weekStartOf } from '../../../../domain/progress'
import { fieldErrors } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { ErrorView, InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { Loading } from '../../../components/loading'
import { useRead } from '../../../hooks/use-read'
import { exportBulletin, getBulletin, type Period } from '../api'
import { useExport } from '../hooks/use-export'
import { PeriodPicker } from './period-picker'
import './progress.css'

/** 通报: pick the period, read the bulletin, export it as .xlsx to send on. */
export function BulletinView({ initial }: { initial?: Partial<Period> }) {
  const today = shanghaiDay()
  const [period, setPeriod] = useState<Period>({ from: initial?.from ?? weekStartOf(today), to: initial?.to ?? today })
  const [shown, setShown] = useState<Period>(period)
  const errors = fieldErrors(bulletinSchema, period)
  const load = useCallback(() => getBulletin(shown), [shown])
  const read = useRead(load)
  const exporter = useExport(exportBulletin)

  return (
    <View id='bulletin'>
      <FormField label='通报时间' name='to' error={errors.to ?? errors.from}>
        <PeriodPicker value={period} onChange={setPeriod} max={today} />
      </FormField>
      <BigButton id='bulletin-make' disabled={Object.keys(errors).length > 0} onClick={() => setShown(period)} loading={read.loading} loadingText='正在生成…'>
        生成通报
      </BigButton>
      {read.error ? <ErrorView error={read.error} onRetry={read.reload} /> : null}
      {read.loading && !read.data ? <Loading text='正在生成通报…' /> : null}
      {read.data ? <BulletinDocument bulletin={read.data} /> : null}
      {read.data ? (
        <View className='button-row'>
          <BigButton id='bulletin-export' kind='secondary' loading={exporter.pending} loadingText='正在导出…' onClick={() => void exporter.run(shown)}>
            导出 Excel
          </BigButton>
          {exporter.file ? (
            <BigButton kind='secondary' onClick={() => exporter.file && void exporter.open(exporter.file)}>
              再次打开 {exporter.file.fileName}
            </BigButton>
          ) : null}
        </View>
      ) : null}
      {exporter.error ? <InlineError error={exporter.error} /> : null}
    </View>
  )
}

function BulletinDocument({ bulletin }: { bulletin: Bulletin }) {
  const { rows, total } = bulletin.table
  return (
    <View className='card' id='bulletin-document'>
      <Text className='bulletin__title'>{bulletin.title}</Text>
      <Text className='progress-card__line muted'>
        {chineseDate(bulletin.period.from)}至{chineseDate(bulletin.period.to)}
      </Text>
      {bulletin.paragraphs.map((text) => (
        <Text key={text} className='bulletin__paragraph'>
          {text}
        </Text>
      ))}
      {[...rows, total].map((row) => (
        <View key={row.villageId || 'total'} className='card__row' id={`bulletin-row-${row.villageId || 'total'}`}>
          <Text className='card__label'>
            {row.villageName} · {row.statusLabel}
          </Text>
          <Text className='card__value'>
            {row.covered}/{row.registered} 户（{row.percent}%），本期新覆盖 {row.periodNewlyCovered} 户
            {row.householdsToGo > 0 ? `，还差 ${row.householdsToGo} 户（每天约 ${row.neededPerDay} 户）` : ''}
          </Text>
        </View>
      ))}
      {bulletin.places && bulletin.places.villages.length > 0 ? (
        <View id='bulletin-places'>
          <Text className='bulletin__paragraph'>重点场所横幅、海报（截至现在）</Text>
          {[...bulletin.places.villages, { villageId: 'total', villageName: '全镇合计', ...bulletin.places.total }].map((row) => (
            <View key={row.villageId} className='card__row' id={`bulletin-places-${row.villageId}`}>
              <Text className='card__label'>{row.villageName}</Text>
              <Text className='card__value'>
                {row.covered}/{row.total} 处（{row.percent}%）
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
