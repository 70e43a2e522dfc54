import { Text, View } from '@tarojs/components'
import { canSwitchLocalUser, openLocalSignIn } from '../../../services/cloud'

/** Local H5 build only: pick another demo user on the gateway's sign-in page. */
export function DemoUserSwitch() {
  if (!canSwitchLocalUser()) return null
  return (
    <View className='card' id='demo-user-switch' onClick={() => openLocalSignIn()}>
      <Text className='text-block'>切换演示用户 ›</Text>
      <Text className='muted'>本地演示用：换一个身份查看</Text>
    </View>
  )
}
