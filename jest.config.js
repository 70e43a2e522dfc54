// Test projects by what they exercise (see tests/README.md). `npm test` runs all
// of them; the browser tests have their own config (jest.e2e.config.js).
const transform = { '\\.[cm]?[jt]sx?$': '<rootDir>/tests/support/esbuild-transform.js' }
// Taro and its helpers ship ESM in node_modules: let the transform compile them.
const transformIgnorePatterns = [
  // sanitize-html's parser (htmlparser2 and its dom* helpers) ships ESM only.
  '/node_modules/(?!(@tarojs|@stencil|swiper|ssr-window|dom7|valibot|miniprogram-simulate|sanitize-html|htmlparser2|domhandler|domutils|domelementtype|dom-serializer|entities)/)',
]

const nodeProject = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  ...extra,
})

// Globals Taro's runtime and H5 components read (see ../shared/docs/taro.md).
const taroGlobals = {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_MUTATION_OBSERVER: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  __TARO_FRAMEWORK__: 'react',
}

module.exports = {
  projects: [
    nodeProject('unit'),
    nodeProject('contract'),
    nodeProject('functions'),
    // Pages and components in jsdom; Taro's APIs are mocked at the platform edge.
    {
      displayName: 'app',
      testMatch: ['<rootDir>/tests/app/**/*.test.tsx'],
      testEnvironment: 'jsdom',
      transform,
      transformIgnorePatterns,
      globals: taroGlobals,
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/tests/support/taro-mock.ts',
        '^@tarojs/components$': '<rootDir>/tests/support/taro-components.ts',
        '\\.(css|scss|less)$': '<rootDir>/tests/support/style-mock.js',
      },
      setupFiles: ['<rootDir>/tests/support/app-env.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/support/app-setup.ts'],
    },
    // The compiled weapp (dist/) under miniprogram-simulate; builds it first when stale.
    {
      displayName: 'weapp',
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      testEnvironment: 'jsdom',
      transform,
      // dist/ is already compiled for the mini-program: run it as it ships.
      transformIgnorePatterns: [...transformIgnorePatterns, '<rootDir>/dist/'],
      globalSetup: '<rootDir>/tests/weapp/global-setup.ts',
    },
  ],
}
