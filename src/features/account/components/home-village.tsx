import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Me } from '../../../../domain/account'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { canRetry, ErrorView, InlineError } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { useRead } from '../../../hooks/use-read'
import { useWrite } from '../../../hooks/use-write'
import { getTownVillages, setHomeVillage } from '../api'

/**
 * 所在村（社区）: where the user lives. Their shares of articles count for
 * that village; it grants nothing. A cadre's village is the one of their
 * invite and is not asked.
 */
export function HomeVillage({ me, onSaved, prompt }: { me: Me; onSaved: (me: Me) => void; prompt?: string }) {
  const [choosing, setChoosing] = useState(false)
  if (me.village && me.roles.includes('cadre')) return null
  const current = me.homeVillage ?? null
  if (!choosing) {
    return (
      <View className='card__row' id='home-village'>
        <Text className='card__label'>我住在</Text>
        <Text className='card__value' id='home-village-name'>
          {current ? current.name : '还没有填写'}
        </Text>
        <BigButton kind='secondary' inline onClick={() => setChoosing(true)} id='home-village-edit'>
          {current ? '更改' : '选择村（社区）'}
        </BigButton>
      </View>
    )
  }
  return (
    <VillageChooser
      prompt={prompt ?? '您转发的防骗文章被阅读，会计入您所在村（社区）的宣传成效。'}
      current={current?.id}
      onCancel={() => setChoosing(false)}
      onSaved={(next) => {
        setChoosing(false)
        onSaved(next)
      }}
    />
  )
}

export function VillageChooser({ prompt, current, onSaved, onCancel }: { prompt: string; current?: string; onSaved: (me: Me) => void; onCancel?: () => void }) {
  const villages = useRead(getTownVillages)
  const save = useWrite((villageId: string, requestId: string) => setHomeVillage({ villageId }, requestId))
  const [chosen, setChosen] = useState<string | undefined>(current)
  if (villages.error) return <ErrorView error={villages.error} onRetry={villages.reload} retrying={villages.loading} />
  if (!villages.data) return <Loading text='正在加载村（社区）…' />
  const submit = async () => {
    if (!chosen) return
    const reply = await save.run(chosen)
    if (reply.ok) onSaved(reply.data)
  }
  return (
    <View id='village-chooser'>
      <Text className='text-block'>{prompt}</Text>
      <ChoiceList choices={villages.data.map((place) => ({ value: place.id, label: place.name }))} value={chosen} onChange={setChosen} idPrefix='home-village' />
      <View className='button-row'>
        <BigButton inline onClick={() => void submit()} loading={save.pending} loadingText='正在保存…' disabled={!chosen} id='home-village-save'>
          保存
        </BigButton>
        {onCancel ? (
          <BigButton inline kind='secondary' onClick={onCancel} disabled={save.pending}>
            取消
          </BigButton>
        ) : null}
      </View>
      {save.error ? <InlineError error={save.error} onRetry={canRetry(save.error) ? () => void submit() : undefined} /> : null}
    </View>
  )
}
