import { Text, View } from '@tarojs/components'
import { openPage } from '../../../services/navigation'
import { useQueue } from '../hooks/use-queue'
import { OUTBOX_PATH, QueueBar } from './queue-bar'
import { VisitList } from './visit-list'

/** 我的入户记录: what reached the server, and above it what is still on the phone. */
export function MyVisits() {
  const queue = useQueue()
  return (
    <View>
      <QueueBar queue={queue} onOpenOutbox={() => openPage(OUTBOX_PATH)} />
      {queue.waiting > 0 ? (
        <View className='notice'>
          <Text>还有 {queue.waiting} 条在手机上等待上传，上传后才会出现在下面。</Text>
        </View>
      ) : null}
      <VisitList scope='mine' />
    </View>
  )
}
