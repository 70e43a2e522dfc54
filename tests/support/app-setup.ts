import { resetMeStore } from '../../src/features/account/me-store'
import { resetTaroMock } from './taro-mock'

beforeEach(() => {
  process.env.TARO_ENV = 'weapp'
  resetTaroMock()
  resetMeStore()
})
