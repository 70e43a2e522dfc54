import { InviteManager } from '../../../features/account/components/invite-manager'
import { StaffTool } from '../staff-tool'

export default function InvitesPage() {
  return (
    <StaffTool id='invites-page' capability='manageInvites' denied='邀请码只能由镇反诈办发放。如需开通工作身份，请联系镇反诈办。'>
      {() => <InviteManager />}
    </StaffTool>
  )
}
