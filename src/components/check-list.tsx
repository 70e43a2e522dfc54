import { Button, View } from '@tarojs/components'
import type { Choice } from './choice-list'
import './choice-list.css'

/** Like ChoiceList, but any number of options may be ticked (the paper form's □ boxes). */
export function CheckList<V extends string>({
  choices,
  values,
  onChange,
  idPrefix,
}: {
  choices: readonly Choice<V>[]
  values: readonly V[]
  onChange: (values: V[]) => void
  /** Gives each option the id `<idPrefix>-<value>`. */
  idPrefix?: string
}) {
  return (
    <View className='choice-list choice-list--column'>
      {choices.map((choice) => {
        const checked = values.includes(choice.value)
        return (
          <Button
            key={choice.value}
            id={idPrefix ? `${idPrefix}-${choice.value}` : undefined}
            className={`choice choice--check${checked ? ' choice--selected' : ''}`}
            onClick={() => onChange(checked ? values.filter((value) => value !== choice.value) : [...values, choice.value])}
          >
            {`${checked ? '☑' : '☐'} ${choice.label}`}
          </Button>
        )
      })}
    </View>
  )
}
