// Lint = TypeScript's recommended rules + the import directions of
// docs/architecture: pages -> features -> components/services -> domain,
// cloudfunctions/<name> -> _lib -> domain, local -> cloudfunctions.
import { readdirSync } from 'node:fs'
import tseslint from 'typescript-eslint'

const featureNames = (() => {
  try {
    return readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
  } catch {
    return []
  }
})()

const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
})
const banned = (group, message) => ({ group, message })

const NODE_IO = ['fs', 'fs/*', 'path', 'http', 'https', 'net', 'child_process', 'crypto', 'os', 'node:*']

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist-h5/', 'build/', '.data/', 'coverage/', 'bench/.out/', '**/*.js', '**/*.cjs', '**/*.mjs'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  restrict(
    ['domain/**/*.ts'],
    [
      banned(['react', 'react-*', '@tarojs/*', '@cloudbase/*', 'better-sqlite3', ...NODE_IO], 'domain/ is pure TypeScript shared by the app and the functions: no UI, SDK or I/O.'),
      banned(['**/src/**', '**/cloudfunctions/**', '**/local/**', '**/tests/**'], 'domain/ imports nothing of the project but domain/.'),
    ],
  ),
  restrict(
    ['src/**/*.{ts,tsx}'],
    [
      banned(['@cloudbase/*', 'better-sqlite3', '**/cloudfunctions/**', '**/local/**'], 'The mini-program reaches the backend only through src/services/cloud.ts.'),
    ],
  ),
  restrict(
    ['src/components/**/*.{ts,tsx}', 'src/services/**/*.{ts,tsx}', 'src/hooks/**/*.{ts,tsx}'],
    [
      banned(['@cloudbase/*', '**/cloudfunctions/**', '**/local/**'], 'The mini-program reaches the backend only through src/services/cloud.ts.'),
      banned(['**/features/**', '**/pages/**'], 'Shared components and services sit below features and pages: they must not import them.'),
    ],
  ),
  ...featureNames.map((feature) =>
    restrict(
      [`src/features/${feature}/**/*.{ts,tsx}`],
      [
        banned(['@cloudbase/*', '**/cloudfunctions/**', '**/local/**'], 'The mini-program reaches the backend only through src/services/cloud.ts.'),
        banned(['**/pages/**'], 'Features are composed by pages, never the other way round.'),
        banned(
          featureNames.filter((other) => other !== feature).flatMap((other) => [`**/features/${other}/**`, `../${other}/**`, `../../${other}/**`]),
          'No feature imports another feature: compose them in a page.',
        ),
      ],
    ),
  ),
  restrict(
    ['cloudfunctions/**/*.ts'],
    [banned(['react', '@tarojs/*', '**/src/**', '**/local/**', 'better-sqlite3'], 'Cloud functions use _lib and domain only; they never know about the app or the local stand-ins.')],
  ),
  restrict(
    ['cloudfunctions/_lib/**/*.ts'],
    [
      banned(['react', '@tarojs/*', '**/src/**', '**/local/**', 'better-sqlite3'], 'Cloud functions use _lib and domain only.'),
      banned(['../*/index', '../../cloudfunctions/*/**'], '_lib serves the functions; it must not import one.'),
    ],
  ),
)
