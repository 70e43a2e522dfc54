import { useState } from 'react'
import type { Reply, ReplyError } from '../../../../domain/errors'
import type { ExportedFile } from '../../../../domain/files'
import { useWrite } from '../../../hooks/use-write'
import { openExportedFile } from '../../../services/download'

/** An export: make the file on the server (with progress), then open it; the link stays for a second try. */
export function useExport<P, T extends ExportedFile>(send: (payload: P, requestId: string) => Promise<Reply<T>>) {
  const write = useWrite(send)
  const [file, setFile] = useState<T | null>(null)
  const [openError, setOpenError] = useState<ReplyError | null>(null)

  const open = async (exported: T) => {
    const opened = await openExportedFile(exported.url, exported.fileName)
    setOpenError(opened.ok ? null : opened.error)
  }
  const run = async (payload: P) => {
    setFile(null)
    const reply = await write.run(payload)
    if (reply.ok) {
      setFile(reply.data)
      await open(reply.data)
    }
  }
  return { run, pending: write.pending, error: write.error ?? openError, file, open }
}
