import { Text, View } from '@tarojs/components'
import { formatShanghai } from '../../../../domain/dates'
import { BigButton } from '../../../components/big-button'
import type { Register } from '../hooks/use-register'
import './household-picker.css'

/** How old the phone's copy of the register is, and the button to refresh it. */
export function RegisterStatus({ register }: { register: Register }) {
  const { savedAt, refreshing, progress } = register
  const count = register.households.length
  const failed = register.error?.message ?? null
  const onRefresh = () => void register.refresh()
  let text: string
  if (refreshing) text = progress > 0 ? `正在下载户籍名册…已下载 ${progress} 户` : '正在下载户籍名册…'
  else if (savedAt === null) text = failed ? `本机还没有户籍名册：${failed}` : '本机还没有户籍名册。'
  else text = `本机名册 ${count} 户，${formatShanghai(savedAt, 'M月D日 HH:mm')} 更新${failed ? `（这次没有更新成功：${failed}）` : ''}`
  return (
    <View className='register-status' id='register-status'>
      <Text className='register-status__text'>{text}</Text>
      <BigButton kind='secondary' inline onClick={onRefresh} loading={refreshing} loadingText='正在更新…' id='register-refresh'>
        更新名册
      </BigButton>
    </View>
  )
}
