import { Button, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Hotline } from '../../domain/account'
import './phone-call-button.css'

/** One tap dials the number (the system still asks to confirm the call). */
export function PhoneCallButton({ label, number }: Hotline) {
  return (
    <Button
      className='call-button'
      onClick={() => {
        // Cancelling the system's call sheet rejects: nothing to report.
        void Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined)
      }}
    >
      <Text className='call-button__label'>{label}</Text>
      <Text className='call-button__number'>{number}</Text>
    </Button>
  )
}
