import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { VisitDetailView } from '../../../features/visits/components/visit-detail-view'

export default function VisitDetailPage() {
  const { params } = useRouter()
  return (
    <View className='page' id='visit-detail-page'>
      <VisitDetailView visitId={params.id ?? ''} />
    </View>
  )
}
