import ExcelJS from 'exceljs'
import { appendFileSync, readFileSync, writeFileSync } from 'fs'
import { join } from 'path'
import { Readable } from 'stream'

// exceljs 4.4's streaming WorkbookWriter writes rows to the zip as they are
// committed, and can store images (workbook.addImage, even from a file read
// only at commit), but its WorksheetWriter cannot anchor an image to a cell:
// only the in-memory Workbook has worksheet.addImage, and it holds every row
// and every image until the end. This adds the missing piece the way the
// in-memory writer lays it out (xl/drawings/drawingN.xml, its rels, the
// sheet's <drawing r:id>, the content-type override), so a large archive
// streams: rows leave memory as they are written, and images and the drawing
// parts that place them are kept in files until the zip reads them.
//
// It reaches into exceljs internals (pinned at 4.4.0 in package.json); the
// archive tests read every file back with exceljs and check the images.

const EMU_PER_PIXEL = 9525
const ZIP_BUFFER = 64 * 1024
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing'
const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image'
const DRAWING_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml'

/** The parts of exceljs's streaming writers used here (lib/stream/xlsx/*.js). */
interface WorkbookInternals {
  zip: {
    append(source: string | Readable, data: { name: string; store?: boolean }): unknown
    file(path: string, data: { name: string; store?: boolean }): unknown
  }
  addContentTypes(): Promise<void>
  getImage(id: number): { name: string }
}
interface WorksheetInternals {
  id: number
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string }
  _writePageMargins(): void
  _writeLegacyData(): void
  _write(text: string): void
}

export type StreamWorksheet = ExcelJS.Worksheet

/** A file's bytes as a stream that opens nothing until it is read. */
class FileWhenRead extends Readable {
  constructor(private readonly path: string) {
    super()
  }

  _read(): void {
    this.push(readFileSync(this.path))
    this.push(null)
  }
}

/** Where an image sits: its top-left cell (1-based), an offset into it and its size, in pixels. */
export interface ImagePlacement {
  col: number
  row: number
  offsetX: number
  offsetY: number
  width: number
  height: number
}

export class StreamingWorkbook {
  readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter
  private readonly drawings: number[] = []

  /** `filename`: the .xlsx to write; `scratchDir`: where drawing parts wait for the zip. */
  constructor(
    filename: string,
    private readonly scratchDir: string,
  ) {
    // A small zip buffer: with thousands of entries a larger one mostly fragments native memory (measured).
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false, zip: { highWaterMark: ZIP_BUFFER } } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>)
    this.workbook.creator = '全民反诈'
    const internals = this.workbook as unknown as WorkbookInternals
    // Images are compressed already: stored as they are, not deflated again;
    // and each is read whole when the zip reaches it, instead of through a
    // 64 KB stream buffer per file (thousands of them churn native memory).
    internals.zip.file = (path, data) => internals.zip.append(new FileWhenRead(path), data.name.startsWith('xl/media/') ? { ...data, store: true } : data)
    const addContentTypes = internals.addContentTypes.bind(internals)
    // The streaming writer lists no drawings in [Content_Types].xml; add ours to what it writes.
    internals.addContentTypes = () => {
      const zip = internals.zip
      const append = zip.append.bind(zip)
      zip.append = (source, data) => {
        if (data.name !== '[Content_Types].xml' || typeof source !== 'string') return append(source, data)
        const overrides = this.drawings.map((id) => `<Override PartName="/xl/drawings/drawing${id}.xml" ContentType="${DRAWING_CONTENT_TYPE}"/>`).join('')
        return append(source.replace('</Types>', `${overrides}</Types>`), data)
      }
      try {
        return addContentTypes()
      } finally {
        zip.append = append
      }
    }
  }

  addSheet(name: string, options: Partial<ExcelJS.AddWorksheetOptions>): SheetWithImages {
    return new SheetWithImages(this, this.workbook.addWorksheet(name, options), options.pageSetup?.horizontalCentered === true)
  }

  /** @internal Scratch files of a sheet's drawing part and its relationships. */
  drawingFiles(sheetId: number): { drawing: string; rels: string } {
    return { drawing: join(this.scratchDir, `drawing${sheetId}.xml`), rels: join(this.scratchDir, `drawing${sheetId}.xml.rels`) }
  }

  /** @internal The zip reads the files when it reaches them. */
  registerDrawing(sheetId: number): void {
    const zip = (this.workbook as unknown as WorkbookInternals).zip
    const files = this.drawingFiles(sheetId)
    zip.file(files.drawing, { name: `xl/drawings/drawing${sheetId}.xml` })
    zip.file(files.rels, { name: `xl/drawings/_rels/drawing${sheetId}.xml.rels` })
    this.drawings.push(sheetId)
  }

  /** @internal */
  mediaName(imageId: number): string {
    return (this.workbook as unknown as WorkbookInternals).getImage(imageId).name
  }

  async commit(): Promise<void> {
    await this.workbook.commit()
  }
}

