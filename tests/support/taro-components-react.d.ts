// The H5 component modules ship without types; taro-components.ts gives each
// the type of its `@tarojs/components` counterpart.
declare module '@tarojs/components-react/dist/components/*' {
  const component: unknown
  export default component
}
