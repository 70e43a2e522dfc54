import { DistrictView } from '../../../features/progress/components/district-view'
import { StaffTool } from '../staff-tool'

export default function DistrictPage() {
  return (
    <StaffTool id='district-page' capability='watchDistrict' denied='区级进度由区反诈办查看；镇里的进度请看「进度看板」。'>
      {() => <DistrictView />}
    </StaffTool>
  )
}
