import { Text, View } from '@tarojs/components'
import type { PlacesProgress } from '../../../../domain/activities'
import './progress.css'

/** 宣传台账 beside household coverage: key places with a banner or poster this campaign, per kind. */
export function PlacesCard({ places }: { places: PlacesProgress }) {
  return (
    <View className={`card progress-card${places.status ? ` status--${places.status}` : ''}`} id='dashboard-places'>
      <View className='progress-card__head'>
        <Text className='places-card__title'>重点场所横幅、海报</Text>
        {places.status ? <Text className={`status-tag status--${places.status}`}>{places.statusLabel}</Text> : null}
      </View>
      {places.total === 0 ? (
        <Text className='progress-card__line'>还没有登记重点场所：在「宣传台账」导入场所表，或登记活动时新添加。</Text>
      ) : (
        <Text className='progress-card__line' id='dashboard-places-total'>
          已覆盖 {places.covered} / {places.total} 处（{places.percent}%）{places.targetPercent !== null ? `，目标 ${places.targetPercent}%` : ''}
        </Text>
      )}
      {places.byKind.map((row) => (
        <Text key={row.kind} className='progress-card__line' id={`dashboard-places-${row.kind}`}>
          {row.label}：{row.covered} / {row.total} 处
        </Text>
      ))}
      <Text className='progress-card__line muted'>
        本次活动共登记宣传活动 {places.activities} 场（次），覆盖 {places.reached} 人次（件）
      </Text>
    </View>
  )
}
