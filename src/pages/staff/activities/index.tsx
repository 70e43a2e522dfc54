import { can } from '../../../../domain/access'
import { ActivityLedger } from '../../../features/activities/components/activity-ledger'
import { VillageTool } from '../staff-tool'

export default function ActivitiesPage() {
  return (
    <VillageTool id='activities-page' capability='readActivities' denied='宣传台账供村社干部、单位负责人、镇反诈办和派出所查看。'>
      {(village, me) => <ActivityLedger key={village.id} village={village} uploaderId={me.userId} mayImport={can(me.roles, 'maintainPlaces')} />}
    </VillageTool>
  )
}
