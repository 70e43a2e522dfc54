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

type InputHandler = (event: { detail: { value: string } }) => void

// Taro's H5 Textarea is a Stencil web component too; a plain <textarea>
// stands in, answering onInput with Taro's event shape ({ detail: { value } }).
export const Textarea = forwardRef(function Textarea(
  props: { id?: string; className?: string; value?: string; maxlength?: number; placeholder?: string; onInput?: InputHandler },
  ref: Ref<HTMLTextAreaElement>,
) {
  return createElement('textarea', {
    ref,
    id: props.id,
    className: props.className,
    value: props.value ?? '',
    maxLength: props.maxlength,
    placeholder: props.placeholder,
    onChange: (event: { target: { value: string } }) => props.onInput?.({ detail: { value: event.target.value } }),
  })
}) as unknown as typeof Components.Textarea

interface RichNode {
  name?: string
  attrs?: Record<string, string>
  children?: RichNode[]
  type?: 'text'
  text?: string
}

// Taro's H5 RichText is a Stencil web component: plain elements from the
// nodes stand in (text nodes as text, as the H5 component shows them).
export const RichText = function RichText(props: { nodes?: RichNode[] | string; className?: string }) {
  const build = (node: RichNode, key: number): ReturnType<typeof createElement> | string =>
    node.type === 'text' ? (node.text ?? '') : createElement(node.name ?? 'span', { key, 'data-style': node.attrs?.style }, ...(node.children ?? []).map(build))
  const nodes = Array.isArray(props.nodes) ? props.nodes : []
  return createElement('div', { className: `rich-text ${props.className ?? ''}`.trim() }, ...nodes.map(build))
} as unknown as typeof Components.RichText
