import { AuditLog } from '../../../features/admin/components/audit-log'
import { StaffTool } from '../staff-tool'

export default function AuditPage() {
  return (
    <StaffTool id='audit-page' capability='readAudit' denied='操作记录由镇反诈办查看；派出所民警可以查看自己的导出和查看记录。'>
      {() => <AuditLog />}
    </StaffTool>
  )
}
