import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { Me, PlaceRef } from '../../../domain/account'
import { can, type Capability } from '../../../domain/access'
import { ChoiceList } from '../../components/choice-list'
import { EmptyView } from '../../components/coming-soon'
import { ErrorView } from '../../components/error-view'
import { Loading } from '../../components/loading'
import { PrivacyConsentSheet } from '../../components/privacy-consent-sheet'
import { Section } from '../../components/section'
import { useRead } from '../../hooks/use-read'
import { getDirectory } from '../../features/account/api'
import { AccountGate } from '../../features/account/components/account-gate'
import { useMe } from '../../features/account/hooks/use-me'

/**
 * A staff page open to holders of `capability` (domain/access.ts, the table
 * the functions' audiences come from): the page copies no role rule.
 */
export function StaffTool({
  id,
  capability,
  denied,
  children,
}: {
  id: string
  capability: Capability
  /** Said to a user who lacks the capability: who does this instead. */
  denied: string
  children: (me: Me) => ReactNode
}) {
  const account = useMe()
  return (
    <View className='page' id={id}>
      <AccountGate account={account}>
        {(me) =>
          can(me.roles, capability) ? (
            children(me)
          ) : (
            <View className='notice' id={`${id}-forbidden`}>
              <Text>{denied}</Text>
            </View>
          )
        }
      </AccountGate>
      <PrivacyConsentSheet />
    </View>
  )
}

/** A staff page about one village: which villages comes from account.directory (a cadre's own, a unit head's unit's, the whole town for office and police). */
export function VillageTool({ children, ...tool }: { id: string; capability: Capability; denied: string; children: (village: PlaceRef, me: Me) => ReactNode }) {
  return <StaffTool {...tool}>{(me) => <VillagePicker>{(village) => children(village, me)}</VillagePicker>}</StaffTool>
}

/** The villages one works with; one is chosen at once when there is only one. */
export function VillagePicker({ children }: { children: (village: PlaceRef) => ReactNode }) {
  const directory = useRead(getDirectory)
  const [villageId, setVillageId] = useState<string | undefined>()
  if (directory.error) return <ErrorView error={directory.error} onRetry={directory.reload} retrying={directory.loading} />
  if (!directory.data) return <Loading />
  const villages = directory.data.villages
  if (villages.length === 1) return <Section title={villages[0].name}>{children(villages[0])}</Section>
  const village = villages.find((candidate) => candidate.id === villageId)
  return (
    <View>
      <Section title='选择村（社区）' id='village-picker'>
        {villages.length === 0 ? <EmptyView text='你的账号还没有分配村（社区），请联系镇反诈办。' /> : null}
        <ChoiceList choices={villages.map((place) => ({ value: place.id, label: place.name }))} value={villageId} onChange={setVillageId} idPrefix='village' />
      </Section>
      {village ? (
        <Section title={village.name}>{children(village)}</Section>
      ) : villages.length > 0 ? (
        <Text className='text-block muted'>请先选择一个村（社区）。</Text>
      ) : null}
    </View>
  )
}
