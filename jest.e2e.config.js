// Browser tests: the H5 build served by the local gateway, driven in Debian's
// headless Chromium (/usr/bin/chromium) by playwright-core. Run with
// `npm run test:e2e`; globalSetup builds what is stale first.
module.exports = {
  displayName: 'e2e',
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  testEnvironment: 'node',
  transform: { '\\.[cm]?[jt]sx?$': '<rootDir>/tests/support/esbuild-transform.js' },
  globalSetup: '<rootDir>/tests/e2e/global-setup.ts',
  testTimeout: 120000,
}
