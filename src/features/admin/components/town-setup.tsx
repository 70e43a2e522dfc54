import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { TownSetup as Setup } from '../../../../domain/admin'
import { VILLAGE_KIND_LABELS } from '../../../../domain/town'
import { BigButton } from '../../../components/big-button'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { getTownSetup } from '../api'
import { CampaignEditor } from './campaign-editor'
import { TownEditor } from './town-editor'
import { UnitEditor } from './unit-editor'
import { VillageEditor } from './village-editor'
import './admin.css'

type Editing = { kind: 'town' } | { kind: 'village'; id: string | null } | { kind: 'unit'; id: string | null } | { kind: 'campaign'; id: string | null } | null

/**
 * 镇级管理: the town's hotlines, villages (实有户数, 组, 社区民警, 包村单位), units
 * and campaigns, each edited in place. A change shows on the 进度看板 at once
 * for whoever made it, and for everyone else within half a minute.
 */
export function TownSetup() {
  const read = useRead(getTownSetup)
  const [editing, setEditing] = useState<Editing>(null)
  if (read.error && !read.data) return <ErrorView error={read.error} onRetry={read.reload} retrying={read.loading} />
  if (!read.data) return <Loading />
  const setup = read.data
  const saved = (next: Setup) => {
    read.setData(() => next)
    setEditing(null)
  }
  const close = () => setEditing(null)
  const unitName = (id: string | null) => setup.units.find((unit) => unit.id === id)?.name ?? '（未指定）'

  return (
    <View id='town-setup'>
      <Text className='text-block muted'>改动会立即记录在操作记录里；你自己马上能在进度看板看到，其他人最迟半分钟后看到。</Text>
      <Section title={`${setup.town.name}（${setup.town.region}）`} id='town-info'>
        {editing?.kind === 'town' ? (
          <TownEditor setup={setup} onSaved={saved} onCancel={close} />
        ) : (
          <View className='card'>
            {setup.town.hotlines.map((line) => (
              <Text key={line.number} className='admin-line'>
                {line.label}：{line.number}
              </Text>
            ))}
            <BigButton kind='secondary' inline id='town-edit' onClick={() => setEditing({ kind: 'town' })}>
              修改镇名和求助电话
            </BigButton>
          </View>
        )}
      </Section>

      <Section title={`村（社区） ${setup.villages.length} 个`} id='town-villages'>
        {setup.villages.map((village) =>
          editing?.kind === 'village' && editing.id === village.id ? (
            <VillageEditor key={village.id} setup={setup} village={village} onSaved={saved} onCancel={close} />
          ) : (
            <View key={village.id} className='card admin-card' id={`village-card-${village.id}`}>
              <Text className='admin-card__title'>
                {village.name}（{VILLAGE_KIND_LABELS[village.kind]}）
              </Text>
              <Text className='admin-line'>实有户数：{village.registeredHouseholds} 户</Text>
              {village.groups.length ? <Text className='admin-line'>组：{village.groups.join('、')}</Text> : null}
              <Text className='admin-line'>包村单位：{unitName(village.unitId)}</Text>
              <Text className='admin-line'>社区民警：{village.policeOfficer ? `${village.policeOfficer.name} ${village.policeOfficer.phone}` : '（未填写）'}</Text>
              <BigButton kind='secondary' inline id={`village-edit-${village.id}`} onClick={() => setEditing({ kind: 'village', id: village.id })}>
                修改
              </BigButton>
            </View>
          ),
        )}
        {editing?.kind === 'village' && editing.id === null ? (
          <VillageEditor setup={setup} village={null} onSaved={saved} onCancel={close} />
        ) : (
          <BigButton kind='secondary' id='village-add' onClick={() => setEditing({ kind: 'village', id: null })}>
            ＋ 新增村（社区）
          </BigButton>
        )}
      </Section>

      <Section title={`单位 ${setup.units.length} 个`} id='town-units'>
        {setup.units.map((unit) =>
          editing?.kind === 'unit' && editing.id === unit.id ? (
            <UnitEditor key={unit.id} setup={setup} unit={unit} onSaved={saved} onCancel={close} />
          ) : (
            <View key={unit.id} className='card admin-card' id={`unit-card-${unit.id}`}>
              <Text className='admin-card__title'>{unit.name}</Text>
              <Text className='admin-line'>负责人：{unit.headName || '（未填写）'}</Text>
              <Text className='admin-line'>负责人账号：{unit.heads.length ? unit.heads.map((head) => head.name).join('、') : '还没有，请在邀请码管理里发单位负责人邀请码'}</Text>
              <Text className='admin-line'>包村（社区）：{setup.villages.filter((village) => village.unitId === unit.id).map((village) => village.name).join('、') || '无'}</Text>
              <BigButton kind='secondary' inline id={`unit-edit-${unit.id}`} onClick={() => setEditing({ kind: 'unit', id: unit.id })}>
                修改
              </BigButton>
            </View>
          ),
        )}
        {editing?.kind === 'unit' && editing.id === null ? (
          <UnitEditor setup={setup} unit={null} onSaved={saved} onCancel={close} />
        ) : (
          <BigButton kind='secondary' id='unit-add' onClick={() => setEditing({ kind: 'unit', id: null })}>
            ＋ 新增单位
          </BigButton>
        )}
      </Section>

      <Section title='入户宣传活动' id='town-campaigns'>
        {setup.campaigns.map((campaign) =>
          editing?.kind === 'campaign' && editing.id === campaign.id ? (
            <CampaignEditor key={campaign.id} campaign={campaign} onSaved={saved} onCancel={close} />
          ) : (
            <View key={campaign.id} className='card admin-card' id={`campaign-card-${campaign.id}`}>
              <Text className='admin-card__title'>{campaign.name}</Text>
              <Text className='admin-line'>开始：{campaign.startDay}</Text>
              {campaign.milestones.map((milestone) => (
                <Text key={milestone.day} className='admin-line'>
                  {milestone.day} 前覆盖 {milestone.targetPercent}%
                </Text>
              ))}
              <BigButton kind='secondary' inline id={`campaign-edit-${campaign.id}`} onClick={() => setEditing({ kind: 'campaign', id: campaign.id })}>
                修改
              </BigButton>
            </View>
          ),
        )}
        {editing?.kind === 'campaign' && editing.id === null ? (
          <CampaignEditor campaign={null} onSaved={saved} onCancel={close} />
        ) : (
          <BigButton kind='secondary' id='campaign-add' onClick={() => setEditing({ kind: 'campaign', id: null })}>
            ＋ 新增活动
          </BigButton>
        )}
      </Section>
    </View>
  )
}
