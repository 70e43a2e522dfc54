import { Text } from '@tarojs/components'
import { useState } from 'react'
import { saveVillageSchema, type TownSetup } from '../../../../domain/admin'
import { VILLAGE_KIND_LABELS, VILLAGE_KINDS } from '../../../../domain/town'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { FormField } from '../../../components/form-field'
import { TextField } from '../../../components/text-field'
import { useWrite } from '../../../hooks/use-write'
import { removeVillage, saveVillage } from '../api'
import { EditorFrame, useEditor } from './editor'
import './admin.css'

type Village = TownSetup['villages'][number]

/** "1-9" or "1、2、5" as people write a list of 组; NaN marks what is not a number. */
export function parseGroups(text: string): number[] {
  return text
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .flatMap((part) => {
      const range = /^(\d+)[-~～至到](\d+)$/.exec(part)
      if (!range) return [Number(part)]
      const [from, to] = [Number(range[1]), Number(range[2])]
      return to >= from && to - from < 100 ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [Number.NaN]
    })
}

export function VillageEditor({ setup, village, onSaved, onCancel }: { setup: TownSetup; village: Village | null; onSaved: (setup: TownSetup) => void; onCancel: () => void }) {
  const [name, setName] = useState(village?.name ?? '')
  const [kind, setKind] = useState<Village['kind']>(village?.kind ?? 'village')
  const [groups, setGroups] = useState(village?.groups.join('、') ?? '')
  const [households, setHouseholds] = useState(village ? String(village.registeredHouseholds) : '')
  const [officer, setOfficer] = useState(village?.policeOfficer?.name ?? '')
  const [officerPhone, setOfficerPhone] = useState(village?.policeOfficer?.phone ?? '')
  const [unitId, setUnitId] = useState<string | null>(village?.unitId ?? null)
  const editor = useEditor(saveVillageSchema, saveVillage, onSaved)
  const remove = useWrite(removeVillage)

  const payload = {
    ...(village ? { villageId: village.id } : {}),
    name,
    kind,
    groups: parseGroups(groups),
    registeredHouseholds: households.trim() === '' ? Number.NaN : Number(households),
    policeOfficer: officer.trim() || officerPhone.trim() ? { name: officer, phone: officerPhone } : null,
    unitId,
    order: village?.order ?? setup.villages.reduce((max, entry) => Math.max(max, entry.order + 1), 0),
  }
  const errors = editor.errors
  const groupError = Object.entries(errors).find(([field]) => field.startsWith('groups'))?.[1]

  return (
    <EditorFrame
      id={village ? `village-editor-${village.id}` : 'village-editor-new'}
      onSave={() => void editor.save(payload)}
      onCancel={onCancel}
      pending={editor.pending}
      error={editor.unplaced ?? remove.error}
      extra={
        village ? (
          <BigButton
            kind='danger'
            inline
            loading={remove.pending}
            loadingText='正在删除…'
            onClick={() =>
              void remove.run({ villageId: village.id }).then((reply) => {
                if (reply.ok) onSaved(reply.data)
              })
            }
          >
            删除
          </BigButton>
        ) : null
      }
    >
      <TextField label='名称' name='village-name' value={name} maxlength={20} onChange={setName} error={errors.name} />
      <FormField label='村或社区' name='village-kind' error={errors.kind}>
        <ChoiceList choices={VILLAGE_KINDS.map((value) => ({ value, label: VILLAGE_KIND_LABELS[value] }))} value={kind} onChange={setKind} idPrefix='village-kind' />
      </FormField>
      <TextField label='实有户数' name='village-households' type='number' value={households} maxlength={6} onChange={setHouseholds} error={errors.registeredHouseholds} hint='进度按这个数计算；改了以后进度看板马上按新数字算' />
      <TextField label='组（村民小组）' name='village-groups' value={groups} maxlength={120} onChange={setGroups} error={groupError} hint='如 1-9，或 1、2、5；社区可不填' />
      <TextField label='社区民警姓名' name='village-officer' value={officer} maxlength={20} onChange={setOfficer} error={errors['policeOfficer.name']} />
      <TextField label='社区民警电话' name='village-officer-phone' value={officerPhone} maxlength={20} onChange={setOfficerPhone} error={errors['policeOfficer.phone']} />
      <FormField label='包村单位' name='village-unit' error={errors.unitId}>
        <ChoiceList choices={[{ value: '', label: '不指定' }, ...setup.units.map((unit) => ({ value: unit.id, label: unit.name }))]} value={unitId ?? ''} onChange={(value) => setUnitId(value || null)} idPrefix='village-unit' />
      </FormField>
      {remove.error ? null : <Text className='text-block muted'>有入户记录或户籍名册的村（社区）不能删除。</Text>}
    </EditorFrame>
  )
}
