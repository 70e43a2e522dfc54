// Test projects by what they exercise (see tests/README.md). `npm test` runs all
// of them; the browser tests have their own config (jest.e2e.config.js).
const transform = { '\\.[cm]?[jt]sx?$': '<rootDir>/tests/support/esbuild-transform.js' }
// Taro and its helpers ship ESM in node_modules: let the transform compile them.
const transformIgnorePatterns = [
  '/node_modules/(?!(@tarojs|@stencil|swiper|ssr-window|dom7|valibot|miniprogram-simulate)/)',
]

const nodeProject = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  ...extra,
})

module.exports = {
  projects: [
    nodeProject('unit'),
    nodeProject('contract'),
    nodeProject('functions'),
  ],
}
