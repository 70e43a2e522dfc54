/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: the platform the bundle is for. */
    TARO_ENV: 'weapp' | 'h5' | undefined
    /** CloudBase environment id for the weapp build (see config/index.ts). */
    CLOUD_ENV?: string
  }
}

/** Replaced at build time by config/index.ts `defineConstants`. */
declare const CLOUD_ENV: string
