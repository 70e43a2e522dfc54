// What `@tarojs/components` is in the jsdom app tests: Taro's own H5 React
// components, imported by subpath (the package root has an import cycle and
// loads Stencil web components). See /work/shared/docs/taro.md.
import type * as Components from '@tarojs/components'
import button from '@tarojs/components-react/dist/components/button/index.js'
import image from '@tarojs/components-react/dist/components/image/index.js'
import input from '@tarojs/components-react/dist/components/input/index.js'
import text from '@tarojs/components-react/dist/components/text/index.js'
import view from '@tarojs/components-react/dist/components/view/index.js'

export const View = view as typeof Components.View
export const Text = text as typeof Components.Text
export const Button = button as typeof Components.Button
export const Input = input as typeof Components.Input
export const Image = image as typeof Components.Image
