import { RosterImport } from '../../../features/households/components/roster-import'
import { VillageTool } from '../staff-tool'

export default function RosterPage() {
  return (
    <VillageTool id='roster-page' capability='maintainRegister' denied='户籍名册由本村社干部或镇反诈办维护。'>
      {(village, me) => <RosterImport key={village.id} village={village} uploaderId={me.userId} />}
    </VillageTool>
  )
}
