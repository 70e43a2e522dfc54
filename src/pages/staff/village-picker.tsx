import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { PlaceRef } from '../../../domain/account'
import { ChoiceList } from '../../components/choice-list'
import { EmptyView } from '../../components/coming-soon'
import { ErrorView } from '../../components/error-view'
import { Loading } from '../../components/loading'
import { Section } from '../../components/section'
import { useRead } from '../../hooks/use-read'
import { getDirectory } from '../../features/account/api'

/** Office and police work for the whole town, a unit head for the unit's villages: they pick the village first. */
export function VillagePicker({ children }: { children: (village: PlaceRef) => ReactNode }) {
  const directory = useRead(getDirectory)
  const [villageId, setVillageId] = useState<string | undefined>()
  if (directory.error) return <ErrorView error={directory.error} onRetry={directory.reload} retrying={directory.loading} />
  if (!directory.data) return <Loading />
  const villages = directory.data.villages
  const village = villages.find((candidate) => candidate.id === villageId)
  return (
    <View>
      <Section title='选择村（社区）' id='village-picker'>
        {villages.length === 0 ? <EmptyView text='本镇还没有登记村（社区）。' /> : null}
        <ChoiceList choices={villages.map((place) => ({ value: place.id, label: place.name }))} value={villageId} onChange={setVillageId} idPrefix='village' />
      </Section>
      {village ? (
        <Section title={village.name}>{children(village)}</Section>
      ) : (
        <Text className='text-block muted'>请先选择一个村（社区）。</Text>
      )}
    </View>
  )
}
