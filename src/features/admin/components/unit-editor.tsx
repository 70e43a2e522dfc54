import { useState } from 'react'
import { saveUnitSchema, type TownSetup } from '../../../../domain/admin'
import { BigButton } from '../../../components/big-button'
import { TextField } from '../../../components/text-field'
import { useWrite } from '../../../hooks/use-write'
import { removeUnit, saveUnit } from '../api'
import { EditorFrame, useEditor } from './editor'

type Unit = TownSetup['units'][number]

export function UnitEditor({ setup, unit, onSaved, onCancel }: { setup: TownSetup; unit: Unit | null; onSaved: (setup: TownSetup) => void; onCancel: () => void }) {
  const [name, setName] = useState(unit?.name ?? '')
  const [headName, setHeadName] = useState(unit?.headName ?? '')
  const editor = useEditor(saveUnitSchema, saveUnit, onSaved)
  const remove = useWrite(removeUnit)
  const payload = {
    ...(unit ? { unitId: unit.id } : {}),
    name,
    headName,
    order: unit?.order ?? setup.units.reduce((max, entry) => Math.max(max, entry.order + 1), 0),
  }
  return (
    <EditorFrame
      id={unit ? `unit-editor-${unit.id}` : 'unit-editor-new'}
      onSave={() => void editor.save(payload)}
      onCancel={onCancel}
      pending={editor.pending}
      error={editor.unplaced ?? remove.error}
      extra={
        unit ? (
          <BigButton
            kind='danger'
            inline
            loading={remove.pending}
            loadingText='正在删除…'
            onClick={() =>
              void remove.run({ unitId: unit.id }).then((reply) => {
                if (reply.ok) onSaved(reply.data)
              })
            }
          >
            删除
          </BigButton>
        ) : null
      }
    >
      <TextField label='单位名称' name='unit-name' value={name} maxlength={30} onChange={setName} error={editor.errors.name} />
      <TextField label='负责人姓名' name='unit-head' value={headName} maxlength={20} onChange={setHeadName} error={editor.errors.headName} hint='负责人的账号请用「单位负责人」邀请码开通' />
    </EditorFrame>
  )
}
