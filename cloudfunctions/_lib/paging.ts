import { AppError } from '../../domain/errors'

/** Lists page by an instant: the cursor is the last item's time as ISO text, handed back by the client. */
export function decodeCursor(cursor: string | undefined): Date | undefined {
  if (!cursor) return undefined
  const date = new Date(cursor)
  if (Number.isNaN(date.getTime())) throw new AppError('INVALID_INPUT', '翻页参数无效，请刷新列表', 'cursor')
  return date
}