const DRAWING_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
const RELS_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'

export class SheetWithImages {
  private images = 0

  constructor(
    private readonly owner: StreamingWorkbook,
    readonly sheet: StreamWorksheet,
    horizontalCentered: boolean,
  ) {
    if (horizontalCentered) {
      // Nor does the streaming writer write <printOptions>; it must precede <pageMargins>.
      const internals = sheet as unknown as WorksheetInternals
      const writePageMargins = internals._writePageMargins.bind(internals)
      internals._writePageMargins = () => {
        internals._write('<printOptions horizontalCentered="1"/>')
        writePageMargins()
      }
    }
  }

  private get id(): number {
    return (this.sheet as unknown as WorksheetInternals).id
  }

  /** Anchors a PNG file to a cell; it moves with the cell, keeps its size, and is read from disk only when the workbook is committed. */
  addImage(file: string, at: ImagePlacement): void {
    const imageId = this.owner.workbook.addImage({ filename: file, extension: 'png' })
    const files = this.owner.drawingFiles(this.id)
    if (this.images === 0) {
      writeFileSync(files.drawing, DRAWING_OPEN)
      writeFileSync(files.rels, RELS_OPEN)
    }
    this.images += 1
    const n = this.images
    const rId = `rId${n}`
    appendFileSync(files.rels, `<Relationship Id="${rId}" Type="${REL_IMAGE}" Target="../media/${this.owner.mediaName(imageId)}"/>`)
    const cx = Math.round(at.width * EMU_PER_PIXEL)
    const cy = Math.round(at.height * EMU_PER_PIXEL)
    appendFileSync(
      files.drawing,
      '<xdr:oneCellAnchor editAs="oneCell">' +
        `<xdr:from><xdr:col>${at.col - 1}</xdr:col><xdr:colOff>${Math.round(at.offsetX * EMU_PER_PIXEL)}</xdr:colOff>` +
        `<xdr:row>${at.row - 1}</xdr:row><xdr:rowOff>${Math.round(at.offsetY * EMU_PER_PIXEL)}</xdr:rowOff></xdr:from>` +
        `<xdr:ext cx="${cx}" cy="${cy}"/>` +
        `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${n + 1}" name="Picture ${n}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
        `<xdr:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="${rId}" cstate="print"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
        `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>` +
        '<xdr:clientData/></xdr:oneCellAnchor>',
    )
  }

  /** Writes the remaining rows, the drawing if any, and closes the sheet: nothing of it stays in memory. */
  commit(): void {
    const internals = this.sheet as unknown as WorksheetInternals
    if (this.images > 0) {
      const files = this.owner.drawingFiles(this.id)
      appendFileSync(files.drawing, '</xdr:wsDr>')
      appendFileSync(files.rels, '</Relationships>')
      const rId = internals._sheetRelsWriter.addRelationship({ Type: REL_DRAWING, Target: `../drawings/drawing${internals.id}.xml` })
      const writeLegacyData = internals._writeLegacyData.bind(internals)
      // <drawing> comes right before <legacyDrawing> in a worksheet's XML.
      internals._writeLegacyData = () => {
        internals._write(`<drawing r:id="${rId}"/>`)
        writeLegacyData()
      }
      this.owner.registerDrawing(internals.id)
    }
    this.sheet.commit()
  }
}
