import { Section } from '../../../components/section'
import { RequestDesk } from '../../../features/privacy/components/request-desk'
import { RetentionEditor } from '../../../features/privacy/components/retention-editor'
import { StaffTool } from '../staff-tool'

export default function PrivacyDeskPage() {
  return (
    <StaffTool id='privacy-desk-page' capability='handleDataRequests' denied='群众查看或删除个人信息的申请由镇反诈办办理。'>
      {() => (
        <>
          <Section title='查看或删除个人信息的申请' id='privacy-requests-section'>
            <RequestDesk />
          </Section>
          <Section title='个人信息保存期限' id='privacy-retention-section'>
            <RetentionEditor />
          </Section>
        </>
      )}
    </StaffTool>
  )
}
