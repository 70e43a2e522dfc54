// Lint = TypeScript's recommended rules + the import directions of
// ../shared/docs/architecture.md: pages -> features -> components/services ->
// domain; cloudfunctions/<name> -> _lib -> domain, and no function imports
// another; local -> cloudfunctions -> domain; scripts -> local (never back:
// local runs scripts as commands). tests/ and bench/ may import anything.
//
// A file matched by several blocks gets the last block's patterns only (flat
// config replaces a rule's options), so each block lists every ban of its area.
import { readdirSync } from 'node:fs'
import tseslint from 'typescript-eslint'

const foldersIn = (path, keep = () => true) => {
  try {
    return readdirSync(new URL(path, import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && keep(entry.name))
      .map((entry) => entry.name)
  } catch {
    return []
  }
}
const featureNames = foldersIn('./src/features')
const functionNames = foldersIn('./cloudfunctions', (name) => !name.startsWith('_'))

const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
})
const banned = (group, message) => ({ group, message })

const NODE_IO = ['fs', 'fs/*', 'path', 'http', 'https', 'net', 'child_process', 'crypto', 'os', 'worker_threads', 'node:*']

const APP = [
  banned(['@cloudbase/*', 'better-sqlite3', ...NODE_IO], 'The mini-program runs in WeChat: no SDK, database or Node I/O.'),
  banned(['**/cloudfunctions/**', '**/local/**', '**/scripts/**'], 'The mini-program reaches the backend only through src/services/cloud.ts.'),
]
const FUNCTIONS = [
  banned(['react', 'react-*', '@tarojs/*', 'better-sqlite3'], 'Cloud functions use _lib and domain only; they never know about the app or the local stand-ins.'),
  banned(['**/src/**', '**/local/**', '**/scripts/**', '**/tests/**', '**/bench/**'], 'Cloud functions use _lib and domain only; they never know about the app or the local stand-ins.'),
]
const otherFunctions = (name) =>
  banned(
    functionNames.filter((other) => other !== name).flatMap((other) => [`../${other}`, `../${other}/**`, `**/cloudfunctions/${other}`, `**/cloudfunctions/${other}/**`]),
    'One function never imports another: shared code goes to cloudfunctions/_lib or domain/.',
  )

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
      banned(['**/src/**', '**/cloudfunctions/**', '**/local/**', '**/scripts/**', '**/tests/**', '**/bench/**'], 'domain/ imports nothing of the project but domain/.'),
    ],
  ),
  restrict(['src/**/*.{ts,tsx}'], APP),
  restrict(
    ['src/components/**/*.{ts,tsx}', 'src/services/**/*.{ts,tsx}', 'src/hooks/**/*.{ts,tsx}'],
    [...APP, banned(['**/features/**', '**/pages/**'], 'Shared components and services sit below features and pages: they must not import them.')],
  ),
  ...featureNames.map((feature) =>
    restrict(
      [`src/features/${feature}/**/*.{ts,tsx}`],
      [
        ...APP,
        banned(['**/pages/**'], 'Features are composed by pages, never the other way round.'),
        banned(
          featureNames.filter((other) => other !== feature).flatMap((other) => [`**/features/${other}/**`, `../${other}/**`, `../../${other}/**`]),
          'No feature imports another feature: compose them in a page.',
        ),
      ],
    ),
  ),
  restrict(['cloudfunctions/_lib/**/*.ts'], [...FUNCTIONS, banned(functionNames.flatMap((name) => [`../${name}`, `../${name}/**`, `../../${name}/**`, `**/cloudfunctions/${name}/**`]), '_lib serves the functions; it must not import one.')]),
  ...functionNames.map((name) => restrict([`cloudfunctions/${name}/**/*.ts`], [...FUNCTIONS, otherFunctions(name)])),
  restrict(
    ['local/**/*.ts'],
    [banned(['**/src/**', '**/scripts/**', '**/tests/**', '**/bench/**', 'react', 'react-*', '@tarojs/*'], 'local/ stands in for CloudBase and WeChat: it runs the functions and serves the built app; it imports neither the app nor scripts/ (it runs them as commands).')],
  ),
  restrict(['scripts/**/*.ts'], [banned(['**/src/**', '**/tests/**', '**/bench/**', 'react', 'react-*', '@tarojs/*'], 'Deployment scripts use the functions, domain/ and local/\'s models of CloudBase, never the app or the tests.')]),
)
