import { Image, Input, Text, View } from '@tarojs/components'
import type { Ref } from 'react'
import { SIGNATURE_KINDS, SIGNATURE_LABELS, type SignatureKind } from '../../../../domain/visits'
import { ChoiceList } from '../../../components/choice-list'
import { FormField } from '../../../components/form-field'
import { SignaturePad, type SignaturePadHandle } from './signature-pad'
import './visit-form.css'

const KIND_CHOICES = SIGNATURE_KINDS.map((kind) => ({ value: kind, label: SIGNATURE_LABELS[kind] }))

export interface SignatureFieldProps {
  kind: SignatureKind
  reason: string
  proxyName: string
  onChange: (next: { signatureKind?: SignatureKind; signatureReason?: string; proxyName?: string }) => void
  errors: { signature?: string; 'signature-reason'?: string; 'signature-proxyName'?: string }
  padRef: Ref<SignaturePadHandle>
  onPadChange?: (empty: boolean) => void
  /** Fixing a saved record: the kind and the drawn image stay as they were; this is the image. */
  locked?: { imagePath: string | null }
}

/** 签字确认: the resident signs; or refuses (with the reason); or someone signs for them. */
export function SignatureField({ kind, reason, proxyName, onChange, errors, padRef, onPadChange, locked }: SignatureFieldProps) {
  const needsImage = kind !== 'refused'
  return (
    <View className='signature-field' id='signature-field'>
      <FormField label='入户对象签字确认' name='signature' error={errors.signature}>
        {locked ? (
          <Text className='visit-form__author'>{SIGNATURE_LABELS[kind]}（已保存，不能更改）</Text>
        ) : (
          <ChoiceList choices={KIND_CHOICES} value={kind} onChange={(next) => onChange({ signatureKind: next })} idPrefix='signature-kind' />
        )}
        {needsImage && locked?.imagePath ? <Image className='signature-saved' src={locked.imagePath} mode='aspectFit' /> : null}
        {needsImage && !locked ? <SignaturePad ref={padRef} onChange={onPadChange} /> : null}
      </FormField>
      {kind === 'proxy' ? (
        <FormField label='代签人姓名' name='signature-proxyName' error={errors['signature-proxyName']}>
          <Input
            className='text-input'
            id='signature-proxy-name'
            value={proxyName}
            maxlength={20}
            placeholder='代签的家人或工作人员'
            onInput={(event) => onChange({ proxyName: event.detail.value })}
          />
        </FormField>
      ) : null}
      {kind !== 'signed' ? (
        <FormField label={kind === 'refused' ? '拒签原因' : '代签原因'} name='signature-reason' error={errors['signature-reason']}>
          <Input
            className='text-input'
            id='signature-reason'
            value={reason}
            maxlength={100}
            placeholder={kind === 'refused' ? '例如：本人不愿签字' : '例如：老人不识字，由儿子代签'}
            onInput={(event) => onChange({ signatureReason: event.detail.value })}
          />
        </FormField>
      ) : null}
    </View>
  )
}
