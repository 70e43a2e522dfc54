// Exports are stored by the one helper every function uses (_lib/storage.ts).
export { storeExport } from '../_lib/storage'
