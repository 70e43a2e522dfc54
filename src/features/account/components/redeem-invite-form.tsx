import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { redeemInviteSchema, type Me } from '../../../../domain/account'
import { ROLE_LABELS } from '../../../../domain/roles'
import { fieldErrors } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { canRetry, InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { useWrite } from '../../../hooks/use-write'
import { redeemInvite } from '../api'

/**
 * Staff (村社干部, 单位负责人...) get their role by typing the code the
 * township office gave them. The check is the server's own schema, so the
 * message next to the field is the one the server would send.
 */
export function RedeemInviteForm({ onRedeemed }: { onRedeemed: (me: Me) => void }) {
  const [code, setCode] = useState('')
  const [fieldError, setFieldError] = useState<string | undefined>()
  const [granted, setGranted] = useState<string | null>(null)
  const redeem = useWrite(redeemInvite)

  const submit = async () => {
    const errors = fieldErrors(redeemInviteSchema, { code })
    setFieldError(errors.code)
    if (errors.code) return
    const reply = await redeem.run({ code })
    if (reply.ok) {
      const labels = reply.data.roles.filter((role) => role !== 'resident').map((role) => ROLE_LABELS[role])
      setGranted(labels.join('、'))
      setCode('')
      void Taro.showToast({ title: '开通成功', icon: 'success' })
      onRedeemed(reply.data)
    } else if (reply.error.field === 'code') {
      setFieldError(reply.error.message)
    }
  }

  return (
    <View className='card' id='redeem-invite'>
      <FormField label='邀请码' name='code' error={fieldError} hint='镇反诈办发给您的8位邀请码，字母大小写都可以'>
        <Input
          className='text-input'
          id='invite-code-input'
          value={code}
          maxlength={12}
          placeholder='例如：K7XM-3QPA'
          onInput={(event) => {
            setCode(event.detail.value)
            setFieldError(undefined)
            setGranted(null)
          }}
        />
      </FormField>
      <BigButton onClick={() => void submit()} loading={redeem.pending} loadingText='正在核对…' id='redeem-submit'>
        确认开通
      </BigButton>
      {redeem.error && redeem.error.field !== 'code' ? (
        <InlineError error={redeem.error} onRetry={canRetry(redeem.error) ? () => void submit() : undefined} />
      ) : null}
      {granted ? (
        <View className='notice' id='redeem-success'>
          <Text>已开通：{granted}。底部已出现「工作」，点它开始使用。</Text>
        </View>
      ) : null}
    </View>
  )
}
