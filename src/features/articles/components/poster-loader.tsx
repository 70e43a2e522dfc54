import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { PlaceRef } from '../../../../domain/account'
import type { PosterData } from '../../../../domain/articles'
import { BigButton } from '../../../components/big-button'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { useWrite } from '../../../hooks/use-write'
import { getPoster } from '../api'
import { PosterMaker } from './poster-maker'

/** Asks the server for the village's code for the article (made once), then draws the poster. */
export function PosterLoader({ articleId, village, onChangeArticle }: { articleId: string; village: PlaceRef; onChangeArticle: () => void }) {
  const [poster, setPoster] = useState<PosterData | null>(null)
  const load = useWrite((input: { articleId: string; villageId: string }, requestId: string) => getPoster(input, requestId))
  const run = async () => {
    const reply = await load.run({ articleId, villageId: village.id })
    if (reply.ok) setPoster(reply.data)
  }
  useEffect(() => {
    void run()
    // Once per article and village (the page keys this component by both).
  }, [])
  return (
    <View id='poster-loader'>
      {poster ? (
        <Text className='text-block' id='poster-title'>
          《{poster.article.title}》 · {poster.village.name}的海报：扫码阅读计入{poster.village.name}。
        </Text>
      ) : null}
      {load.error ? <ErrorView error={load.error} onRetry={() => void run()} retrying={load.pending} /> : null}
      {!poster && !load.error ? <Loading text='正在生成二维码…' /> : null}
      {poster ? <PosterMaker poster={poster} /> : null}
      <BigButton kind='secondary' onClick={onChangeArticle} id='poster-other-article'>
        换一篇文章
      </BigButton>
    </View>
  )
}
