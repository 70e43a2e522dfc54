import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { TownSetup } from '../../../../domain/admin'
import { addDays, shanghaiDay } from '../../../../domain/dates'
import { saveCampaignSchema } from '../../../../domain/town'
import { BigButton } from '../../../components/big-button'
import { FormField } from '../../../components/form-field'
import { TextField } from '../../../components/text-field'
import { saveCampaign } from '../api'
import { EditorFrame, useEditor } from './editor'
import './admin.css'

type Campaign = TownSetup['campaigns'][number]

/** A campaign and its milestones (日期, 覆盖实有户数的百分之几), in order. */
export function CampaignEditor({ campaign, onSaved, onCancel }: { campaign: Campaign | null; onSaved: (setup: TownSetup) => void; onCancel: () => void }) {
  const today = shanghaiDay()
  const [name, setName] = useState(campaign?.name ?? '')
  const [startDay, setStartDay] = useState(campaign?.startDay ?? today)
  const [milestones, setMilestones] = useState(
    (campaign?.milestones ?? [
      { day: addDays(today, 30), targetPercent: 20 },
      { day: addDays(today, 180), targetPercent: 100 },
    ]).map((milestone) => ({ day: milestone.day, percent: String(milestone.targetPercent) })),
  )
  const [placeTarget, setPlaceTarget] = useState(campaign?.placeTargetPercent ? String(campaign.placeTargetPercent) : '')
  const editor = useEditor(saveCampaignSchema, saveCampaign, onSaved)
  const payload = {
    ...(campaign ? { campaignId: campaign.id } : {}),
    name,
    startDay,
    milestones: milestones.map((milestone) => ({ day: milestone.day, targetPercent: milestone.percent.trim() === '' ? Number.NaN : Number(milestone.percent) })),
    placeTargetPercent: placeTarget.trim() === '' ? null : Number(placeTarget),
  }
  const errors = editor.errors
  const set = (index: number, patch: Partial<(typeof milestones)[number]>) => setMilestones(milestones.map((row, at) => (at === index ? { ...row, ...patch } : row)))

  return (
    <EditorFrame id={campaign ? `campaign-editor-${campaign.id}` : 'campaign-editor-new'} onSave={() => void editor.save(payload)} onCancel={onCancel} pending={editor.pending} error={editor.unplaced}>
      <TextField label='活动名称' name='campaign-name' value={name} maxlength={40} onChange={setName} error={errors.name} />
      <TextField label='开始日期' name='campaign-start' value={startDay} maxlength={10} onChange={setStartDay} error={errors.startDay} hint='年-月-日，如 2027-02-02' />
      <FormField label='阶段目标' name='campaign-milestones' error={errors.milestones} hint='日期依次往后，目标依次提高，最后一个一般是 100%'>
        {milestones.map((milestone, index) => (
          <View key={index} className='admin-row' id={`milestone-${index}`}>
            <TextField label={`第${index + 1}个：日期`} name={`milestone-${index}-day`} value={milestone.day} maxlength={10} onChange={(day) => set(index, { day })} error={errors[`milestones.${index}.day`]} />
            <TextField label='覆盖（%）' name={`milestone-${index}-percent`} type='number' value={milestone.percent} maxlength={3} onChange={(percent) => set(index, { percent })} error={errors[`milestones.${index}.targetPercent`]} />
            {milestones.length > 1 ? (
              <BigButton kind='secondary' inline onClick={() => setMilestones(milestones.filter((_, at) => at !== index))}>
                删除
              </BigButton>
            ) : null}
          </View>
        ))}
        {milestones.length < 12 ? (
          <BigButton kind='secondary' inline id='milestone-add' onClick={() => setMilestones([...milestones, { day: addDays(milestones[milestones.length - 1]?.day ?? today, 30), percent: '100' }])}>
            ＋ 添加阶段目标
          </BigButton>
        ) : null}
      </FormField>
      <TextField
        label='重点场所覆盖目标（%，可不填）'
        name='campaign-place-target'
        type='number'
        value={placeTarget}
        maxlength={3}
        onChange={setPlaceTarget}
        error={errors.placeTargetPercent}
        hint='活动结束时，挂了横幅或贴了海报的重点场所占几成；填了，进度看板和通报就按它判断各村是否落后'
      />
      <Text className='text-block muted'>改动后，各村的进度和“落后”等状态马上按新目标计算，不用重新统计。</Text>
    </EditorFrame>
  )
}
