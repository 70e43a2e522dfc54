// What `@tarojs/components` is in the jsdom app tests: Taro's own H5 React
// components, imported by subpath (the package root has an import cycle and
// loads Stencil web components). See ../shared/docs/taro.md.
import type * as Components from '@tarojs/components'
import button from '@tarojs/components-react/dist/components/button/index.js'
import image from '@tarojs/components-react/dist/components/image/index.js'
import input from '@tarojs/components-react/dist/components/input/index.js'
import picker from '@tarojs/components-react/dist/components/picker/index.js'
import text from '@tarojs/components-react/dist/components/text/index.js'
import view from '@tarojs/components-react/dist/components/view/index.js'
import { createElement, forwardRef, type Ref } from 'react'

export const View = view as typeof Components.View
export const Text = text as typeof Components.Text
export const Button = button as typeof Components.Button
export const Input = input as typeof Components.Input
export const Image = image as typeof Components.Image
export const Picker = picker as typeof Components.Picker

type TouchHandler = (event: unknown) => void

// Taro's H5 Canvas is a Stencil web component; a plain <canvas> with the same
// touch props stands in (the drawing surface comes from the mocked selector
// query, see taro-mock.ts).
export const Canvas = forwardRef(function Canvas(
  props: { id?: string; className?: string; onTouchStart?: TouchHandler; onTouchMove?: TouchHandler; onTouchEnd?: TouchHandler; onTouchCancel?: TouchHandler },
  ref: Ref<HTMLCanvasElement>,
) {
  return createElement('canvas', {
    ref,
    id: props.id,
    className: props.className,
    onTouchStart: props.onTouchStart,
    onTouchMove: props.onTouchMove,
    onTouchEnd: props.onTouchEnd,
    onTouchCancel: props.onTouchCancel,
  })
}) as unknown as typeof Components.Canvas
