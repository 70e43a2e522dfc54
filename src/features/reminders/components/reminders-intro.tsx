import { Text, View } from '@tarojs/components'
import './reminders.css'

/** What the timer does by itself, said once at the top of 督导提醒. */
export function RemindersIntro() {
  return (
    <View className='notice reminders-intro' id='reminders-intro'>
      <Text>
        每个工作日 9:00，系统自动提醒包联村（社区）进度落后、或阶段目标临近还没达标的单位负责人，每人每天最多一条；提醒同时放进对方的「消息」，微信没收到也不会丢。
      </Text>
    </View>
  )
}
