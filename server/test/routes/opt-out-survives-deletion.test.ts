import { describe, expect, it } from 'vitest'
import { DATABASE_KINDS } from '../support/databases'
import { importedJob } from '../support/import-jobs'
import { useOptOutApp } from '../support/opt-out-harness'
import { PHONE_CHANGES } from '../support/phone-changes'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000

// Found by an outside tester: a contact who opted out, was deleted and was imported again with the
// same external id and a new phone got marketing again: the opt-out stayed with the old number only.
describe.each(DATABASE_KINDS)('an opt-out outlives deleting the contact, on %s', (kind) => {
  const { app, handedOver, dispatch, reply, events, imported } = useOptOutApp(kind, NOW)
  const remove = async (id: string) => expect((await app().inject({ method: 'DELETE', url: `/api/contacts/${id}` })).statusCode).toBe(204)
  const detail = async (id: string) => {
    const { phone, suppressed, optedOutAt, optOutSource } = (await app().inject({ method: 'GET', url: `/api/contacts/${id}` })).json().contact
    return { phone, suppressed, optedOutAt, optOutSource }
  }

  it.each(PHONE_CHANGES.map(([path, change], index) => [path, change, index] as const))(
    'a contact who replied STOP, deleted and brought back through %s with a new phone, stays opted out',
    async (_path, change, index) => {
      const id = `GONE-${index}`
      const [old, current] = [`+861393330${index}001`, `+861393330${index}002`]
      await imported(id, old)
      await reply(old, 'TD', NOW - 60 * MINUTE)
      await remove(id)
      await change(app(), id, current)
      handedOver.length = 0
      expect((await events(id, 'visit', 'order_shipped')).statusCode).toBe(200)
      await dispatch()
      expect(handedOver).toEqual([{ phone: current, category: 'transactional' }])
      expect(await detail(id)).toEqual({ phone: current, suppressed: true, optedOutAt: new Date(NOW - 60 * MINUTE).toISOString(), optOutSource: 'reply' })
    },
  )

  it('a contact created by an event after its deletion comes back opted out, and takes it to the phone it gets', async () => {
    await imported('EVENT-1', '+8613933310001')
    await reply('+8613933310001', 'STOP', NOW - 60 * MINUTE)
    await remove('EVENT-1')
    expect((await events('EVENT-1', 'signed_up')).statusCode).toBe(200)
    expect(await detail('EVENT-1')).toEqual({ phone: null, suppressed: true, optedOutAt: new Date(NOW - 60 * MINUTE).toISOString(), optOutSource: 'reply' })
    await imported('EVENT-1', '+8613933310002')
    handedOver.length = 0
    await events('EVENT-1', 'visit')
    await dispatch()
    expect(handedOver).toEqual([])
  })

  it("an import's opt-out (黑名单) comes back with the contact, and its START is held", async () => {
    expect((await importedJob(app(), 'id,phone,consent,黑名单\nBL-GONE,+8613933320001,yes,是\n', 'text/csv')).status).toBe('done')
    await remove('BL-GONE')
    await imported('BL-GONE', '+8613933320002')
    expect((await detail('BL-GONE')).optOutSource).toBe('import')
    expect(await reply('+8613933320002', 'START', NOW - MINUTE)).toEqual({ keyword: 'start', exited: 0, duplicate: false })
    expect((await detail('BL-GONE')).suppressed).toBe(true)
  })

  it("the person's own START from the number they have now lifts the opt-out they came back with, and a later deletion forgets nothing", async () => {
    await imported('BACK-2', '+8613933330001')
    await reply('+8613933330001', 'TD', NOW - 60 * MINUTE)
    await remove('BACK-2')
    await imported('BACK-2', '+8613933330002')
    await reply('+8613933330002', '订阅', NOW - 30 * MINUTE)
    handedOver.length = 0
    await events('BACK-2', 'visit')
    await dispatch()
    expect(handedOver).toEqual([{ phone: '+8613933330002', category: 'recall' }])
    // Opted back in: deleting and importing again brings back no opt-out.
    await remove('BACK-2')
    await imported('BACK-2', '+8613933330003')
    expect(await detail('BACK-2')).toEqual({ phone: '+8613933330003', suppressed: false, optedOutAt: null, optOutSource: null })
  })

  it('a contact that never opted out comes back without an opt-out', async () => {
    await imported('CLEAN-2', '+8613933340001')
    await remove('CLEAN-2')
    await imported('CLEAN-2', '+8613933340002')
    handedOver.length = 0
    await events('CLEAN-2', 'visit')
    await dispatch()
    expect(handedOver).toEqual([{ phone: '+8613933340002', category: 'recall' }])
  })
})
