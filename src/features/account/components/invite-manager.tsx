import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { InviteView } from '../../../../domain/account'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { getDirectory, listInvites } from '../api'
import { CreateInviteForm } from './create-invite-form'
import { InviteCode } from './invite-code'
import { InviteList } from './invite-list'
import './invites.css'

/** 邀请码管理 (office): issue codes for staff roles, see their status, revoke. */
export function InviteManager() {
  const directory = useRead(getDirectory)
  const invites = useRead(listInvites)
  const [created, setCreated] = useState<InviteView | null>(null)

  const prepend = (invite: InviteView) =>
    invites.setData((current) => [invite, ...(current ?? []).filter((item) => item.code !== invite.code)])

  return (
    <View>
      <Section title='发邀请码' id='invite-create-section'>
        {directory.data ? (
          <CreateInviteForm
            directory={directory.data}
            onCreated={(invite) => {
              setCreated(invite)
              prepend(invite)
            }}
          />
        ) : directory.error ? (
          <ErrorView error={directory.error} onRetry={directory.reload} retrying={directory.loading} />
        ) : (
          <Loading />
        )}
        {created ? (
          <View className='card invite-created' id='invite-created'>
            <Text className='text-block'>新的邀请码已生成，请发给对方，在小程序「我的」页面输入：</Text>
            <InviteCode code={created.code} />
          </View>
        ) : null}
      </Section>
      <Section title='已发的邀请码' id='invite-list-section'>
        {invites.data ? (
          <InviteList
            invites={invites.data}
            onChanged={(invite) => {
              invites.setData((current) => (current ?? []).map((item) => (item.code === invite.code ? invite : item)))
              if (invite.status !== 'active') setCreated((current) => (current?.code === invite.code ? null : current))
            }}
          />
        ) : invites.error ? (
          <ErrorView error={invites.error} onRetry={invites.reload} retrying={invites.loading} />
        ) : (
          <Loading />
        )}
      </Section>
    </View>
  )
}
