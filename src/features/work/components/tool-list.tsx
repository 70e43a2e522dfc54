import { Text, View } from '@tarojs/components'
import { openPage } from '../../../services/navigation'
import type { WorkTool } from '../tools'
import './tool-list.css'

export function ToolList({ tools }: { tools: readonly WorkTool[] }) {
  return (
    <View className='tool-list'>
      {tools.map((tool) => {
        const path = tool.path
        return (
          <View
            key={tool.key}
            id={`tool-${tool.key}`}
            className={`card tool${path ? ' tool--ready' : ' tool--soon'}`}
            onClick={path ? () => openPage(path) : undefined}
          >
            <View className='tool__head'>
              <Text className='tool__title'>{tool.title}</Text>
              <Text className={path ? 'tool__go' : 'tool__badge'}>{path ? '进入 ›' : '即将上线'}</Text>
            </View>
            <Text className='tool__text'>{tool.description}</Text>
          </View>
        )
      })}
    </View>
  )
}
