import { TownSetup } from '../../../features/admin/components/town-setup'
import { StaffTool } from '../staff-tool'

export default function TownPage() {
  return (
    <StaffTool id='town-page' capability='manageTown' denied='镇（街道）的村社、单位和活动由镇反诈办维护。'>
      {() => <TownSetup />}
    </StaffTool>
  )
}
