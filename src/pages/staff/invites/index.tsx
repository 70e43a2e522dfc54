import { Text, View } from '@tarojs/components'
import { AccountGate } from '../../../features/account/components/account-gate'
import { InviteManager } from '../../../features/account/components/invite-manager'
import { useMe } from '../../../features/account/hooks/use-me'

// A subpackage page (see app.config.ts): only office staff come here.
export default function InvitesPage() {
  const account = useMe()
  return (
    <View className='page'>
      <AccountGate account={account}>
        {(me) =>
          me.roles.includes('office') ? (
            <InviteManager />
          ) : (
            <View className='notice' id='invites-forbidden'>
              <Text>邀请码只能由镇反诈办发放。如需开通工作身份，请联系镇反诈办。</Text>
            </View>
          )
        }
      </AccountGate>
    </View>
  )
}
