// Just enough multipart/form-data for Taro.uploadFile from the H5 build:
// text fields and one file part.
export interface MultipartForm {
  fields: Record<string, string>
  files: Record<string, { filename: string; contentType: string; data: Buffer }>
}

export function parseMultipart(body: Buffer, contentType: string): MultipartForm | null {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!match) return null
  const boundary = Buffer.from(`--${match[1] ?? match[2]}`)
  const form: MultipartForm = { fields: {}, files: {} }
  let start = body.indexOf(boundary)
  if (start < 0) return null
  for (;;) {
    start += boundary.length
    if (body.subarray(start, start + 2).toString() === '--') return form
    start += 2 // CRLF after the boundary
    const end = body.indexOf(boundary, start)
    if (end < 0) return null
    const part = body.subarray(start, end - 2) // CRLF before the next boundary
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd < 0) return null
    const headers = part.subarray(0, headerEnd).toString('utf8')
    const data = part.subarray(headerEnd + 4)
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1]
    if (name !== undefined) {
      if (filename !== undefined) {
        const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream'
        form.files[name] = { filename, contentType: type.trim(), data }
      } else {
        form.fields[name] = data.toString('utf8')
      }
    }
    start = end
  }
}
