import { Text, View } from '@tarojs/components'
import type { Hotline } from '../../../../domain/account'
import { EMERGENCY_NUMBER } from '../../../../domain/tips'
import { BigButton } from '../../../components/big-button'
import { PhoneCallButton } from '../../../components/phone-call-button'
import './tips.css'

// 先处置后受案: money that left within the last day can still be stopped, but
// only by a call, now. The form waits below for after the call.

const HAVE_READY = ['转账记录（截图或银行短信）', '对方收款的账户：卡号、户名、开户银行', '转账的时间和金额', '对方的电话、微信号或聊天记录']

export function UrgentPanel({ hotlines, onContinue }: { hotlines: readonly Hotline[]; onContinue?: () => void }) {
  // The town's anti-fraud line first (96110 where it is one of its numbers), then 110.
  const numbers = [...hotlines.filter((hotline) => hotline.number.includes('96110')), EMERGENCY_NUMBER]
  return (
    <View className='tip-urgent' id='tip-urgent'>
      <Text className='tip-urgent__title'>先打电话止付！</Text>
      <Text className='tip-urgent__text'>钱刚转出去，越快报警越有可能拦下来。请马上拨打：</Text>
      {numbers.map((hotline) => (
        <PhoneCallButton key={hotline.number} label={hotline.label} number={hotline.number} />
      ))}
      <Text className='tip-urgent__text'>打电话时准备好：</Text>
      <View className='tip-urgent__list'>
        {HAVE_READY.map((item) => (
          <Text className='tip-urgent__item' key={item}>
            · {item}
          </Text>
        ))}
      </View>
      {onContinue ? (
        <BigButton kind='secondary' id='tip-urgent-continue' onClick={onContinue}>
          已经打过电话，继续填写举报
        </BigButton>
      ) : null}
    </View>
  )
}
