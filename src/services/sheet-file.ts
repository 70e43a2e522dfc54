import Taro from '@tarojs/taro'
import { ROSTER_EXTENSIONS, type RosterExtension } from '../../domain/files'

export interface ChosenFile {
  /** A temporary path (weapp) or blob URL (h5) that uploadFile accepts. */
  path: string
  name: string
}

export function rosterExtension(name: string): RosterExtension | null {
  const ext = name.split('.').pop()?.toLowerCase()
  return ext === 'xlsx' || ext === 'csv' ? ext : null
}

/**
 * A village's spreadsheet (户籍名册, 重点场所): on weapp from a WeChat chat
 * (where it usually arrives), on h5 from the computer's files. Null when the
 * user cancelled. `inputId` names the browser's file input, for browser tests.
 */
export function chooseRosterFile(inputId = 'roster-file-input'): Promise<ChosenFile | null> {
  if (process.env.TARO_ENV === 'h5') return chooseInBrowser(inputId)
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...ROSTER_EXTENSIONS] })
    .then((picked) => {
      const file = picked.tempFiles[0]
      return file ? { path: file.path, name: file.name } : null
    })
    .catch(() => null)
}

// A file input made on the tap itself (browsers open the chooser only from a
// user's gesture), kept in the page so browser tests can set files on it.
function chooseInBrowser(inputId: string): Promise<ChosenFile | null> {
  return new Promise((resolve) => {
    document.getElementById(inputId)?.remove()
    const input = document.createElement('input')
    input.type = 'file'
    input.id = inputId
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      resolve(file ? { path: URL.createObjectURL(file), name: file.name } : null)
    })
    input.addEventListener('cancel', () => resolve(null))
    document.body.appendChild(input)
    input.click()
  })
}
