import { Text, View } from '@tarojs/components'
import { Section } from '../../../components/section'
import './suspicious-call-guide.css'

// Static advice; the numbers to call are the town's hotline buttons above it,
// never written into this text.
const STEPS = [
  { title: '不转账', text: '不管对方说什么，都不要给陌生人转账、汇款，不要扫陌生二维码。' },
  { title: '不透露', text: '不说银行卡号、密码和短信验证码，不下载对方让装的软件，不开“屏幕共享”。' },
  { title: '先挂断，再核实', text: '自称公检法、客服、领导、亲戚要钱的，先挂电话，再打您自己存的号码问清楚。' },
  { title: '马上报告', text: '拿不准就点上面的电话问一问；已经转了钱，马上报警，越快越能追回。' },
]

export function SuspiciousCallGuide() {
  return (
    <Section title='接到可疑电话怎么办' id='suspicious-call-guide'>
      <View className='card guide'>
        {STEPS.map((step, index) => (
          <View className='guide__step' key={step.title}>
            <Text className='guide__number'>{index + 1}</Text>
            <View className='guide__body'>
              <Text className='guide__title'>{step.title}</Text>
              <Text className='guide__text'>{step.text}</Text>
            </View>
          </View>
        ))}
      </View>
    </Section>
  )
}
