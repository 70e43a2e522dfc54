import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { InviteStatus, InviteView } from '../../../../domain/account'
import { formatShanghai } from '../../../../domain/dates'
import { ROLE_LABELS } from '../../../../domain/roles'
import { BigButton } from '../../../components/big-button'
import { EmptyView } from '../../../components/coming-soon'
import { canRetry, InlineError } from '../../../components/error-view'
import { useWrite } from '../../../hooks/use-write'
import { revokeInvite } from '../api'
import { InviteCode } from './invite-code'
import './invites.css'

export const STATUS_LABELS: Record<InviteStatus, string> = {
  active: '有效',
  used: '已使用',
  expired: '已过期',
  revoked: '已作废',
}

export function InviteList({ invites, onChanged }: { invites: readonly InviteView[]; onChanged: (invite: InviteView) => void }) {
  if (invites.length === 0) return <EmptyView text='还没有发过邀请码。' />
  return (
    <View className='invite-list'>
      {invites.map((invite) => (
        <InviteRow key={invite.code} invite={invite} onChanged={onChanged} />
      ))}
    </View>
  )
}

function InviteRow({ invite, onChanged }: { invite: InviteView; onChanged: (invite: InviteView) => void }) {
  const revoke = useWrite(revokeInvite)
  const active = invite.status === 'active'

  const send = async () => {
    const reply = await revoke.run({ code: invite.code })
    if (reply.ok) onChanged(reply.data)
  }

  const confirmRevoke = async () => {
    const answer = await Taro.showModal({
      title: '作废邀请码',
      content: '作废后这个邀请码不能再使用，确定作废吗？',
      confirmText: '作废',
      confirmColor: '#b71c1c',
    }).catch(() => ({ confirm: false }))
    if (answer.confirm) await send()
  }

  const place = invite.village?.name ?? invite.unit?.name
  return (
    <View className={`card invite-row invite-row--${invite.status}`} id={`invite-${invite.code}`}>
      <View className='invite-row__head'>
        <Text className='invite-row__role'>{ROLE_LABELS[invite.role]}</Text>
        <Text className={`invite-status invite-status--${invite.status}`}>{STATUS_LABELS[invite.status]}</Text>
      </View>
      <InviteCode code={invite.code} copyable={active} />
      {place ? <Text className='invite-row__meta'>{place}</Text> : null}
      <Text className='invite-row__meta'>
        {invite.status === 'used' && invite.usedAt
          ? `使用时间：${formatShanghai(new Date(invite.usedAt))}`
          : `有效期至：${formatShanghai(new Date(invite.expiresAt))}`}
      </Text>
      {invite.note ? <Text className='invite-row__meta'>备注：{invite.note}</Text> : null}
      {active ? (
        <View className='button-row'>
          <BigButton kind='danger' inline onClick={() => void confirmRevoke()} loading={revoke.pending} loadingText='正在作废…'>
            作废
          </BigButton>
        </View>
      ) : null}
      {revoke.error ? <InlineError error={revoke.error} onRetry={canRetry(revoke.error) ? () => void send() : undefined} /> : null}
    </View>
  )
}
