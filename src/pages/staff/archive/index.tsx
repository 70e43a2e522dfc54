import { Section } from '../../../components/section'
import { ActivityArchive } from '../../../features/activities/components/activity-archive'
import { ArchiveExportPanel } from '../../../features/progress/components/archive-export-panel'
import { VillageTool } from '../staff-tool'

export default function ArchivePage() {
  return (
    <VillageTool id='archive-page' capability='exportArchive' denied='入户记录存档只能由镇反诈办、派出所民警和本村（社区）的村社干部导出。'>
      {(village) => (
        <>
          <ArchiveExportPanel key={village.id} village={village} />
          <Section title='宣传活动台账（附照片）' id='activity-archive-section'>
            <ActivityArchive key={village.id} village={village} />
          </Section>
        </>
      )}
    </VillageTool>
  )
}
