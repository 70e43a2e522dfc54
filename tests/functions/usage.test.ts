import { main as account } from '../../cloudfunctions/account'
import { main as households } from '../../cloudfunctions/households'
import { main as maintenance } from '../../cloudfunctions/maintenance'
import { main as visits } from '../../cloudfunctions/visits'
import { functionUsage, startFunctionHarness } from '../support/functions'
import { uploadSignature, visitInput } from '../support/visits'

// The recorder: one pass through every function's actions against the local
// CloudBase, then a check that every action, query operator, update operator
// and aggregate stage they sent is one the local server implements (the
// harness refuses on stop otherwise), and a listing of them.
describe('what the functions ask of the database', () => {
  it('is all implemented by the local CloudBase', async () => {
    const h = await startFunctionHarness()
    const write = (name: string, main: typeof account, openid: string, action: string, payload: unknown = {}) =>
      h.call(name, main, openid, { action, payload, requestId: h.newRequestId() })
    await write('account', account, 'wx-usage', 'signIn')
    await h.call('account', account, 'demo-office', { action: 'listInvites' })
    await write('account', account, 'demo-office', 'createInvite', { role: 'police' })
    const household = await write('households', households, 'demo-cadre', 'create', { villageId: 'v-xinhua', group: 1, door: '1号', headName: '甲' })
    expect(household.ok).toBe(true)
    const requestId = h.newRequestId()
    const fileID = await uploadSignature(h, 'demo-cadre', 'v-xinhua', requestId)
    const created = await h.call<{ id: string }>('visits', visits, 'demo-cadre', {
      action: 'create',
      payload: visitInput({ villageId: 'v-xinhua', newHousehold: { group: 1, door: '2号', headName: '乙' }, signature: { kind: 'signed', fileID } }),
      requestId,
    })
    if (!created.ok) throw new Error(created.error.message)
    await h.call('visits', visits, 'demo-cadre', { action: 'list', payload: { scope: 'village', period: 'week', query: '乙' } })
    await write('visits', visits, 'demo-cadre', 'void', { visitId: created.data.id, reason: '测试' })
    await h.call('maintenance', maintenance, null, { Type: 'Timer', TriggerName: 'nightly' })
    await h.stop()

    const usage = functionUsage()
    expect(usage.actions).toEqual(
      expect.arrayContaining(['database.getDocument', 'database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.startTransaction', 'database.commitTransaction']),
    )
    expect(usage.queryOperators).toEqual(expect.arrayContaining(['$gte', '$lt']))
  })
})
