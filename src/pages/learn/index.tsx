import { ComingSoon } from '../../components/coming-soon'
import { TabLayout } from '../../components/tab-layout'
import { useMe } from '../../features/account/hooks/use-me'

export default function LearnPage() {
  const account = useMe()
  return (
    <TabLayout current='learn' roles={account.me?.roles}>
      <ComingSoon
        title='防骗知识'
        description='镇反诈办整理的防骗文章和真实案例即将上线，敬请期待。现在遇到可疑情况，请到「首页」一键拨打求助电话。'
      />
    </TabLayout>
  )
}
