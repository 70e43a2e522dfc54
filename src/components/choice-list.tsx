import { Button, View } from '@tarojs/components'
import './choice-list.css'

export interface Choice<V extends string | number> {
  value: V
  label: string
}

/** Big tappable options instead of a picker wheel: easier to hit, same on every platform. */
export function ChoiceList<V extends string | number>({
  choices,
  value,
  onChange,
  idPrefix,
}: {
  choices: readonly Choice<V>[]
  value: V | undefined
  onChange: (value: V) => void
  /** Gives each option the id `<idPrefix>-<value>`, for tests and browser automation. */
  idPrefix?: string
}) {
  return (
    <View className='choice-list'>
      {choices.map((choice) => {
        const selected = choice.value === value
        return (
          <Button
            key={String(choice.value)}
            id={idPrefix ? `${idPrefix}-${choice.value}` : undefined}
            className={`choice${selected ? ' choice--selected' : ''}`}
            onClick={() => onChange(choice.value)}
          >
            {selected ? `✓ ${choice.label}` : choice.label}
          </Button>
        )
      })}
    </View>
  )
}
