import { View } from '@tarojs/components'
import { useState } from 'react'
import type { TownSetup } from '../../../../domain/admin'
import { townSettingsSchema } from '../../../../domain/town'
import { BigButton } from '../../../components/big-button'
import { FormField } from '../../../components/form-field'
import { TextField } from '../../../components/text-field'
import { saveTown } from '../api'
import { EditorFrame, useEditor } from './editor'
import './admin.css'

/** The town's name, district and the numbers residents call with one tap. */
export function TownEditor({ setup, onSaved, onCancel }: { setup: TownSetup; onSaved: (setup: TownSetup) => void; onCancel: () => void }) {
  const [name, setName] = useState(setup.town.name)
  const [region, setRegion] = useState(setup.town.region)
  const [hotlines, setHotlines] = useState(setup.town.hotlines)
  const editor = useEditor(townSettingsSchema, saveTown, onSaved)
  const errors = editor.errors
  const set = (index: number, patch: Partial<(typeof hotlines)[number]>) => setHotlines(hotlines.map((line, at) => (at === index ? { ...line, ...patch } : line)))
  return (
    <EditorFrame id='town-editor' onSave={() => void editor.save({ name, region, hotlines })} onCancel={onCancel} pending={editor.pending} error={editor.unplaced}>
      <TextField label='镇（街道）名称' name='town-name' value={name} maxlength={20} onChange={setName} error={errors.name} />
      <TextField label='所属区县' name='town-region' value={region} maxlength={40} onChange={setRegion} error={errors.region} />
      <FormField label='求助电话（首页一键拨打）' name='town-hotlines' error={errors.hotlines}>
        {hotlines.map((line, index) => (
          <View key={index} className='admin-row'>
            <TextField label='名称' name={`hotline-${index}-label`} value={line.label} maxlength={20} onChange={(label) => set(index, { label })} error={errors[`hotlines.${index}.label`]} />
            <TextField label='号码' name={`hotline-${index}-number`} value={line.number} maxlength={20} onChange={(number) => set(index, { number })} error={errors[`hotlines.${index}.number`]} />
            <BigButton kind='secondary' inline onClick={() => setHotlines(hotlines.filter((_, at) => at !== index))}>
              删除
            </BigButton>
          </View>
        ))}
        {hotlines.length < 6 ? (
          <BigButton kind='secondary' inline onClick={() => setHotlines([...hotlines, { label: '', number: '' }])}>
            ＋ 添加电话
          </BigButton>
        ) : null}
      </FormField>
    </EditorFrame>
  )
}
