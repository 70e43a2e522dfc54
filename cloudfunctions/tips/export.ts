import ExcelJS from 'exceljs'
import { callerTownId } from '../_lib/access'
import { formatShanghai } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import type { ExportedFile } from '../../domain/files'
import { IDENTIFIER_LABELS } from '../../domain/tip-identifiers'
import { MAX_EXPORT_TIPS, REWARD_LABELS, TIP_KIND_LABELS, TIP_STATUS_LABELS, TRANSFER_LABELS, type ExportTipsRequest } from '../../domain/tips'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { recordAudit } from '../_lib/repos/audit'
import { countTips, exportPage, type TipDoc } from '../_lib/repos/tips'
import { storeExport } from '../_lib/storage'
import { villageNames } from './places'

const PAGE_SIZE = 500

const COLUMNS: { header: string; width: number }[] = [
  { header: '举报编号', width: 18 },
  { header: '提交时间', width: 17 },
  { header: '诈骗类型', width: 13 },
  { header: '状态', width: 10 },
  { header: '紧急', width: 6 },
  { header: '是否转账', width: 18 },
  { header: '损失金额（元）', width: 12 },
  { header: '发生日期', width: 11 },
  { header: '所在村（社区）', width: 13 },
  { header: '事情经过', width: 50 },
  { header: '对方号码或账号', width: 32 },
  { header: '证据图片', width: 9 },
  { header: '举报人', width: 10 },
  { header: '联系电话', width: 14 },
  { header: '奖励', width: 14 },
  { header: '处理记录', width: 50 },
]

/**
 * The police's .xlsx of a period's tips, with the named tipsters' contacts:
 * so every export is audited, as a view of each of them would be.
 */
export async function exportTips(db: Database, caller: Caller, input: ExportTipsRequest, requestId: string): Promise<ExportedFile & { tips: number }> {
  const townId = callerTownId(caller)
  const filter = { townId, from: input.from, to: input.to, status: input.status, kind: input.kind, urgent: input.urgent }
  const total = await countTips(db, filter)
  if (total > MAX_EXPORT_TIPS) throw new AppError('INVALID_INPUT', `这段时间共有${total}条举报，超过单次导出上限${MAX_EXPORT_TIPS}条，请缩短时间范围分批导出`, 'to')
  const names = await villageNames(db, townId)

  const workbook = new ExcelJS.Workbook()
  workbook.creator = '全民反诈'
  const sheet = workbook.addWorksheet('举报线索', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  sheet.columns = COLUMNS.map(({ header, width }) => ({ header, width }))
  sheet.getRow(1).font = { bold: true }
  let written = 0
  let named = 0
  for (let offset = 0; offset < total; offset += PAGE_SIZE) {
    const page = await exportPage(db, filter, offset, PAGE_SIZE)
    for (const tip of page) {
      const row = sheet.addRow(rowOf(tip, tip.villageId ? (names.get(tip.villageId) ?? '') : ''))
      row.alignment = { vertical: 'top', wrapText: true }
      written += 1
      if (!tip.anonymous) named += 1
    }
    if (page.length < PAGE_SIZE) break
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  const fileName = `举报线索（${input.from}至${input.to}）.xlsx`
  const stored = await storeExport(`exports/tips/${townId}/${input.from}_${input.to}_${requestId}.xlsx`, buffer, fileName)
  await recordAudit(db, {
    townId,
    actor: caller.openid,
    action: 'tips.export',
    target: `${input.from}..${input.to}`,
    detail: { ...filter, tips: written, namedTipsters: named, fileID: stored.fileID, byUserId: caller.user?._id ?? null },
  })
  return { ...stored, tips: written }
}

function rowOf(tip: TipDoc, villageName: string): (string | number)[] {
  const reward = tip.reward ? `${REWARD_LABELS[tip.reward.state]} ${tip.reward.amount}元` : ''
  const steps = tip.events
    .filter((event) => event.kind !== 'submitted')
    .map((event) => {
      const what = event.status ? TIP_STATUS_LABELS[event.status] : event.reward ? `${REWARD_LABELS[event.reward.state]}${event.reward.amount}元` : '说明'
      return `${formatShanghai(new Date(event.at))} ${what}${event.note ? `：${event.note}` : ''}${event.public ? '' : '（内部）'} ${event.byName}`.trim()
    })
  return [
    tip.reference,
    formatShanghai(new Date(tip.createdAt)),
    TIP_KIND_LABELS[tip.kind],
    TIP_STATUS_LABELS[tip.status],
    tip.urgent ? '是' : '',
    TRANSFER_LABELS[tip.transfer],
    tip.amountLost,
    tip.happenedOn,
    villageName,
    tip.story,
    tip.identifiers.map((identifier) => `${IDENTIFIER_LABELS[identifier.kind]}：${identifier.value}`).join('\n'),
    `${Object.keys(tip.evidence.files).length}/${tip.evidence.expected}`,
    tip.anonymous ? '匿名' : (tip.contact?.name ?? ''),
    tip.anonymous ? '' : (tip.contact?.phone ?? ''),
    reward,
    steps.join('\n'),
  ]
}
