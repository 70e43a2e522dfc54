// One fast transform for every jest project: TypeScript, TSX and the ESM that
// Taro ships in node_modules all become CommonJS. esbuild does not hoist
// jest.mock() above imports, so tests replace modules with moduleNameMapper
// or require() after jest.mock().
const { transformSync } = require('esbuild')
const path = require('path')

const loaders = { '.ts': 'ts', '.tsx': 'tsx', '.js': 'jsx', '.jsx': 'jsx', '.mjs': 'js', '.cjs': 'js' }

module.exports = {
  process(source, filename) {
    const loader = loaders[path.extname(filename)] || 'js'
    const result = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      jsx: 'automatic',
      sourcemap: 'inline',
      sourcefile: filename,
      supported: { 'dynamic-import': false },
    })
    return { code: result.code }
  },
}
