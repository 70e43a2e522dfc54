import { BigButton } from '../../../components/big-button'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { useRead } from '../../../hooks/use-read'
import { openPage } from '../../../services/navigation'
import { getDirectory } from '../../../features/account/api'
import { People } from '../../../features/admin/components/people'
import { StaffTool } from '../staff-tool'

export default function PeoplePage() {
  return (
    <StaffTool id='people-page' capability='manageUsers' denied='工作人员的角色由镇反诈办管理。'>
      {() => <PeopleWithPlaces />}
    </StaffTool>
  )
}

/** The role editor offers the town's villages and units (account.directory). */
function PeopleWithPlaces() {
  const directory = useRead(getDirectory)
  if (directory.error) return <ErrorView error={directory.error} onRetry={directory.reload} retrying={directory.loading} />
  if (!directory.data) return <Loading />
  return (
    <>
      <BigButton kind='secondary' id='people-invites' onClick={() => openPage('/pages/staff/invites/index')}>
        开通新的工作人员：去邀请码管理
      </BigButton>
      <People villages={directory.data.villages} units={directory.data.units} />
    </>
  )
}
