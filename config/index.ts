import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// One config for both targets; `taro build --type weapp|h5` sets TARO_ENV.
// weapp -> dist/ (project.config.json's miniprogramRoot), h5 -> dist-h5/ (served
// by the local gateway).
// project.config.json carries the Taro template's placeholder AppID
// `touristappid`: replace it with the mini-program's real AppID before opening
// the project in WeChat DevTools to preview or upload.
const isH5 = process.env.TARO_ENV === 'h5'

// domain/ lives outside src/ and is shared with the cloud functions: Taro only
// runs babel over src/ and Taro's own packages, so list it here. valibot ships
// modern ESM (optional chaining...) that older WeChat base libraries cannot
// parse; compiling it through babel-preset-taro brings it down to the targets.
const compile = {
  include: [path.resolve(__dirname, '..', 'domain'), (filename: string) => /node_modules[\\/]valibot[\\/]/.test(filename)],
}

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'quanmin-fanzha',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      // The CloudBase environment id the weapp calls (`CLOUD_ENV=xxx npm run
      // build:weapp`). Empty means "the default environment of this AppID",
      // see src/services/cloud.ts.
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile,
      // Component styles are independent class sets, so the order in which
      // pages happen to import them does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile,
      // Named by their own content: a change elsewhere does not make returning
      // users download a file again (the gateway caches these for a year).
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // The first screen is one small app; webpack's 244 KiB hint is for sites.
      webpackChain(chain) {
        chain.performance.hints(false)
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return config
})
